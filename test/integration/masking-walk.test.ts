import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, methodNames } from '../../shared/api';
import { localDay } from '../../shared/domain/days';
import { HIDDEN_TEXT } from '../../shared/domain/mask';
import { can, type Role } from '../../shared/domain/roles';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../helpers/sessions';

/**
 * Names are personal data: every role without personal:unmask sees them masked, in every
 * method of the contract; free text that may describe people is hidden from those roles
 * and kept out of the audit log; a birth date is never shown in full beside a masked ID.
 */

let t: TestCore;
let command: Call;
const MARK = '联系人王秀英电话13912345678';
/** An ID number typed at a checkpoint: masked in every read, never in the audit log. */
const GATE_ID = makeId('411402', '19800315', 77);
let fullNames: Set<string>;

beforeAll(async () => {
  t = await openTestCore({ demoResidents: true });
  command = await signInAs(t.core, 'command');
  const today = localDay(new Date());
  const db = t.core.db;
  // Free text of every kind, with a marker that must never reach a role that cannot unmask.
  const household = (db.prepare('SELECT id FROM households LIMIT 1').get() as { id: number }).id;
  unwrap(await command('needs.create', { householdId: household, kind: 'shopping', detail: `代买药品，${MARK}` }));
  const kp = (db.prepare("SELECT id FROM key_persons WHERE status = 'observing' LIMIT 1").get() as { id: number }).id;
  unwrap(await command('keyPersons.setStatus', { id: kp, status: 'hospital', note: `送医，${MARK}` }));
  const campaign = db.prepare('SELECT id, start_date AS s FROM campaigns ORDER BY id DESC LIMIT 1').get() as { id: number; s: string };
  unwrap(
    await command('visits.record', {
      campaignId: campaign.id,
      householdId: household,
      day: campaign.s,
      result: 'done',
      present: 2,
      findings: `独居老人，${MARK}`,
    }),
  );
  const problem = (db.prepare("SELECT id FROM problems WHERE status = 'open' LIMIT 1").get() as { id: number }).id;
  db.prepare('UPDATE problems SET description = ? WHERE id = ?').run(`门岗人员未戴口罩，${MARK}`, problem);
  unwrap(await command('people.create', { name: '欧阳明月', phone: '13700001111', kind: 'volunteer', note: `腿脚不便，${MARK}` }));
  const cp = (db.prepare("SELECT id FROM checkpoints WHERE status = 'active' LIMIT 1").get() as { id: number }).id;
  unwrap(
    await command('registrations.create', {
      checkpointId: cp,
      subject: 'person',
      name: '司马长风',
      phone: '13600002222',
      idNumber: GATE_ID,
      temperature: 36.5,
    }),
  );
  unwrap(await command('tests.create', { name: '第一轮全员核酸', day: today }));
  unwrap(await command('briefings.generate', { day: today }));
  fullNames = new Set(
    (
      db
        .prepare(
          'SELECT name FROM residents UNION SELECT name FROM key_persons UNION SELECT name FROM people UNION SELECT name FROM registrations WHERE name IS NOT NULL',
        )
        .all() as { name: string }[]
    )
      .map((r) => r.name)
      .filter((n) => [...n].length >= 2),
  );
}, 240_000);
afterAll(() => t.cleanup());

/** Inputs for reads that need one (a day, a campaign …); the rest are called with {}. */
function inputFor(name: string): Record<string, unknown> {
  const db = t.core.db;
  const today = localDay(new Date());
  const first = (sql: string) => {
    const row = db.prepare(sql).get() as { id: number } | undefined;
    if (!row) throw new Error(`the demo has no row for ${sql}`);
    return row.id;
  };
  const inputs: Record<string, () => Record<string, unknown>> = {
    'registrations.list': () => ({ day: today, pageSize: 200 }),
    'registrations.daily': () => ({ day: today }),
    'followups.due': () => ({ day: today }),
    'disinfection.list': () => ({ day: today, pageSize: 200 }),
    'disinfection.coverage': () => ({ day: today }),
    'campaigns.coverage': () => ({ id: first('SELECT id FROM campaigns ORDER BY id DESC') }),
    'campaigns.unreached': () => ({ id: first('SELECT id FROM campaigns ORDER BY id DESC') }),
    'keyPersons.history': () => ({ id: first("SELECT id FROM key_persons WHERE status = 'hospital'") }),
    'problems.get': () => ({ id: first("SELECT id FROM problems WHERE description LIKE '%王秀英%'") }),
    'problems.notice': () =>
      db.prepare("SELECT target_kind AS targetKind, target_id AS targetId FROM problems WHERE description LIKE '%王秀英%'").get() as Record<string, unknown>,
    'teams.members': () => ({ id: first('SELECT id FROM teams ORDER BY id') }),
    'rosters.grid': () => ({ id: first('SELECT id FROM rosters ORDER BY id DESC') }),
    'rosters.coverage': () => ({ id: first('SELECT id FROM rosters ORDER BY id DESC') }),
    'rosters.candidates': () => {
      const a = db.prepare('SELECT roster_id AS rosterId, post_id AS postId, day, shift FROM assignments LIMIT 1').get() as Record<string, unknown>;
      return a;
    },
    'briefings.get': () => ({ id: first('SELECT id FROM briefings ORDER BY id DESC') }),
    'briefings.versions': () => ({ id: first('SELECT id FROM briefings ORDER BY id DESC') }),
    'rollup.get': () => ({ day: today }),
    'briefings.list': () => ({}),
    'tests.compounds': () => ({ id: first('SELECT id FROM test_rounds ORDER BY id') }),
    'inspections.targets': () => ({ targetKind: 'compound' }),
    'inspections.report': () => ({ from: '2000-01-01', to: today }),
    'donations.get': () => ({ id: first('SELECT id FROM donations ORDER BY id') }),
    'plans.preview': () => ({
      warehouseId: 1,
      basis: 'equal',
      recipients: 'both',
      items: [{ itemId: first('SELECT id FROM supply_items ORDER BY id'), total: 1 }],
    }),
    'compounds.get': () => ({ id: first('SELECT id FROM compounds ORDER BY id') }),
    'compounds.levelHistory': () => ({ id: first('SELECT id FROM compounds ORDER BY id') }),
    'checkpoints.get': () => ({ id: first('SELECT id FROM checkpoints ORDER BY id') }),
    'residents.buildings': () => ({ compoundId: first('SELECT compound_id AS id FROM buildings ORDER BY id') }),
    'residents.households': () => ({ buildingId: first('SELECT id FROM buildings ORDER BY id') }),
  };
  const paged =
    /\.list$/.test(name) && 'pageSize' in ((api[name as keyof typeof api].input as unknown as { shape?: object }).shape ?? {}) ? { pageSize: 200 } : {};
  return inputs[name]?.() ?? paged;
}

