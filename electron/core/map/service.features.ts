import type { map } from '../../../shared/api/map';
import { entityCtx, type Handlers } from '../api/types';
import { checkpoints } from '../places/checkpoints';
import { compounds } from '../places/compounds';
import { getRow, listRows, updateRow } from '../places/entity';
import { exportGeoJson, importGeoJson } from './geojson-io';

const ALL_ROWS = { page: 1, pageSize: 100_000, order: 'asc' as const };

export const mapFeatureHandlers: Handlers<keyof typeof map> = {
  /** Reuses the scoped list queries, so the map shows exactly what the lists show. */
  'map.features': (_, ctx) => {
    const e = entityCtx(ctx);
    return { compounds: listRows(e, compounds, ALL_ROWS).rows, checkpoints: listRows(e, checkpoints, ALL_ROWS).rows };
  },
  'map.exportGeoJson': (_, ctx) => {
    const fc = exportGeoJson(entityCtx(ctx));
    const day = ctx.now().toISOString().slice(0, 10);
    return { fileName: `小区与卡点-${day}.geojson`, base64: Buffer.from(JSON.stringify(fc)).toString('base64'), rowCount: fc.features.length };
  },
  'map.importGeoJson': ({ text, coordSystem, apply }, ctx) => importGeoJson(entityCtx(ctx), text, coordSystem, apply),
  'checkpoints.move': ({ id, lng, lat }, ctx) => {
    const e = entityCtx(ctx);
    const { id: _id, communityName: _c, compoundName: _n, createdAt: _a, updatedAt: _u, ...fields } = getRow(e, checkpoints, id);
    return updateRow(e, checkpoints, id, { ...fields, lng, lat });
  },
};
