import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../../shared/domain/days';
import { MoveKind } from '../../../shared/domain/enums';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';

/**
 * 导出 on the lists that are not import tables — 出入库台账, 库存总览, 重点人员, 问题清单,
 * 卡点通行统计: a real workbook each, read back with SheetJS, holding what the list shows
 * (its filters, the caller's communities), masked unless 导出完整信息, and logged as an export.
 */
let t: TestCore;
let command: Call;
type File = { fileName: string; base64: string; rowCount: number };
const MARK = '联系人王秀英电话13912345678';

/** The first sheet as rows of cell text, header first. */
function sheet(file: File): string[][] {
  const wb = XLSX.read(Buffer.from(file.base64, 'base64'), { type: 'buffer' });
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, defval: '' }).map((r) => r.map((c) => String(c)));
}

beforeAll(async () => {
  t = await openTestCore();
  command = await signInAs(t.core, 'command');
  const compound = unwrap<{ rows: { id: number }[] }>(await command('compounds.list', { pageSize: 1 })).rows[0]!;
  unwrap(
    await command('keyPersons.create', {
      name: '欧阳明月',
      phone: '13700001111',
      compoundId: compound.id,
      category: 'arrival',
      measure: 'homeObservation',
      startDate: localDay(new Date()),
    }),
  );
  const problem = (t.core.db.prepare("SELECT id FROM problems WHERE status = 'open' LIMIT 1").get() as { id: number }).id;
  t.core.db.prepare('UPDATE problems SET description = ? WHERE id = ?').run(`门岗人员未戴口罩，${MARK}`, problem);
});
afterAll(() => t.cleanup());

