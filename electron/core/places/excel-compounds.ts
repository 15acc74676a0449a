import type { z } from 'zod';
import { CompoundFields, type CompoundRow } from '../../../shared/api/places';
import { ControlLevel, ManagementType } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import { compounds } from './compounds';
import { createRow, getRow, updateRow } from '../kernel/entity';
import { rowCoordinates } from '../excel/coords';
import { entityBulk } from '../excel/entity-bulk';
import { communityAndGrid, issuesToColumns } from '../excel/resolve-refs';
import { type CellError, defineTable } from '../excel/table-schema';

const FIELD_TO_COLUMN: Record<string, string> = { communityId: 'communityName', gridId: 'gridName' };

/** What a row reads into: a spreadsheet carries no boundary. */
type Input = Omit<z.output<typeof CompoundFields>, 'boundary'>;

export const compoundsTable = defineTable<Input, CompoundRow>({
  name: 'compounds',
  label: '小区',
  perm: 'places:write',
  keyLabel: '同一社区中同名的小区',
  columns: [
    {
      key: 'name',
      label: '小区名称',
      synonyms: ['小区', '小区名', '楼院名称', '楼院', '小区(楼院)', '小区楼院名称', '院落名称'],
      required: true,
      kind: 'text',
      hint: '小区、楼院或家属院的名称',
      example: '馨苑华园',
      width: 20,
    },
    {
      key: 'communityName',
      label: '所属社区',
      synonyms: ['社区', '社区名称', '所属社区村', '社区村', '村社区', '所在社区', '居委会', '村居'],
      required: true,
      kind: 'text',
      hint: '须与系统中的社区名称一致',
      example: '建设路社区',
      width: 14,
    },
    {
      key: 'gridName',
      label: '所属片区',
      synonyms: ['片区', '网格', '所属网格', '片区网格'],
      kind: 'text',
      hint: '可不填；须与系统中的片区名称一致',
      example: '第一片区',
      width: 12,
    },
    {
      key: 'managementType',
      label: '管理类型',
      synonyms: ['管理方式', '物业类型', '管理模式', '类型'],
      required: true,
      kind: 'enum',
      enumLabels: ManagementType.labels,
      hint: '物业 / 自管 / 三不管',
      example: '物业',
      width: 10,
    },
    {
      key: 'propertyCompany',
      label: '物业公司',
      synonyms: ['物业', '物业服务企业', '物业名称', '物业公司名称'],
      kind: 'text',
      hint: '管理类型为“物业”时填写',
      example: '安居物业服务有限公司',
      width: 22,
    },
    { key: 'buildings', label: '楼栋数', synonyms: ['楼栋', '栋数', '楼栋数量'], required: true, kind: 'int', hint: '整数', example: 12, width: 8 },
    { key: 'households', label: '户数', synonyms: ['总户数', '住户数', '户'], required: true, kind: 'int', hint: '整数', example: 480, width: 8 },
    {
      key: 'population',
      label: '人口',
      synonyms: ['人口数', '总人口', '人数', '居住人口', '常住人口'],
      required: true,
      kind: 'int',
      hint: '整数',
      example: 1350,
      width: 8,
    },
    {
      key: 'controlLevel',
      label: '管控等级',
      synonyms: ['风险等级', '管控级别', '区域类型'],
      kind: 'enum',
      enumLabels: ControlLevel.labels,
      hint: '封控区 / 管控区 / 防范区 / 常态，不填为常态',
      example: '常态',
      width: 10,
    },
    {
      key: 'lng',
      label: '经度',
      synonyms: ['中心经度', 'lng', 'lon', 'longitude', 'x'],
      kind: 'number',
      hint: '小数，如 115.6502',
      example: 115.6502,
      width: 12,
    },
    { key: 'lat', label: '纬度', synonyms: ['中心纬度', 'lat', 'latitude', 'y'], kind: 'number', hint: '小数，如 34.4101', example: 34.4101, width: 12 },
    {
      key: 'coordSystem',
      label: '坐标系',
      synonyms: ['坐标类型', '坐标系统'],
      kind: 'coordSystem',
      hint: 'WGS-84（默认）、GCJ-02（高德/腾讯地图）或 BD-09（百度地图）',
      example: 'WGS-84',
      width: 10,
    },
  ],
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const { communityId, gridId } = communityAndGrid(ctx, v, errors);
    const { lng, lat } = rowCoordinates(v, errors);
    const key = `${communityId ?? v.communityName}|${v.name}`;
    if (errors.length) return { input: null, errors, key };
    const parsed = CompoundFields.safeParse({ ...v, communityId, gridId, lng, lat, controlLevel: v.controlLevel ?? undefined });
    if (!parsed.success) return { input: null, errors: issuesToColumns(parsed.error.issues, FIELD_TO_COLUMN), key };
    const { boundary: _b, ...input } = parsed.data;
    return { input, errors: [], key };
  },
  communityOf: (ctx, input, existing) => [
    { key: 'communityName', communityId: (input.communityId as number | null) ?? null, what: `小区“${input.name}”` },
    ...(existing ? [{ key: 'name', communityId: (existing.communityId as number | null) ?? null, what: `已登记的小区“${existing.name}”` }] : []),
  ],
  findExisting(ctx, input) {
    const hit = stmt(ctx.db, 'SELECT id FROM compounds WHERE community_id = ? AND name = ?').get(input.communityId, input.name) as { id: number } | undefined;
    return hit ? getRow(ctx, compounds, hit.id) : null;
  },
  compare: ['gridId', 'managementType', 'propertyCompany', 'buildings', 'households', 'population', 'controlLevel', 'lng', 'lat'],
  // A spreadsheet carries no boundary: a new compound has none, an updated one keeps the one drawn on the map.
  bulk: entityBulk(compounds, { fields: (input) => ({ ...(input as Input), boundary: null }), keep: ['boundary'] }),
  save(ctx, input, existingId) {
    if (existingId === null) createRow(ctx, compounds, { ...input, boundary: null });
    else {
      // A spreadsheet carries no boundary: keep the one drawn on the map.
      const { boundary } = getRow(ctx, compounds, existingId);
      updateRow(ctx, compounds, existingId, { ...input, boundary });
    }
  },
  toCells(row: CompoundRow) {
    return {
      ...row,
      managementType: ManagementType.labels[row.managementType],
      controlLevel: ControlLevel.labels[row.controlLevel],
      coordSystem: row.lng === null ? null : 'WGS-84',
    };
  },
});
