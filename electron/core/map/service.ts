import { ApiError } from '../../../shared/api/errors';
import type { mapTiles } from '../../../shared/api/map-tiles';
import type { Handlers } from '../api/types';
import { putSetting } from '../auth/settings';
import { readBasemap } from './basemap';

/** Offline tile packs (.mbtiles): the files live in <dataDir>/tiles, managed by ctx.tilePacks. */
export const mapTileHandlers: Handlers<keyof typeof mapTiles> = {
  'tiles.list': (_, ctx) => ctx.tilePacks.list(),
  'tiles.import': ({ fileName, base64 }, ctx) => ctx.tilePacks.import(fileName, Buffer.from(base64, 'base64'), ctx.now()),
  'tiles.remove': ({ id }, ctx) => {
    if (!ctx.tilePacks.remove(id)) throw new ApiError('NOT_FOUND', '找不到该离线瓦片包（可能已被删除）');
    // The map must not keep asking for tiles that are gone: fall back to the schematic map.
    const basemap = readBasemap(ctx.db);
    if (basemap.source === `pack:${id}`) putSetting(ctx.db, 'basemap', JSON.stringify({ ...basemap, source: 'none', url: '' }));
    return { ok: true as const };
  },
};
