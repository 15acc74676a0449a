import { type Premises, PremisesFields } from '../../../shared/api/inspections';
import { PremisesKind, PremisesStatus } from '../../../shared/domain/enums';
import type { z } from 'zod';
import { stmt } from '../db/statements';
import { rowCoordinates } from '../excel/coords';
import { entityBulk } from '../excel/entity-bulk';
import { communityAndGrid, issuesToColumns } from '../excel/resolve-refs';
import type { CellError, TableSchema } from '../excel/table-schema';
import { createRow, getRow, updateRow } from '../kernel/entity';
import { premises } from './premises';

const FIELD_TO_COLUMN: Record<string, string> = { communityId: 'communityName', gridId: 'gridName' };
const YES = new Set(['是', '已张贴', '有', 'y', 'yes', '1', 'true', '√']);

/** 经营场所 through the engine: the lists offices keep of shops, markets and hotels, with their 责任书 and 场所码. */
export const premisesTable: TableSchema = {
  name: 'premises',
  label: '经营场所',
  perm: 'inspections:write',
  keyLabel: '同一社区中同名的经营场所',
  columns: [
    {
      key: 'name',
      label: '场所名称',
      synonyms: ['名称', '店名', '单位名称', '场所', '商户名称', '经营场所'],
      required: true,
      kind: 'text',
      hint: '店铺、市场、宾馆等的名称',
      example: '惠民超市',
      width: 20,
    },
    {
      key: 'kind',
      label: '场所类型',
      synonyms: ['类型', '行业', '类别'],
      required: true,
      kind: 'enum',
      enumLabels: PremisesKind.labels,
      hint: Object.values(PremisesKind.labels).join(' / '),
      example: '商超',
      width: 10,
    },
    {
      key: 'communityName',
      label: '所属社区',
      synonyms: ['社区', '社区名称', '所在社区', '村居'],
      required: true,
      kind: 'text',
      hint: '须与系统中的社区名称一致',
      example: '建设路社区',
      width: 14,
    },
    { key: 'gridName', label: '所属片区', synonyms: ['片区', '网格'], kind: 'text', hint: '可不填', example: '第一片区', width: 12 },
    { key: 'address', label: '地址', synonyms: ['经营地址', '详细地址', '位置'], kind: 'text', hint: '门牌地址', example: '建设路 12 号', width: 22 },
    {
      key: 'manager',
      label: '负责人',
      synonyms: ['联系人', '店长', '法人', '负责人姓名'],
      kind: 'text',
      hint: '场所负责人',
      example: '李明',
      width: 10,
      personal: 'name',
    },
    {
      key: 'phone',
      label: '联系电话',
      synonyms: ['电话', '手机', '手机号', '负责人电话'],
      kind: 'phone',
      hint: '手机 11 位或带区号的座机',
      example: '13912345678',
      width: 14,
      personal: 'phone',
    },
    {
      key: 'pledgeDate',
      label: '责任书签订日期',
      synonyms: ['四方责任书', '责任书', '签订日期', '责任书日期'],
      kind: 'date',
      hint: '四方责任书签订的日期，未签订不填',
      example: '2022-02-01',
      width: 14,
    },
    { key: 'codePosted', label: '场所码张贴', synonyms: ['场所码', '是否张贴场所码', '已张贴场所码'], kind: 'text', hint: '是 / 否', example: '是', width: 10 },
    {
      key: 'status',
      label: '营业状态',
      synonyms: ['状态', '经营状态'],
      kind: 'enum',
      enumLabels: PremisesStatus.labels,
      hint: '营业 / 暂停营业 / 关闭，不填为营业',
      example: '营业',
      width: 10,
    },
    { key: 'lng', label: '经度', synonyms: ['lng', 'lon', 'longitude', 'x'], kind: 'number', hint: '小数', example: 115.6502, width: 12 },
    { key: 'lat', label: '纬度', synonyms: ['lat', 'latitude', 'y'], kind: 'number', hint: '小数', example: 34.4101, width: 12 },
    { key: 'coordSystem', label: '坐标系', synonyms: ['坐标类型'], kind: 'coordSystem', hint: 'WGS-84（默认）、GCJ-02 或 BD-09', example: 'WGS-84', width: 10 },
  ],
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const { communityId, gridId } = communityAndGrid(ctx, v, errors);
    const { lng, lat } = rowCoordinates(v, errors);
    const key = `${communityId ?? v.communityName}|${v.name}`;
    if (errors.length) return { input: null, errors, key };
    const codePosted = v.codePosted === null || v.codePosted === undefined ? false : YES.has(String(v.codePosted).trim().toLowerCase());
    const parsed = PremisesFields.safeParse({ ...v, communityId, gridId, lng, lat, codePosted, status: v.status ?? undefined });
    if (!parsed.success) return { input: null, errors: issuesToColumns(parsed.error.issues, FIELD_TO_COLUMN), key };
    return { input: parsed.data, errors: [], key };
  },
  communityOf: (_ctx, input, existing) => [
    { key: 'communityName', communityId: (input.communityId as number | null) ?? null, what: `场所“${input.name}”` },
    ...(existing ? [{ key: 'name', communityId: (existing.communityId as number | null) ?? null, what: `已登记的场所“${existing.name}”` }] : []),
  ],
  findExisting(ctx, input) {
    const hit = stmt(ctx.db, 'SELECT id FROM premises WHERE community_id = ? AND name = ?').get(input.communityId, input.name) as { id: number } | undefined;
    return hit ? (getRow(ctx, premises, hit.id) as unknown as Record<string, unknown>) : null;
  },
  compare: ['kind', 'gridId', 'address', 'manager', 'phone', 'pledgeDate', 'codePosted', 'status', 'lng', 'lat'],
  bulk: entityBulk(premises, { keep: ['code_checked_on'] }),
  save(ctx, input, existingId) {
    // The date the code was last checked is the inspectors', not the spreadsheet's.
    if (existingId === null) createRow(ctx, premises, input as never);
    else updateRow(ctx, premises, existingId, { ...input, codeCheckedOn: getRow(ctx, premises, existingId).codeCheckedOn ?? null } as never);
  },
  toCells(r) {
    const row = r as unknown as z.output<typeof Premises>;
    return {
      ...row,
      kind: PremisesKind.labels[row.kind],
      status: PremisesStatus.labels[row.status],
      codePosted: row.codePosted ? '是' : '否',
      coordSystem: row.lng === null ? null : 'WGS-84',
    };
  },
};