/** Every string in a result, with where it is. */
function strings(value: unknown, where = ''): [string, string][] {
  if (typeof value === 'string') return [[where, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${where}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${where}.${k}`));
  return [];
}

/** Reads of the contract a role may call (exports and files are checked elsewhere: they are workbooks). */
const readsOf = (role: Role) =>
  methodNames.filter((n) => {
    const s = api[n];
    return (
      !s.write &&
      s.perm !== 'public' &&
      (s.perm === 'session' || can(role, s.perm)) &&
      !/(\.export|\.docx|\.workbook|\.template|\.errorReport)$/.test(n) &&
      n !== 'photos.get' &&
      (!n.startsWith('excel.') || n === 'excel.tables') &&
      !n.startsWith('recovery.')
    );
  });

describe('names and free text for roles that cannot unmask', () => {
  for (const role of ['viewer', 'supplies', 'admin'] as const) {
    it(`${role}: no read of the contract returns a person's full name or free text about people`, async () => {
      const call = await signInAs(t.core, role);
      const leaks: string[] = [];
      const called: string[] = [];
      // The demo office has no allocation plan yet; a plan names places and items, no people.
      for (const name of readsOf(role).filter((n) => n !== 'plans.get')) {
        const res = await call(name, inputFor(name));
        if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
        called.push(name);
        for (const [where, s] of strings(res.data)) {
          if (fullNames.has(s)) leaks.push(`${name}${where}: a full name`);
          if (s.includes('王秀英') || s.includes('13912345678')) leaks.push(`${name}${where}: free text`);
          if (s.includes(GATE_ID)) leaks.push(`${name}${where}: a full ID number`);
        }
      }
      expect(leaks).toEqual([]);
      expect(called.length).toBeGreaterThan(role === 'admin' ? 10 : 40);
    });
  }

  it('shows 领导查看 masked names and hidden notes where the command centre sees them in full', async () => {
    const viewer = await signInAs(t.core, 'viewer');
    const seen = unwrap<{ rows: { name: string }[] }>(await viewer('residents.list', { pageSize: 5 })).rows;
    const full = unwrap<{ rows: { name: string }[] }>(await command('residents.list', { pageSize: 5 })).rows;
    expect(full.every((r) => fullNames.has(r.name))).toBe(true);
    expect(seen.map((r) => r.name)).toEqual(
      full.map((r) => [...r.name][0] + '*'.repeat([...r.name].length - 2) + ([...r.name].length > 2 ? [...r.name].at(-1) : '')),
    );
    const needs = unwrap<{ detail: string }[]>(await viewer('needs.list', {}));
    expect(needs.some((n) => n.detail === HIDDEN_TEXT)).toBe(true);
    expect(unwrap<{ detail: string }[]>(await command('needs.list', {})).some((n) => n.detail.includes('王秀英'))).toBe(true);
  });

  it('never shows a full birth date beside a masked ID number', async () => {
    const rows = unwrap<{ rows: { idNumber: string; birthDate: string }[] }>(await command('residents.list', { pageSize: 20 })).rows;
    for (const r of rows) {
      expect(r.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      expect(r.birthDate).toMatch(/^\d{4}-\*\*-\*\*$/);
    }
    const revealed = unwrap<{ rows: { idNumber: string; birthDate: string }[] }>(
      await command('residents.list', { pageSize: 20, reveal: { reason: '流调' } }),
    ).rows;
    expect(revealed[0]!.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keeps names, phones and free text out of the audit log', () => {
    const details = (t.core.db.prepare('SELECT detail FROM audit_log WHERE detail IS NOT NULL').all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(details).not.toContain('王秀英');
    expect(details).not.toContain('13912345678');
    expect(details).not.toContain('欧阳明月');
    expect(details).not.toContain('司马长风');
    expect(details).not.toContain(GATE_ID);
    expect(details).toContain('欧**月');
  });
});
