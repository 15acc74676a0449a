import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';
import type { TableSchema } from './table-schema';

/**
 * The resident roster shape (姓名, 身份证号, 手机号 …) into a scratch table. Not offered
 * in the UI until the residents feature exists; used by the engine's tests and by
 * `npm run bench` to measure the full import path on the file shape that matters most.
 */
export const SCRATCH_ROSTER_SQL = `CREATE TABLE IF NOT EXISTS scratch_roster (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, id_number TEXT NOT NULL UNIQUE, phone TEXT, compound TEXT, building TEXT,
  unit TEXT, room TEXT, kind TEXT, origin TEXT, return_date TEXT, note TEXT) STRICT`;

export function createScratchRoster(db: Database.Database): void {
  db.exec(SCRATCH_ROSTER_SQL);
}

const KINDS = { resident: '常住', tenant: '租户', floating: '流动人口', temporary: '临时' };
const COLS = ['name', 'idNumber', 'phone', 'compound', 'building', 'unit', 'room', 'kind', 'origin', 'returnDate', 'note'] as const;

export const rosterTable: TableSchema = {
  name: 'roster',
  label: '人员名单',
  perm: 'places:write',
  keyLabel: '身份证号相同的人员',
  columns: [
    { key: 'name', label: '姓名', synonyms: ['名字', '居民姓名', '人员姓名'], required: true, kind: 'text', hint: '', example: '张三', personal: 'name' },
    {
      key: 'idNumber',
      label: '身份证号',
      synonyms: ['身份证', '身份证号码', '公民身份号码', '证件号码', '证件号', '身份证件号码'],
      required: true,
      kind: 'idNumber',
      hint: '18 位，文本格式',
      example: '11010519491231002X',
      personal: 'idNumber',
      width: 22,
    },
    {
      key: 'phone',
      label: '手机号',
      synonyms: ['电话', '联系电话', '手机', '手机号码', '联系方式'],
      kind: 'phone',
      hint: '',
      example: '13812345678',
      personal: 'phone',
      width: 14,
    },
    { key: 'compound', label: '小区', synonyms: ['小区名称', '所在小区', '居住小区'], kind: 'text', hint: '', example: '馨苑华园' },
    { key: 'building', label: '楼栋', synonyms: ['楼号', '栋'], kind: 'text', hint: '', example: '3' },
    { key: 'unit', label: '单元', synonyms: ['单元号'], kind: 'text', hint: '', example: '2' },
    { key: 'room', label: '房号', synonyms: ['门牌号', '房间号', '户号'], kind: 'text', hint: '', example: '301' },
    { key: 'kind', label: '人员类型', synonyms: ['类型', '居住类型'], kind: 'enum', enumLabels: KINDS, hint: '常住 / 租户 / 流动人口 / 临时', example: '常住' },
    { key: 'origin', label: '来源地', synonyms: ['来自', '从何地返回', '返回前所在地'], kind: 'text', hint: '', example: '郑州' },
    { key: 'returnDate', label: '返回日期', synonyms: ['返回时间', '到达日期', '返乡日期'], kind: 'date', hint: '', example: '2022-10-02' },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '' },
  ],
  resolve: (_ctx, v) => ({ input: { ...v }, errors: [], key: String(v.idNumber) }),
  findExisting(ctx, input) {
    return (stmt(ctx.db, 'SELECT id, name, phone FROM scratch_roster WHERE id_number = ?').get(input.idNumber) as Record<string, unknown> | undefined) ?? null;
  },
  compare: ['name', 'phone'],
  save(ctx, input, existingId) {
    const values = COLS.map((c) => (input[c] ?? null) as string | null);
    if (existingId === null) {
      stmt(
        ctx.db,
        'INSERT INTO scratch_roster (name, id_number, phone, compound, building, unit, room, kind, origin, return_date, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(...values);
    } else {
      stmt(ctx.db, 'UPDATE scratch_roster SET name = ?, phone = ? WHERE id = ?').run(input.name, input.phone ?? null, existingId);
    }
  },
  toCells: (row) => row,
};
