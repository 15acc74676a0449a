import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
});
afterAll(() => t.cleanup());

type Features = { compounds: { id: number; communityName: string; boundary: unknown }[]; checkpoints: { id: number; lng: number | null; lat: number | null }[] };

describe('map data', () => {
  it('returns every compound and checkpoint of the office, and only the own community for a scoped user', async () => {
    const all = unwrap<Features>(await (await signInAs(t.core, 'viewer'))('map.features'));
    expect(all.compounds).toHaveLength(168);
    expect(all.checkpoints).toHaveLength(99);
    expect(all.compounds.every((c) => c.boundary !== null)).toBe(true);
    const scoped = unwrap<Features>(await (await signInAs(t.core, 'community'))('map.features'));
    expect(new Set(scoped.compounds.map((c) => c.communityName)).size).toBe(1);
  });

  it('moving a checkpoint changes only its position, is audited, and needs write permission', async () => {
    const command = await signInAs(t.core, 'command');
    const before = unwrap<Features>(await command('map.features')).checkpoints[0]!;
    const moved = unwrap<{ lng: number; lat: number; name: string }>(await command('checkpoints.move', { id: before.id, lng: 115.7, lat: 34.5 }));
    expect(moved).toMatchObject({ lng: 115.7, lat: 34.5 });
    const log = t.core.db.prepare("SELECT detail FROM audit_log WHERE method = 'checkpoints.move' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(Object.keys(JSON.parse(log.detail)).sort()).toEqual(['lat', 'lng']);
    expect(await command('checkpoints.move', { id: before.id, lng: 34.5, lat: 115.7 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await (await signInAs(t.core, 'viewer'))('checkpoints.move', { id: before.id, lng: 115.7, lat: 34.5 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
