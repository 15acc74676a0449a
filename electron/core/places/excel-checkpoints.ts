import type { z } from 'zod';
import { CheckpointFields, type CheckpointRow } from '../../../shared/api/places';
import { CheckpointHours, CheckpointKind, CheckpointStatus } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import { checkpoints } from './checkpoints';
import { createRow, getRow, updateRow } from '../kernel/entity';
import { rowCoordinates } from '../excel/coords';
import { entityBulk } from '../excel/entity-bulk';
import { communityOfRow, idByName, issuesToColumns } from '../excel/resolve-refs';
import { type CellError, defineTable } from '../excel/table-schema';

const FIELD_TO_COLUMN: Record<string, string> = { communityId: 'communityName', compoundId: 'compoundName' };

export const checkpointsTable = defineTable<z.output<typeof CheckpointFields>, CheckpointRow>({
  name: 'checkpoints',
  label: '卡点',
  perm: 'places:write',
  keyLabel: '同名的卡点',
  columns: [
    {
      key: 'name',
      label: '卡点名称',
      synonyms: ['卡点', '卡口', '卡口名称', '卡点名', '检查点', '门岗', '执勤点', '值守点'],
      required: true,
      kind: 'text',
      hint: '全街道唯一',
      example: '馨苑华园东门',
      width: 22,
    },
    {
      key: 'kind',
      label: '卡点类型',
      synonyms: ['类型', '类别', '卡点类别'],
      required: true,
      kind: 'enum',
      enumLabels: CheckpointKind.labels,
      hint: '小区门岗 / 道路卡点 / 村口卡点 / 单位门岗',
      example: '小区门岗',
      width: 10,
    },
    {
      key: 'compoundName',
      label: '所在小区',
      synonyms: ['小区', '小区名称', '楼院', '所在楼院'],
      kind: 'text',
      hint: '小区门岗必填',
      example: '馨苑华园',
      width: 16,
    },
    {
      key: 'communityName',
      label: '所属社区',
      synonyms: ['社区', '社区名称', '所属社区村', '村社区', '所在社区'],
      kind: 'text',
      hint: '不在小区的卡点必填',
      example: '建设路社区',
      width: 14,
    },
    {
      key: 'hours',
      label: '值守时段',
      synonyms: ['值守时间', '执勤时段', '值班时段'],
      kind: 'enum',
      enumLabels: CheckpointHours.labels,
      hint: '24小时 / 白天，不填为 24小时',
      example: '24小时',
      width: 10,
    },
    {
      key: 'staffPerShift',
      label: '每班人数',
      synonyms: ['每班人员', '值守人数', '执勤人数', '人数'],
      required: true,
      kind: 'int',
      hint: '1–50 的整数',
      example: 2,
      width: 8,
    },
    {
      key: 'status',
      label: '状态',
      synonyms: ['卡点状态', '值守状态'],
      kind: 'enum',
      enumLabels: CheckpointStatus.labels,
      hint: '值守中 / 暂停 / 已撤除，不填为值守中',
      example: '值守中',
      width: 8,
    },
    { key: 'lng', label: '经度', synonyms: ['lng', 'lon', 'longitude', 'x'], kind: 'number', hint: '小数', example: 115.6511, width: 12 },
    { key: 'lat', label: '纬度', synonyms: ['lat', 'latitude', 'y'], kind: 'number', hint: '小数', example: 34.4098, width: 12 },
    {
      key: 'coordSystem',
      label: '坐标系',
      synonyms: ['坐标类型', '坐标系统'],
      kind: 'coordSystem',
      hint: 'WGS-84（默认）、GCJ-02（高德/腾讯地图）或 BD-09（百度地图）',
      example: 'WGS-84',
      width: 10,
    },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '', width: 20 },
  ],
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const communityId = v.communityName ? idByName(ctx, 'communities', String(v.communityName)) : null;
    if (v.communityName && communityId === null) errors.push({ key: 'communityName', message: `社区“${v.communityName}”不存在` });
    let compoundId: number | null = null;
    if (v.compoundName) {
      const hits = stmt(ctx.db, 'SELECT id FROM compounds WHERE name = ? AND (? IS NULL OR community_id = ?)').all(
        v.compoundName,
        communityId,
        communityId,
      ) as { id: number }[];
      if (hits.length === 1) compoundId = hits[0]!.id;
      else
        errors.push({
          key: 'compoundName',
          message: hits.length ? `有多个名为“${v.compoundName}”的小区，请同时填写所属社区` : `小区“${v.compoundName}”不存在`,
        });
    }
    const { lng, lat } = rowCoordinates(v, errors);
    const key = String(v.name);
    if (errors.length) return { input: null, errors, key };
    const parsed = CheckpointFields.safeParse({ ...v, compoundId, communityId, lng, lat, hours: v.hours ?? undefined, status: v.status ?? undefined });
    if (!parsed.success) return { input: null, errors: issuesToColumns(parsed.error.issues, FIELD_TO_COLUMN), key };
    if (parsed.data.kind === 'gate' && compoundId === null) return { input: null, errors: [{ key: 'compoundName', message: '小区门岗必须填写所在小区' }], key };
    if (compoundId === null && communityId === null) return { input: null, errors: [{ key: 'communityName', message: '请填写卡点所属社区' }], key };
    return { input: parsed.data, errors: [], key };
  },
  communityOf: (ctx, input, existing) => [
    {
      key: input.compoundId ? 'compoundName' : 'communityName',
      communityId: (input.communityId as number | null) ?? communityOfRow(ctx, 'compounds', input.compoundId),
      what: `卡点“${input.name}”`,
    },
    ...(existing ? [{ key: 'name', communityId: (existing.communityId as number | null) ?? null, what: `已登记的卡点“${existing.name}”` }] : []),
  ],
  findExisting(ctx, input) {
    const hit = stmt(ctx.db, 'SELECT id FROM checkpoints WHERE name = ?').get(input.name) as { id: number } | undefined;
    return hit ? getRow(ctx, checkpoints, hit.id) : null;
  },
  compare: ['kind', 'compoundId', 'communityId', 'hours', 'staffPerShift', 'status', 'lng', 'lat', 'note'],
  bulk: entityBulk(checkpoints),
  save(ctx, input, existingId) {
    if (existingId === null) createRow(ctx, checkpoints, input);
    else updateRow(ctx, checkpoints, existingId, input);
  },
  toCells(row) {
    return {
      ...row,
      kind: CheckpointKind.labels[row.kind],
      hours: CheckpointHours.labels[row.hours],
      status: CheckpointStatus.labels[row.status],
      coordSystem: row.lng === null ? null : 'WGS-84',
    };
  },
});
