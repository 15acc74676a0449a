import { z } from 'zod';
import { method } from './contract';
import { Id, lat, lng } from './common';
import { CheckpointKind, CheckpointStatus, ControlLevel, ManagementType, PremisesKind, PremisesStatus, TargetKind } from '../domain/enums';
import { PolygonGeometry } from './places';

/** Everything the map draws in one call (scoped like every list), and the edits made on it. */
export const MapCompound = z.object({
  id: Id,
  name: z.string(),
  communityName: z.string(),
  gridId: z.number().int().nullable(),
  gridName: z.string().nullable(),
  managementType: z.enum(ManagementType.values),
  controlLevel: z.enum(ControlLevel.values),
  households: z.number().int(),
  population: z.number().int(),
  checkpointCount: z.number().int(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  boundary: PolygonGeometry.nullable(),
});

export const MapCheckpoint = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(CheckpointKind.values),
  status: z.enum(CheckpointStatus.values),
  communityName: z.string(),
  compoundId: z.number().int().nullable(),
  compoundName: z.string().nullable(),
  staffPerShift: z.number().int(),
  hours: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
});

export const Basemap = z.object({
  /** 'none': the schematic map; 'online': an XYZ server; 'pack:<id>': an imported .mbtiles. */
  source: z.string().regex(/^(none|online|pack:[a-z0-9]+)$/, '底图来源无效'),
  url: z
    .string()
    .trim()
    .max(500)
    .refine(
      (u) => u === '' || (/^https?:\/\//.test(u) && /\{z\}/.test(u) && /\{x\}/.test(u) && /\{y\}/.test(u)),
      '在线底图地址应以 http(s):// 开头，并包含 {z}、{x}、{y}',
    )
    .default(''),
  /** The basemap's coordinate system: overlays are shifted onto a GCJ-02 basemap. */
  crs: z.enum(['WGS84', 'GCJ02']).default('WGS84'),
});

export const map = {
  'map.basemap': method({ scope: 'office', summary: '当前底图设置', perm: 'places:read', write: false, input: z.object({}), output: Basemap }),
  'map.setBasemap': method({
    summary: '设置底图（无底图 / 离线瓦片包 / 在线地址及其坐标系）',
    perm: 'system:settings',
    write: 'tx',
    input: Basemap,
    output: Basemap,
  }),
  'map.features': method({
    scope: 'rows',
    summary: '地图数据：小区（边界或中心点）和卡点',
    perm: 'places:read',
    write: false,
    input: z.object({}),
    output: z.object({
      compounds: z.array(MapCompound),
      checkpoints: z.array(MapCheckpoint),
      /** The current shift at each checkpoint that a roster covers now (none without a roster). */
      staffing: z.array(z.object({ checkpointId: Id, need: z.number().int(), have: z.number().int(), shift: z.string() })),
      /** Checkpoints with an abnormal temperature nobody has acknowledged yet. */
      alerting: z.array(Id),
      /** Compounds where a key person's follow-up alert waits. */
      alertingCompounds: z.array(Id),
      /** Places with problems not yet closed (empty for roles that may not see 督查整改). */
      problems: z.array(
        z.object({
          targetKind: z.enum(TargetKind.values),
          targetId: Id,
          name: z.string(),
          lng: z.number(),
          lat: z.number(),
          open: z.number().int(),
          overdue: z.number().int(),
        }),
      ),
      premises: z.array(
        z.object({
          id: Id,
          name: z.string(),
          kind: z.enum(PremisesKind.values),
          status: z.enum(PremisesStatus.values),
          lng: z.number(),
          lat: z.number(),
          openProblems: z.number().int(),
        }),
      ),
    }),
  }),
  'map.exportGeoJson': method({
    audit: 'export',
    scope: 'rows',
    summary: '导出小区边界和卡点位置为 GeoJSON（WGS-84）',
    perm: 'places:read',
    write: 'self',
    input: z.object({}),
    output: z.object({ fileName: z.string(), base64: z.string(), rowCount: z.number().int() }),
  }),
  'map.importGeoJson': method({
    scope: 'rows',
    summary: '从 GeoJSON 导入小区边界（面）和卡点位置（点），按名称对应；apply=false 只检查',
    perm: 'places:write',
    write: 'self',
    maxBodyBytes: 30 * 1024 * 1024,
    input: z.object({
      fileName: z.string().max(200),
      text: z
        .string()
        .min(1, '文件是空的')
        .max(25 * 1024 * 1024, 'GeoJSON 文件超过 25 MB 上限'),
      coordSystem: z.enum(['WGS84', 'GCJ02', 'BD09']).default('WGS84'),
      apply: z.boolean().default(false),
    }),
    output: z.object({
      compounds: z.number().int(),
      checkpoints: z.number().int(),
      errors: z.array(z.object({ feature: z.number().int(), name: z.string().nullable(), message: z.string() })),
      warnings: z.array(z.object({ feature: z.number().int(), name: z.string().nullable(), message: z.string() })),
      applied: z.boolean(),
      rowCount: z.number().int(),
    }),
  }),
  'compounds.setBoundary': method({
    scope: { refs: { id: 'compound' } },
    summary: '保存在地图上绘制或修改的小区边界（WGS-84，中心点随之更新）',
    perm: 'places:write',
    write: 'tx',
    input: z.object({ id: Id, boundary: PolygonGeometry }),
    output: MapCompound,
  }),
  'checkpoints.move': method({
    scope: { refs: { id: 'checkpoint' } },
    summary: '在地图上移动卡点位置（WGS-84）',
    perm: 'places:write',
    write: 'tx',
    input: z.object({ id: Id, lng, lat }),
    output: MapCheckpoint,
  }),
};
