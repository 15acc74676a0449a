import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { uploadFile } from '../../../test/helpers/excel';
import { dataOf, errorOf, openSignedIn, type Call } from '../../../test/helpers/temp-core';

/** A key person linked to their record in the resident register: kept through a re-import of the register. */

const HEAD = ['姓名', '身份证号', '手机号', '小区', '社区', '楼栋', '单元', '房号', '人员类型'];
const ID = makeId('411402', '19790612', 31);

async function importResidents(call: Call, rows: unknown[][]) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEAD, ...rows]), '排查表');
  const { uploadId } = dataOf<{ uploadId: string }>(await uploadFile(call, 'residents', '居民排查.xlsx', XLSX.write(wb, { type: 'base64', bookType: 'xlsx' })));
  const p = dataOf<{ counts: Record<string, number> }>(await call('excel.preview', { uploadId, pageSize: 10 }));
  expect(p.counts.error).toBe(0);
  dataOf(await call('excel.commit', { uploadId }));
}

type KeyPerson = { id: number; residentId: number | null; residentName: string | null; idNumber: string | null; compoundName: string | null };

describe('linking a key person to the resident register', () => {
  it('links to a resident of the same community, refuses another community’s, and keeps the link through a re-import', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const compound = core.db
      .prepare('SELECT c.id, c.name, m.name AS community, c.community_id AS communityId FROM compounds c JOIN communities m ON m.id = c.community_id LIMIT 1')
      .get() as {
      id: number;
      name: string;
      community: string;
      communityId: number;
    };
    const other = core.db
      .prepare('SELECT c.name, m.name AS community FROM compounds c JOIN communities m ON m.id = c.community_id WHERE c.community_id <> ? LIMIT 1')
      .get(compound.communityId) as { name: string; community: string };
    const OTHER_ID = makeId('411402', '19850101', 32);
    await importResidents(call, [
      ['柳青禾', ID, '13800001111', compound.name, compound.community, '3', '1', '201', '常住'],
      ['柳青禾', OTHER_ID, '13800003333', other.name, other.community, '1', '1', '101', '常住'],
    ]);
    const resident = core.db.prepare('SELECT id FROM residents WHERE id_number = ?').get(ID) as { id: number };
    const stranger = core.db.prepare('SELECT id FROM residents WHERE id_number = ?').get(OTHER_ID) as { id: number };

    const kp = dataOf<KeyPerson>(
      await call('keyPersons.create', { name: '柳青禾', compoundId: compound.id, category: 'arrival', measure: 'homeObservation', startDate: '2026-12-01' }),
    );
    expect(kp).toMatchObject({ residentId: null, idNumber: null });

    expect(errorOf(await call('keyPersons.link', { id: kp.id, residentId: stranger.id })).message).toBe('该居民不在此人所住小区的社区，请从本社区的居民中选择');
    const linked = dataOf<KeyPerson>(await call('keyPersons.link', { id: kp.id, residentId: resident.id }));
    // The ID number is masked as everywhere; the one the key person lacked comes from the register.
    expect(linked).toMatchObject({ residentId: resident.id, residentName: '柳青禾' });
    expect(linked.idNumber).toMatch(/^4114\*{10}/);
    expect((core.db.prepare('SELECT id_number FROM key_persons WHERE id = ?').get(kp.id) as { id_number: string }).id_number).toBe(ID);

    // The register is imported again (a new phone): the resident keeps their record, the key person the link.
    await importResidents(call, [['柳青禾', ID, '13800002222', compound.name, compound.community, '3', '1', '201', '常住']]);
    expect((core.db.prepare('SELECT phone FROM residents WHERE id = ?').get(resident.id) as { phone: string }).phone).toBe('13800002222');
    const listed = dataOf<{ rows: KeyPerson[] }>(await call('keyPersons.list', { q: '柳青禾' })).rows;
    expect(listed).toMatchObject([{ id: kp.id, residentId: resident.id, residentName: '柳青禾' }]);

    // The register's side shows it too.
    const register = async () => dataOf<{ rows: { id: number; keyPerson: string | null }[] }>(await call('residents.list', { q: '柳青禾' })).rows;
    expect((await register()).find((r) => r.id === resident.id)?.keyPerson).toBe('observing');
    expect((await register()).find((r) => r.id === stranger.id)?.keyPerson).toBeNull();

    expect(dataOf<KeyPerson>(await call('keyPersons.link', { id: kp.id, residentId: null }))).toMatchObject({ residentId: null, residentName: null });
    expect((await register()).find((r) => r.id === resident.id)?.keyPerson).toBeNull();
  }, 60_000);
});