describe('list exports', () => {
  it('出入库台账: the filtered moves, header and row count as the list', async () => {
    const list = unwrap<{ total: number }>(await command('stock.moves', { kind: 'purchase', pageSize: 1 }));
    const file = unwrap<File>(await command('stockMoves.export', { kind: 'purchase' }));
    const rows = sheet(file);
    expect(file.fileName).toMatch(/^出入库台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(rows[0]).toEqual(['时间', '类型', '物资', '数量', '单位', '仓库', '来源/去向', '原因', '方案/凭证', '冲正', '经办账号']);
    expect(list.total).toBeGreaterThan(0);
    expect(file.rowCount).toBe(list.total);
    expect(rows.length - 1).toBe(list.total);
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set([MoveKind.labels.purchase]));
  });

  it('库存总览: one row per item with its stock', async () => {
    const overview = unwrap<{ items: { name: string; onHand: number }[] }>(await command('stock.overview', {}));
    const rows = sheet(unwrap<File>(await command('stock.export', {})));
    expect(rows[0]!.slice(0, 4)).toEqual(['物资', '类别', '现有库存', '单位']);
    expect(rows.slice(1).map((r) => [r[0], Number(r[2])])).toEqual(overview.items.map((i) => [i.name, i.onHand]));
  });

  it('重点人员: masked by default, complete with 导出完整信息, refused to a role that cannot unmask', async () => {
    const masked = sheet(unwrap<File>(await command('keyPersons.export', { q: '欧阳' })));
    expect(masked[0]!.slice(0, 4)).toEqual(['姓名', '身份证号', '手机号', '小区']);
    expect(masked.slice(1).map((r) => [r[0], r[2]])).toEqual([['欧**月', '137****1111']]);
    const full = sheet(unwrap<File>(await command('keyPersons.export', { q: '欧阳', full: true })));
    expect(full.slice(1).map((r) => [r[0], r[2]])).toEqual([['欧阳明月', '13700001111']]);
    const viewer = await signInAs(t.core, 'viewer');
    const refused = await viewer('keyPersons.export', { full: true });
    expect(refused.ok).toBe(false);
    expect(unwrap<File>(await viewer('keyPersons.export', {})).rowCount).toBeGreaterThan(0);
    const logged = t.core.db
      .prepare("SELECT kind, row_count AS n FROM audit_log WHERE method = 'keyPersons.export' AND json_extract(detail, '$.full') = 1")
      .get();
    expect(logged).toEqual({ kind: 'export', n: 1 });
  });

  it('问题清单: descriptions hidden unless full; a community worker gets only their own community', async () => {
    const rows = sheet(unwrap<File>(await command('problems.export', { status: 'open' })));
    expect(rows[0]).toEqual(['状态', '点位类型', '点位', '社区', '检查项', '问题描述', '类别', '责任方', '责任单位或责任人', '发现日期', '整改期限']);
    const list = unwrap<{ total: number }>(await command('problems.list', { status: 'open', pageSize: 1 }));
    expect(rows.length - 1).toBe(list.total);
    expect(rows.some((r) => r.join('').includes('王秀英'))).toBe(false);
    const masked = sheet(unwrap<File>(await command('problems.export', {})));
    expect(masked.some((r) => r.join('').includes('王秀英'))).toBe(false);
    expect(masked.some((r) => r[5] === '（含个人信息，已隐藏）')).toBe(true);
    const full = sheet(unwrap<File>(await command('problems.export', { full: true })));
    expect(full.some((r) => r[5]!.includes('王秀英'))).toBe(true);

    const community = await signInAs(t.core, 'community');
    const own = unwrap<{ rows: { communityName: string | null }[]; total: number }>(await community('problems.list', { pageSize: 200 }));
    const theirs = sheet(unwrap<File>(await community('problems.export', {})));
    expect(theirs.length - 1).toBe(own.total);
    expect(new Set(theirs.slice(1).map((r) => r[3]))).toEqual(new Set(own.rows.map((r) => r.communityName)));
    const all = unwrap<{ total: number }>(await command('problems.list', { pageSize: 1 }));
    expect(own.total).toBeLessThan(all.total);
  });

  it('卡点通行统计: each checkpoint of the day with its counts', async () => {
    const day = localDay(new Date());
    const counts = unwrap<{ checkpointName: string; people: number }[]>(await command('registrations.daily', { day }));
    const rows = sheet(unwrap<File>(await command('gateCounts.export', { day })));
    expect(rows[0]).toEqual(['卡点', '通行人员', '车辆', '体温异常', '劝返']);
    expect(rows.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(counts.map((c) => [c.checkpointName, c.people]));
    const kinds = t.core.db.prepare("SELECT DISTINCT kind FROM audit_log WHERE method IN ('gateCounts.export', 'stock.export', 'stockMoves.export')").all();
    expect(kinds).toEqual([{ kind: 'export' }]);
  });

  it('核酸检测: one round’s compounds with due, tested and rate, only the own community’s for a community worker', async () => {
    const { id } = unwrap<{ id: number }>(await command('tests.create', { name: '全员核酸第一轮', day: localDay(new Date()) }));
    const first = unwrap<{ compoundId: number; due: number }[]>(await command('tests.compounds', { id }))[0]!;
    unwrap(await command('tests.record', { id, compoundId: first.compoundId, tested: Math.max(0, first.due - 1) }));
    const per = unwrap<{ compoundName: string; communityName: string; due: number; tested: number }[]>(await command('tests.compounds', { id }));
    expect(per.length).toBeGreaterThan(1);
    const rows = sheet(unwrap<File>(await command('tests.export', { id })));
    expect(rows[0]).toEqual(['社区', '小区', '应检人数', '已检人数', '检测率']);
    expect(rows.slice(1).map((r) => [r[1], Number(r[2]), Number(r[3])])).toEqual(per.map((c) => [c.compoundName, c.due, c.tested]));
    const community = await signInAs(t.core, 'community');
    const own = unwrap<unknown[]>(await community('tests.compounds', { id }));
    const theirs = sheet(unwrap<File>(await community('tests.export', { id })));
    expect(theirs.length - 1).toBe(own.length);
    expect(own.length).toBeLessThan(per.length);
  });
});
