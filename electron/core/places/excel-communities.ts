import { CommunityFields, type CommunityRow, GridFields, type GridRow } from '../../../shared/api/places';
import { CommunityKind } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import { communities } from './communities';
import { createRow, getRow, updateRow } from '../kernel/entity';
import { grids } from './grids';
import { entityBulk } from '../excel/entity-bulk';
import { issuesToColumns } from '../excel/resolve-refs';
import { defineTable } from '../excel/table-schema';

/** Office-level registers: only whole-office users may write them (the entity layer enforces it). */
export const communitiesTable = defineTable({
  name: 'communities',
  label: '社区',
  perm: 'places:write',
  keyLabel: '同名的社区',
  columns: [
    {
      key: 'name',
      label: '社区名称',
      synonyms: ['社区', '村居', '社区村', '村社区', '居委会', '名称'],
      required: true,
      kind: 'text',
      hint: '',
      example: '建设路社区',
      width: 16,
    },
    {
      key: 'kind',
      label: '类型',
      synonyms: ['社区类型', '村居类型'],
      required: true,
      kind: 'enum',
      enumLabels: CommunityKind.labels,
      hint: '社区 / 村 / 居委会',
      example: '社区',
      width: 8,
    },
    {
      key: 'secretary',
      label: '负责人',
      synonyms: ['书记', '社区书记', '村支书', '联系人'],
      kind: 'text',
      hint: '',
      example: '王建国',
      personal: 'name',
      width: 10,
    },
    {
      key: 'phone',
      label: '联系电话',
      synonyms: ['电话', '手机', '手机号', '联系方式'],
      kind: 'phone',
      hint: '手机 11 位，座机带区号',
      example: '13812345678',
      personal: 'phone',
      width: 14,
    },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '', width: 20 },
  ],
  resolve(_ctx, v) {
    const parsed = CommunityFields.safeParse(v);
    return parsed.success
      ? { input: parsed.data, errors: [], key: String(v.name) }
      : { input: null, errors: issuesToColumns(parsed.error.issues, {}), key: String(v.name) };
  },
  findExisting(ctx, input) {
    const hit = stmt(ctx.db, 'SELECT id FROM communities WHERE name = ?').get(input.name) as { id: number } | undefined;
    return hit ? getRow(ctx, communities, hit.id) : null;
  },
  compare: ['kind', 'secretary', 'phone', 'note'],
  bulk: entityBulk(communities),
  save: (ctx, input, id) => void (id === null ? createRow(ctx, communities, input) : updateRow(ctx, communities, id, input)),
  toCells: (r: CommunityRow) => ({ ...r, kind: CommunityKind.labels[r.kind] }),
});

export const gridsTable = defineTable({
  name: 'grids',
  label: '片区',
  perm: 'places:write',
  keyLabel: '同名的片区',
  columns: [
    { key: 'name', label: '片区名称', synonyms: ['片区', '网格', '网格名称', '名称'], required: true, kind: 'text', hint: '', example: '第一片区', width: 14 },
    { key: 'leader', label: '片区长', synonyms: ['网格长', '负责人', '包片领导'], kind: 'text', hint: '', example: '刘振华', personal: 'name', width: 10 },
    {
      key: 'leaderPhone',
      label: '联系电话',
      synonyms: ['电话', '手机', '手机号', '联系方式'],
      kind: 'phone',
      hint: '',
      example: '13912345678',
      personal: 'phone',
      width: 14,
    },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '', width: 20 },
  ],
  resolve(_ctx, v) {
    const parsed = GridFields.safeParse(v);
    return parsed.success
      ? { input: parsed.data, errors: [], key: String(v.name) }
      : { input: null, errors: issuesToColumns(parsed.error.issues, {}), key: String(v.name) };
  },
  findExisting(ctx, input) {
    const hit = stmt(ctx.db, 'SELECT id FROM grids WHERE name = ?').get(input.name) as { id: number } | undefined;
    return hit ? getRow(ctx, grids, hit.id) : null;
  },
  compare: ['leader', 'leaderPhone', 'note'],
  bulk: entityBulk(grids),
  save: (ctx, input, id) => void (id === null ? createRow(ctx, grids, input) : updateRow(ctx, grids, id, input)),
  toCells: (r: GridRow) => r,
});
