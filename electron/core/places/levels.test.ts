import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { manualClock } from '../../../test/helpers/temp-core';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { upgradeWithData } from '../../../test/helpers/upgrade';
import { dayFigures } from '../briefing/figures';

/** 封控: the time it took effect and why go into the level history; days already briefed keep their figures. */

const clock = manualClock('2026-12-03T02:00:00Z'); // 10:00 on 3 December, Beijing
let t: TestCore;
let call: Call;

beforeAll(async () => {
  t = await openTestCore({ now: clock });
  call = await signInAs(t.core, 'command');
}, 120_000);
afterAll(() => t.cleanup());

const sealedOn = (day: string) => dayFigures(t.core.db, day, { map: true }).totals.compoundsSealed;
const failure = (e: Envelope) => (e.ok ? 'ok' : `${e.error.code}: ${e.error.message}`);

describe('封控 a compound', () => {
  it('records when and why in the level history; yesterday’s briefing is unchanged', async () => {
    const open = t.core.db.prepare("SELECT id FROM compounds WHERE control_level = 'normal' LIMIT 1").get() as { id: number };
    const yesterday = dayFigures(t.core.db, '2026-12-02', { map: true });
    const sealedToday = sealedOn('2026-12-03');

    // Sealed at 08:30, recorded at 10:00.
    const r = unwrap<{ since: string }>(
      await call('compounds.setLevel', { id: open.id, level: 'sealed', at: '2026-12-03T08:30:00+08:00', reason: '发现一例阳性，按指挥部通知封控' }),
    );
    expect(r.since).toBe('2026-12-03T00:30:00.000Z');
    expect(unwrap<{ controlLevel: string }>(await call('compounds.get', { id: open.id })).controlLevel).toBe('sealed');
    const history = unwrap<{ since: string; level: string; reason: string | null; username: string | null }[]>(
      await call('compounds.levelHistory', { id: open.id }),
    );
    expect(history[0]).toEqual({ since: '2026-12-03T00:30:00.000Z', level: 'sealed', reason: '发现一例阳性，按指挥部通知封控', username: expect.any(String) });
    expect(history[1]).toMatchObject({ level: 'normal', reason: null });

    expect(dayFigures(t.core.db, '2026-12-02', { map: true })).toEqual(yesterday);
    expect(sealedOn('2026-12-03')).toBe(sealedToday + 1);
    // The audit log has the change, with its reason kept out (free text).
    const audit = t.core.db.prepare("SELECT detail FROM audit_log WHERE method = 'compounds.setLevel' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(audit.detail).not.toContain('阳性');
  });

  it('解封 or a lower level goes into the history the same way; yesterday’s briefing still counts the compound as sealed', async () => {
    const sealed = t.core.db
      .prepare(
        "SELECT c.id FROM compounds c WHERE c.control_level = 'sealed' AND NOT EXISTS (SELECT 1 FROM compound_levels l WHERE l.compound_id = c.id AND l.since >= '2026-12-02T16:00:00.000Z') LIMIT 1",
      )
      .get() as { id: number };
    const yesterday = dayFigures(t.core.db, '2026-12-02', { map: true });
    const today = dayFigures(t.core.db, '2026-12-03', { map: true }).totals;
    unwrap(await call('compounds.setLevel', { id: sealed.id, level: 'precaution', at: '2026-12-03T09:00:00+08:00', reason: '14 天无新增，按通知解封' }));
    const history = unwrap<{ since: string; level: string; reason: string | null }[]>(await call('compounds.levelHistory', { id: sealed.id }));
    expect(history[0]).toMatchObject({ since: '2026-12-03T01:00:00.000Z', level: 'precaution', reason: '14 天无新增，按通知解封' });
    expect(history[1]).toMatchObject({ level: 'sealed' });
    expect(unwrap<{ controlLevel: string }>(await call('compounds.get', { id: sealed.id })).controlLevel).toBe('precaution');

    expect(dayFigures(t.core.db, '2026-12-02', { map: true })).toEqual(yesterday);
    const after = dayFigures(t.core.db, '2026-12-03', { map: true }).totals;
    expect([after.compoundsSealed, after.compoundsPrecaution]).toEqual([today.compoundsSealed - 1, today.compoundsPrecaution + 1]);
  });

  it('refuses a time before today, a time to come, the same level again and a missing reason, in Chinese', async () => {
    const open = t.core.db.prepare("SELECT id FROM compounds WHERE control_level = 'normal' LIMIT 1").get() as { id: number };
    const seal = (extra: Record<string, unknown>) => call('compounds.setLevel', { id: open.id, level: 'sealed', reason: '密接者居住', ...extra });
    expect(failure(await seal({ at: '2026-12-02T22:00:00+08:00' }))).toBe('VALIDATION: 生效时间不能早于今天 0 点：之前各天的简报已按当时的管控等级出具');
    expect(failure(await seal({ at: '2026-12-03T11:00:00+08:00' }))).toBe('VALIDATION: 生效时间不能晚于现在');
    expect(failure(await seal({ reason: '  ' }))).toMatch(/^VALIDATION: .*请填写原因/);
    expect(unwrap(await seal({}))).toEqual({ since: '2026-12-03T02:00:00.000Z' });
    expect(failure(await seal({}))).toMatch(/^CONFLICT: .*已经是封控区$/);
  });
});

describe('migration 180', () => {
  it('keeps the level history on file, with no reason or user for the rows before it', () => {
    const T = '2026-11-20T02:00:00.000Z';
    upgradeWithData(
      180,
      (db) => {
        db.prepare(`INSERT INTO communities (id, name, kind, search_key, created_at, updated_at) VALUES (1, '建设路社区', 'community', 'jslsq', ?, ?)`).run(
          T,
          T,
        );
        db.prepare(
          `INSERT INTO compounds (id, name, community_id, management_type, buildings, households, population, control_level, search_key, created_at, updated_at)
           VALUES (1, '馨苑华园', 1, 'managed', 3, 100, 300, 'controlled', 'xyhy', ?, ?)`,
        ).run(T, T);
      },
      (db) => {
        expect(db.prepare('SELECT compound_id, since, level, reason, username FROM compound_levels').all()).toEqual([
          { compound_id: 1, since: T, level: 'controlled', reason: null, username: null },
        ]);
      },
    );
  });
});
