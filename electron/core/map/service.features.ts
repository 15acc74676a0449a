import { ApiError } from '../../../shared/api/errors';
import type { map } from '../../../shared/api/map';
import { ringCentre } from '../../../shared/domain/geo';
import { checkGeoJson } from '../../../shared/domain/geojson';
import { entityCtx, type Handlers } from '../api/types';
import { checkpoints } from '../places/checkpoints';
import { compounds } from '../places/compounds';
import { getRow, listRows, updateRow } from '../kernel/entity';
import { putSetting } from '../auth/settings';
import { readBasemap } from './basemap';
import { exportGeoJson, importGeoJson } from './geojson-io';
import { currentStaffing } from '../volunteers/staffing';
import { alertingCheckpoints, alertingCompounds } from '../residents/registrations';
import { premisesPoints, problemPlaces } from '../inspections/map-layers';
import { can } from '../../../shared/domain/roles';

const ALL_ROWS = { page: 1, pageSize: 100_000, order: 'asc' as const };

export const mapFeatureHandlers: Handlers<keyof typeof map> = {
  /** Reuses the scoped list queries, so the map shows exactly what the lists show. */
  'map.features': (_, ctx) => {
    const e = entityCtx(ctx);
    const inspections = ctx.user !== null && can(ctx.user.role, 'inspections:read');
    const shownCompounds = listRows(e, compounds, ALL_ROWS).rows;
    const shownCheckpoints = listRows(e, checkpoints, ALL_ROWS).rows;
    // The overlays name only places the caller's lists show (社区工作人员: their communities).
    const compoundIds = new Set(shownCompounds.map((c) => c.id));
    const checkpointIds = new Set(shownCheckpoints.map((c) => c.id));
    return {
      compounds: shownCompounds,
      checkpoints: shownCheckpoints,
      staffing: currentStaffing(ctx.db, ctx.now()).filter((s) => checkpointIds.has(s.checkpointId)),
      alerting: alertingCheckpoints(ctx.db).filter((id) => checkpointIds.has(id)),
      alertingCompounds: alertingCompounds(ctx.db).filter((id) => compoundIds.has(id)),
      problems: inspections ? problemPlaces(ctx.db, e.scope, ctx.now()) : [],
      premises: inspections ? premisesPoints(ctx.db, e.scope) : [],
    };
  },
  'map.basemap': (_, { db }) => readBasemap(db),
  'map.setBasemap': (input, { db, tilePacks }) => {
    if (input.source === 'online' && !input.url) throw new ApiError('VALIDATION', '请填写在线底图地址', [{ path: 'url', message: '请填写在线底图地址' }]);
    if (input.source.startsWith('pack:') && !tilePacks.get(input.source.slice(5))) {
      throw new ApiError('VALIDATION', '所选离线瓦片包不存在（可能已被删除），请重新选择或先导入', [{ path: 'source', message: '离线瓦片包不存在' }]);
    }
    putSetting(db, 'basemap', JSON.stringify(input));
    return input;
  },
  'map.exportGeoJson': (_, ctx) => {
    const fc = exportGeoJson(entityCtx(ctx));
    const day = ctx.now().toISOString().slice(0, 10);
    return { fileName: `小区与卡点-${day}.geojson`, base64: Buffer.from(JSON.stringify(fc)).toString('base64'), rowCount: fc.features.length };
  },
  'map.importGeoJson': ({ text, coordSystem, apply }, ctx) => importGeoJson(entityCtx(ctx), text, coordSystem, apply),
  'compounds.setBoundary': ({ id, boundary }, ctx) => {
    const checked = checkGeoJson({ type: 'Feature', properties: { name: 'x' }, geometry: boundary });
    if (checked.errors.length) throw new ApiError('VALIDATION', `边界无效：${checked.errors[0]!.message}`);
    const ring = checked.features[0]!.coordinates as [number, number][];
    const [lng, lat] = ringCentre(ring);
    const e = entityCtx(ctx);
    const { id: _id, communityName: _a, gridName: _b, checkpointCount: _c, createdAt: _d, updatedAt: _u, ...fields } = getRow(e, compounds, id);
    const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
    return updateRow(e, compounds, id, {
      ...fields,
      boundary: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [r6(x), r6(y)] as [number, number])] },
      lng: r6(lng),
      lat: r6(lat),
    });
  },
  'checkpoints.move': ({ id, lng, lat }, ctx) => {
    const e = entityCtx(ctx);
    const { id: _id, communityName: _c, compoundName: _n, createdAt: _a, updatedAt: _u, ...fields } = getRow(e, checkpoints, id);
    return updateRow(e, checkpoints, id, { ...fields, lng, lat });
  },
};
