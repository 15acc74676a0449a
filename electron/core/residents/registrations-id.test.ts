import { describe, expect, it } from 'vitest';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { dataOf, errorOf, openSignedIn, signInAs } from '../../../test/helpers/temp-core';
import { localDay as dayOf } from '../../../shared/domain/days';
import { cleanupPersonal } from './cleanup';

const localDay = () => dayOf(new Date());

type Reg = { id: number; idNumber: string | null; residentId: number | null; name: string };

/** 卡点登记's ID number field and the gate's 已知晓 of a fever warning. */
describe('registration ID numbers', () => {
  it('are optional, checked like residents’, linked to the resident with the same number, masked unless revealed and never in the audit log', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const cp = dataOf<{ rows: { id: number }[] }>(await call('checkpoints.list', { pageSize: 1 })).rows[0]!;
    const known = makeId('411402', '19850612', 31);
    const stranger = makeId('410102', '19990101', 57);
    const T = '2026-11-01T00:00:00Z';
    const resident = Number(
      core.db
        .prepare(
          "INSERT INTO residents (name, id_number, birth_date, gender, kind, search_key, created_at, updated_at) VALUES ('赵德明', ?, '1985-06-12', 'M', 'resident', 'zdm', ?, ?)",
        )
        .run(known, T, T).lastInsertRowid,
    );

    const bad = errorOf(
      await call('registrations.create', { checkpointId: cp.id, name: '赵德明', idNumber: `${known.slice(0, 17)}${known[17] === '1' ? '2' : '1'}` }),
    );
    expect(bad.issues?.[0]).toMatchObject({ path: 'idNumber', message: '身份证号校验位不正确，请核对' });
    expect(errorOf(await call('registrations.create', { checkpointId: cp.id, name: '赵德明', idNumber: '41140219850612' })).issues?.[0]?.message).toBe(
      '身份证号应为 18 位（最后一位可以是 X）',
    );

    const linked = dataOf<Reg>(await call('registrations.create', { checkpointId: cp.id, name: '赵德明', idNumber: known, temperature: 36.4 }));
    expect(linked).toMatchObject({ residentId: resident, idNumber: `${known.slice(0, 4)}**********${known.slice(-4)}` });
    const unknown = dataOf<Reg>(await call('registrations.create', { checkpointId: cp.id, name: '钱小红', idNumber: stranger.toLowerCase() }));
    expect(unknown.residentId).toBeNull();
    const none = dataOf<Reg>(await call('registrations.create', { checkpointId: cp.id, name: '孙立' }));
    expect(none).toMatchObject({ idNumber: null, residentId: null });
    expect(core.db.prepare('SELECT id_number AS n FROM registrations ORDER BY id').all()).toEqual([{ n: known }, { n: stranger }, { n: null }]);

    // Lists show the mask; the full number only to a role that may unmask, with a reason, and logged.
    const listed = dataOf<{ rows: Reg[] }>(await call('registrations.list', { checkpointId: cp.id, day: localDay(), pageSize: 10 })).rows;
    expect(listed.map((r) => r.idNumber).filter(Boolean)).toEqual([maskOf(stranger), maskOf(known)]);
    const revealed = dataOf<{ rows: Reg[] }>(await call('registrations.list', { checkpointId: cp.id, day: localDay(), reveal: { reason: '流调' } })).rows;
    expect(revealed.map((r) => r.idNumber).filter(Boolean)).toEqual([stranger, known]);
    const viewer = await signInAs(core, 'viewer');
    const seen = dataOf<{ rows: Reg[] }>(await viewer('registrations.list', { checkpointId: cp.id, day: localDay() })).rows;
    expect(seen.map((r) => r.idNumber).filter(Boolean)).toEqual([maskOf(stranger), maskOf(known)]);
    expect(seen.map((r) => r.name)).toContain('赵*明');
    expect((await viewer('registrations.list', { checkpointId: cp.id, day: localDay(), reveal: { reason: '流调' } })).ok).toBe(false);
    const audit = (core.db.prepare('SELECT detail FROM audit_log WHERE detail IS NOT NULL').all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(audit).toContain(maskOf(known));
    expect(audit).not.toContain(known);
    expect(audit).not.toContain(stranger);

    // 数据清理 takes the number and the link with the name.
    await cleanupPersonal(core.db, '2999-01-01', async () => {});
    expect(core.db.prepare('SELECT count(*) AS n FROM registrations WHERE id_number IS NOT NULL OR resident_id IS NOT NULL').get()).toEqual({ n: 0 });
  });
});

describe('a fever warning at the gate', () => {
  it('is marked seen by who acknowledged it on screen, and stays open for the command centre', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const cp = dataOf<{ rows: { id: number }[] }>(await call('checkpoints.list', { pageSize: 1 })).rows[0]!;
    const gate = await signInAs(core, 'roster');
    dataOf(await gate('registrations.create', { checkpointId: cp.id, name: '李春生', temperature: 37.8 }));
    const [alert] = dataOf<{ id: number; checkpointId: number; seenBy: string | null }[]>(await gate('alerts.open', {}));
    expect(alert).toMatchObject({ checkpointId: cp.id, seenBy: null });
    dataOf(await gate('alerts.seen', { id: alert!.id }));
    dataOf(await call('alerts.seen', { id: alert!.id })); // a second 已知晓 does not change who saw it first
    const after = dataOf<{ id: number; seenBy: string | null; seenAt: string | null; ackAt: string | null }[]>(await call('alerts.open', {}));
    expect(after).toEqual([expect.objectContaining({ id: alert!.id, seenBy: 'diaodu', ackAt: null })]);
    expect(after[0]!.seenAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(errorOf(await gate('alerts.seen', { id: 999_999 })).message).toBe('预警不存在');
    await expect((await signInAs(core, 'viewer'))('alerts.seen', { id: alert!.id })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

const maskOf = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;
