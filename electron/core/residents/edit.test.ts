import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDetail } from '../../../shared/api/audit-text';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/** Editing residents one at a time and 批量修改: all or nothing, within the caller's communities, logged without personal data. */

let t: TestCore;
let command: Call;
let community: Call;
let mine: number;
let theirs: number;
const ids: number[] = [];
let stranger: number;

const rowOf = (id: number) =>
  t.core.db
    .prepare(
      'SELECT r.*, b.name AS building, h.unit, h.room FROM residents r LEFT JOIN households h ON h.id = r.household_id LEFT JOIN buildings b ON b.id = h.building_id WHERE r.id = ?',
    )
    .get(id) as Record<string, unknown>;

function addResident(name: string, idNumber: string, compoundId: number): number {
  const at = new Date().toISOString();
  return Number(
    t.core.db
      .prepare(
        "INSERT INTO residents (compound_id, name, id_number, birth_date, gender, phone, kind, flags, search_key, created_at, updated_at) VALUES (?, ?, ?, '1970-01-01', 'M', '13900000000', 'resident', '', ?, ?, ?)",
      )
      .run(compoundId, name, idNumber, name, at, at).lastInsertRowid,
  );
}

beforeAll(async () => {
  t = await openTestCore();
  command = await signInAs(t.core, 'command');
  community = await signInAs(t.core, 'community');
  const own = (
    t.core.db.prepare("SELECT community_id AS c FROM user_communities u JOIN users x ON x.id = u.user_id WHERE x.username = 'shequ'").get() as { c: number }
  ).c;
  mine = (t.core.db.prepare('SELECT id FROM compounds WHERE community_id = ? ORDER BY id LIMIT 1').get(own) as { id: number }).id;
  theirs = (t.core.db.prepare('SELECT id FROM compounds WHERE community_id <> ? ORDER BY id LIMIT 1').get(own) as { id: number }).id;
  ['赵一一', '钱二二', '孙三三'].forEach((n, i) => ids.push(addResident(n, makeId('411402', '19700101', 101 + i), mine)));
  stranger = addResident('李外外', makeId('411402', '19700101', 201), theirs);
}, 120_000);
afterAll(() => t.cleanup());

describe('residents.update', () => {
  it('changes only the fields sent; a new ID number brings its birth date and sex, and a building makes a household', async () => {
    const id = ids[0]!;
    const newId = makeId('411402', '19850612', 122);
    const r = unwrap<{ changed: string[] }>(await command('residents.update', { id, idNumber: newId, building: '7', room: '702', note: '腿脚不便' }));
    expect(r.changed).toEqual(expect.arrayContaining(['idNumber', 'birthDate', 'gender', 'building', 'room', 'note']));
    const row = rowOf(id);
    expect(row).toMatchObject({
      id_number: newId,
      birth_date: '1985-06-12',
      gender: 'F',
      building: '7',
      room: '702',
      note: '腿脚不便',
      name: '赵一一',
      phone: '13900000000',
    });
  });

  it('refuses a bad ID number and phone with Chinese messages, and a duplicate ID number, changing nothing', async () => {
    const before = rowOf(ids[1]!);
    const bad = await command('residents.update', { id: ids[1], idNumber: '411402197001011235', phone: '12345' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.message).toContain('身份证号校验位不正确');
      expect(bad.error.message).toContain('电话号码格式不正确');
    }
    const dup = await command('residents.update', { id: ids[1], idNumber: rowOf(stranger).id_number });
    expect(dup.ok || dup.error.message).toBe('身份证号与已登记的另一位居民重复');
    expect(rowOf(ids[1]!)).toEqual(before);
  });

  it('will not let a 社区工作人员 edit another community’s resident, or move one of theirs there', async () => {
    const other = await community('residents.update', { id: stranger, note: '改一下' });
    expect(other.ok || other.error.code).toBe('FORBIDDEN');
    const move = await community('residents.update', { id: ids[2], compoundId: theirs });
    expect(move.ok || move.error.code).toBe('FORBIDDEN');
    unwrap(await community('residents.update', { id: ids[2], relation: '户主' }));
    expect(rowOf(ids[2]!).relation).toBe('户主');
  });
});

describe('residents.bulkUpdate', () => {
  it('applies one change to every selected resident in one go', async () => {
    const r = unwrap<{ changed: number }>(await command('residents.bulkUpdate', { ids, set: { building: '9', unit: '2', kind: 'tenant', flags: ['慢病'] } }));
    expect(r.changed).toBe(3);
    for (const id of ids) expect(rowOf(id)).toMatchObject({ building: '9', unit: '2', kind: 'tenant', flags: '慢病' });
  });

  it('changes nothing when one row cannot take the change, and names that row (name masked)', async () => {
    // No compound: a building cannot be set on this one.
    const homeless = addResident('周无家', makeId('411402', '19700101', 301), mine);
    t.core.db.prepare('UPDATE residents SET compound_id = NULL, household_id = NULL WHERE id = ?').run(homeless);
    const before = ids.map(rowOf);
    const res = await command('residents.bulkUpdate', { ids: [...ids, homeless], set: { building: '3', kind: 'floating' } });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toBe('第 4 条（周*家）：请先选择小区，再填写楼栋；全部未修改');
    expect(ids.map(rowOf)).toEqual(before);
  });

  it('refuses a 社区工作人员 a selection that holds another community’s resident, and writes nothing', async () => {
    const before = rowOf(ids[0]!);
    const res = await community('residents.bulkUpdate', { ids: [ids[0], stranger], set: { origin: '郑州' } });
    expect(res.ok || res.error.code).toBe('FORBIDDEN');
    expect(rowOf(ids[0]!)).toEqual(before);
    expect(rowOf(stranger).origin).toBeNull();
  });

  it('keeps names, ID numbers, phones and notes out of the bulk contract and out of the audit log', async () => {
    const res = await command('residents.bulkUpdate', { ids, set: { phone: '13811112222' } });
    expect(res.ok || res.error.message).toContain('请选择要修改的字段');
    unwrap(await command('residents.bulkUpdate', { ids, set: { origin: '武汉', note: '电话13811112222 王秀英' } }));
    unwrap(await command('residents.update', { id: ids[1], name: '钱新名', phone: '13811113333', idNumber: makeId('411402', '19900101', 155) }));
    const log = t.core.db.prepare("SELECT group_concat(detail, '\n') AS d FROM audit_log WHERE method LIKE 'residents.%'").get() as { d: string };
    expect(log.d).toContain('武汉');
    for (const secret of ['13811112222', '王秀英', '钱新名', '13811113333', makeId('411402', '19900101', 155), makeId('411402', '19850612', 122), '腿脚不便'])
      expect(log.d).not.toContain(secret);
    // One 'write' row per resident changed (the refusals above are 'security' rows).
    const rows = t.core.db
      .prepare(
        "SELECT kind, entity, entity_id AS id FROM audit_log WHERE method = 'residents.bulkUpdate' AND kind <> 'security' ORDER BY audit_log.rowid DESC LIMIT 3",
      )
      .all();
    expect(rows).toEqual(expect.arrayContaining(ids.map((id) => ({ kind: 'write', entity: 'residents', id }))));
    // 操作日志 reads it in Chinese: 来源地：… → 武汉.
    const last = t.core.db
      .prepare("SELECT detail FROM audit_log WHERE method = 'residents.bulkUpdate' AND kind = 'write' ORDER BY rowid DESC LIMIT 1")
      .get() as { detail: string };
    expect(describeDetail(last.detail)).toMatch(/来源地：.*→ 武汉/);
  });
});
