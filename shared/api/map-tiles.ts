import { z } from 'zod';
import { method } from './contract';
import { Ok } from './common';

/** Largest .mbtiles accepted through the UI: it travels as base64 inside one JSON request. */
export const MAX_TILE_PACK_BYTES = 300 * 1024 * 1024;
const MAX_TILE_PACK_BASE64 = Math.ceil(MAX_TILE_PACK_BYTES / 3) * 4;
export const TOO_LARGE_MESSAGE = '离线瓦片包超过 300 MB 上限（经界面导入的文件不能超过 300 MB），请分区域或减少缩放级别后重新生成';

/** An identifier the app gives an imported pack: also its file name and its URL segment. */
export const TilePackId = z.string().regex(/^[a-z0-9]{1,32}$/, '瓦片包编号无效');

/** An imported raster tile pack (.mbtiles), kept beside the data and served as tiles/<id>/{z}/{x}/{y}.<png|jpg>. */
export const TilePack = z.object({
  id: TilePackId,
  name: z.string(),
  /** The name of the file as it was imported. */
  fileName: z.string(),
  format: z.enum(['png', 'jpg']),
  /** West, south, east, north (WGS-84), or null when the pack does not say and has no tiles. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  /** Number of tiles in the pack. */
  tiles: z.number().int(),
  /** File size in bytes. */
  size: z.number().int(),
  importedAt: z.string(),
});

export const mapTiles = {
  'tiles.list': method({
    scope: 'office',
    summary: '已导入的离线瓦片包（.mbtiles）',
    perm: 'places:read',
    write: false,
    input: z.object({}),
    output: z.array(TilePack),
  }),
  'tiles.import': method({
    summary: '导入离线瓦片包（.mbtiles，栅格 png/jpg），存放在数据目录中供地图离线使用',
    perm: 'system:settings',
    write: 'self',
    maxBodyBytes: 420 * 1024 * 1024,
    input: z.object({
      fileName: z.string().trim().min(1, '请选择瓦片包文件').max(200, '文件名不能超过 200 个字'),
      base64: z.string().min(1, '文件是空的').max(MAX_TILE_PACK_BASE64, TOO_LARGE_MESSAGE),
    }),
    output: TilePack,
  }),
  'tiles.remove': method({
    summary: '删除离线瓦片包（文件一并删除；正用作底图时底图改为“无底图”）',
    perm: 'system:settings',
    write: 'self',
    input: z.object({ id: TilePackId }),
    output: Ok,
  }),
};
