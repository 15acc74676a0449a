import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/** Imports by a 社区工作人员: a row of another community is an error that names it, and nothing of it is written. */

let t: TestCore;
let community: Call;
let command: Call;
let mine: { id: number; name: string };
let theirs: { id: number; name: string };

const book = (sheet: string, rows: unknown[][]) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' });
};

type Preview = { counts: Record<string, number>; rows: { rowNumber: number; errors: { column: string; message: string }[] }[] };
async function preview(call: Call, table: string, fileName: string, base64: string) {
  const { uploadId } = unwrap<{ uploadId: string }>(await uploadFile(call, table, fileName, base64));
  return { uploadId, p: unwrap<Preview>(await call('excel.preview', { uploadId, pageSize: 500 })) };
}
const errorsOf = (p: Preview) => p.rows.flatMap((r) => r.errors.map((e) => `第 ${r.rowNumber} 行 ${e.column}：${e.message}`));

beforeAll(async () => {
  t = await openTestCore();
  community = await signInAs(t.core, 'community');
  command = await signInAs(t.core, 'command');
  const own = (
    t.core.db.prepare("SELECT community_id AS c FROM user_communities u JOIN users x ON x.id = u.user_id WHERE x.username = 'shequ'").get() as { c: number }
  ).c;
  const unique = 'AND name NOT IN (SELECT name FROM compounds GROUP BY name HAVING count(*) > 1) ORDER BY id LIMIT 1';
  mine = t.core.db.prepare(`SELECT id, name FROM compounds WHERE community_id = ? ${unique}`).get(own) as typeof mine;
  theirs = t.core.db.prepare(`SELECT id, name FROM compounds WHERE community_id <> ? ${unique}`).get(own) as typeof theirs;
}, 120_000);
afterAll(() => t.cleanup());

const HEAD = ['姓名', '身份证号', '手机号', '小区', '楼栋', '单元', '房号'];
const other = makeId('411402', '19700101', 11);

describe('a 社区工作人员 imports only into their own communities', () => {
  it('refuses residents of another community’s compound, and will not move another community’s resident by ID number', async () => {
    // The office registers someone in the other community first.
    const setup = await preview(command, 'residents', '街道名单.xlsx', book('名单', [HEAD, ['王外社', other, '13900000011', theirs.name, '1', '1', '101']]));
    unwrap(await command('excel.commit', { uploadId: setup.uploadId }));

    const rows = [
      HEAD,
      ['李本社', makeId('411402', '19800202', 21), '13900000021', mine.name, '2', '1', '201'],
      ['赵外社', makeId('411402', '19900303', 31), '13900000031', theirs.name, '3', '1', '301'],
      ['王外社', other, '13900000011', mine.name, '2', '1', '202'],
    ];
    const { uploadId, p } = await preview(community, 'residents', '社区名单.xlsx', book('名单', rows));
    expect(p.counts).toMatchObject({ new: 1, error: 2 });
    expect(errorsOf(p)).toEqual([
      '第 3 行 小区：小区属于其他社区，您只能导入自己负责社区的数据',
      '第 4 行 身份证号：该身份证号的居民（已登记）属于其他社区，您只能导入自己负责社区的数据',
    ]);
    // "Import all" cannot slip them in; skipping the error rows saves the own one only.
    expect(await community('excel.commit', { uploadId })).toMatchObject({ ok: false });
    unwrap(await community('excel.commit', { uploadId, excludeErrors: true }));
    const saved = t.core.db
      .prepare(
        "SELECT r.name, c.name AS compound FROM residents r JOIN compounds c ON c.id = r.compound_id WHERE r.name IN ('李本社', '赵外社', '王外社') ORDER BY r.name",
      )
      .all();
    expect(saved).toEqual([
      { name: '李本社', compound: mine.name },
      { name: '王外社', compound: theirs.name },
    ]);
    const log = t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'excel.commit' AND username = 'shequ'").get() as { n: number };
    expect(log.n).toBeGreaterThan(0);
  });

  it('refuses to delete a compound that has residents, naming what depends on it', async () => {
    const before = t.core.db.prepare('SELECT count(*) AS n FROM residents WHERE compound_id = ?').get(mine.id) as { n: number };
    expect(before.n).toBeGreaterThan(0);
    const res = await command('compounds.delete', { id: mine.id });
    expect(res).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect((res as { error: { message: string } }).error.message).toMatch(new RegExp(`无法删除小区“${mine.name}”：还有 .*${before.n} 个居民.*个楼栋`));
    expect(t.core.db.prepare('SELECT count(*) AS n FROM residents WHERE compound_id = ?').get(mine.id)).toEqual(before);
  });

  it('refuses registrations at another community’s checkpoint and test counts of another community’s compound', async () => {
    const ownCp = t.core.db.prepare('SELECT k.name FROM checkpoints k JOIN compounds p ON p.id = k.compound_id WHERE p.id = ? LIMIT 1').get(mine.id) as
      { name: string } | undefined;
    const otherCp = t.core.db
      .prepare('SELECT name FROM checkpoints WHERE community_id = (SELECT community_id FROM compounds WHERE id = ?) LIMIT 1')
      .get(theirs.id) as { name: string };
    const cpRows = [
      ['日期', '时间', '卡点', '姓名', '体温'],
      ['2022-02-03', '08:30', otherCp.name, '张来', 36.5],
      ...(ownCp ? [['2022-02-03', '08:31', ownCp.name, '李来', 36.6]] : []),
    ];
    const reg = await preview(community, 'registrations', '登记.xlsx', book('登记', cpRows));
    expect(errorsOf(reg.p)).toEqual(['第 2 行 卡点：卡点属于其他社区，您只能导入自己负责社区的数据']);

    unwrap(await command('tests.create', { name: '第九轮', day: '2022-02-03' }));
    const counts = await preview(
      community,
      'testCounts',
      '核酸.xlsx',
      book('核酸', [
        ['轮次', '小区', '已检人数'],
        ['第九轮', theirs.name, 800],
        ['第九轮', mine.name, 700],
      ]),
    );
    expect(errorsOf(counts.p)).toEqual(['第 2 行 小区：小区属于其他社区，您只能导入自己负责社区的数据']);
    expect(counts.p.counts).toMatchObject({ error: 1, update: 1 });
  });

  it('refuses office-wide tables before reading the file', async () => {
    const started = await community('excel.upload', { table: 'communities', fileName: '社区.xlsx', base64: book('社区', [['社区名称'], ['新社区']]) });
    expect(started).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '社区是全街道的数据，只有全街道范围的用户才能导入' } });
  });
});
