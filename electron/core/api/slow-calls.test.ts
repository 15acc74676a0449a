import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { noteCall } from './slow-calls';

let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
});
afterAll(() => t.cleanup());

describe('slow-call log', () => {
  it('lists calls over 100 ms by method and time, newest first, to the administrator only, never with their input', async () => {
    noteCall('excel.preview', 99.4, new Date('2026-03-01T08:00:00Z'));
    noteCall('excel.commit', 2480.6, new Date('2026-03-01T08:00:05Z'));
    noteCall('demo.reset', 13012, new Date('2026-03-01T08:01:00Z'));
    const admin = await signInAs(t.core, 'admin');
    const rows = unwrap<{ at: string; method: string; ms: number }[]>(await admin('system.slowCalls'));
    // (The sign-ins above may be slow enough to be listed too: only the noted ones are compared.)
    expect(rows.filter((r) => r.at.startsWith('2026-03-01'))).toEqual([
      { at: '2026-03-01T08:01:00.000Z', method: 'demo.reset', ms: 13012 },
      { at: '2026-03-01T08:00:05.000Z', method: 'excel.commit', ms: 2481 },
    ]);
    expect(rows.some((r) => r.method === 'excel.preview' && r.ms < 100)).toBe(false);
    expect(Object.keys(rows[0]!)).toEqual(['at', 'method', 'ms']);
    const command = await signInAs(t.core, 'command');
    expect(await command('system.slowCalls')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
