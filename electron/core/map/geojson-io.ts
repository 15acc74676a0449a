import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { checkGeoJson, type GeoIssue, type Position } from '../../../shared/domain/geojson';
import { ringCentre } from '../../../shared/domain/geo';
import { stmt } from '../db/statements';
import { toWgs84 } from '../excel/coords';
import type { CoordSystem } from '../excel/read-cell';
import { checkpoints } from '../places/checkpoints';
import { compounds } from '../places/compounds';
import { type EntityCtx, getRow, listRows, updateRow } from '../kernel/entity';

const ALL = { page: 1, pageSize: 100_000, order: 'asc' as const };
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Compounds (polygon or centre point) and checkpoints as one FeatureCollection, WGS-84. */
export function exportGeoJson(ctx: EntityCtx) {
  const features = [
    ...listRows(ctx, compounds, ALL).rows.map((c) => ({
      type: 'Feature',
      properties: {
        layer: '小区',
        name: c.name,
        community: c.communityName,
        controlLevel: c.controlLevel,
        managementType: c.managementType,
        households: c.households,
        population: c.population,
      },
      geometry: c.boundary ?? (c.lng !== null && c.lat !== null ? { type: 'Point', coordinates: [c.lng, c.lat] } : null),
    })),
    ...listRows(ctx, checkpoints, ALL)
      .rows.filter((k) => k.lng !== null && k.lat !== null)
      .map((k) => ({
        type: 'Feature',
        properties: { layer: '卡点', name: k.name, kind: k.kind, status: k.status, community: k.communityName },
        geometry: { type: 'Point', coordinates: [k.lng, k.lat] },
      })),
  ].filter((f) => f.geometry !== null);
  return { type: 'FeatureCollection', features };
}

/** Whether a community-scoped caller may change this row (its community is one of theirs). */
const mine = (ctx: EntityCtx, table: 'compounds' | 'checkpoints', id: number) =>
  ctx.scope.all ||
  !!stmt(ctx.db, `SELECT 1 FROM ${table} WHERE id = ? AND community_id IN (SELECT community_id FROM user_communities WHERE user_id = ?)`).get(
    id,
    ctx.scope.userId,
  );

const idByName = (db: Database.Database, table: 'compounds' | 'checkpoints', name: string) =>
  (stmt(db, `SELECT id FROM ${table} WHERE name = ?`).all(name) as { id: number }[]).map((r) => r.id);

/**
 * Attaches geometry to existing compounds (polygons) and checkpoints (points) by name.
 * Checks everything first; `apply` writes the matched, valid features in the caller's
 * transaction. A name that matches nothing, or several compounds, is an error.
 */
export function importGeoJson(ctx: EntityCtx, text: string, from: CoordSystem, apply: boolean) {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ApiError('VALIDATION', '文件不是有效的 GeoJSON（JSON 格式错误）');
  }
  const { features, errors, warnings } = checkGeoJson(doc);
  const plan: (() => void)[] = [];
  let nCompounds = 0;
  let nCheckpoints = 0;
  const issue = (index: number, name: string, message: string): GeoIssue => ({ feature: index + 1, name, message });
  for (const f of features) {
    const convert = (p: Position): Position => toWgs84(p[0], p[1], from).map(round6) as Position;
    if (f.kind === 'polygon') {
      const ids = idByName(ctx.db, 'compounds', f.name);
      if (ids.length !== 1) {
        errors.push(issue(f.index, f.name, ids.length ? '有多个同名小区，无法对应' : '找不到同名小区'));
        continue;
      }
      if (!mine(ctx, 'compounds', ids[0]!)) {
        errors.push(issue(f.index, f.name, '该小区不在您负责的社区，不能修改'));
        continue;
      }
      const ring = (f.coordinates as Position[]).map(convert);
      const [lng, lat] = ringCentre(ring);
      nCompounds++;
      plan.push(() => {
        const { id, communityName: _a, gridName: _b, checkpointCount: _c, createdAt: _d, updatedAt: _e, ...fields } = getRow(ctx, compounds, ids[0]!);
        updateRow(ctx, compounds, id, { ...fields, boundary: { type: 'Polygon', coordinates: [ring] }, lng: round6(lng), lat: round6(lat) });
      });
    } else {
      const ids = idByName(ctx.db, 'checkpoints', f.name);
      if (ids.length !== 1) {
        errors.push(issue(f.index, f.name, '找不到同名卡点'));
        continue;
      }
      if (!mine(ctx, 'checkpoints', ids[0]!)) {
        errors.push(issue(f.index, f.name, '该卡点不在您负责的社区，不能修改'));
        continue;
      }
      const [lng, lat] = convert(f.coordinates as Position);
      nCheckpoints++;
      plan.push(() => {
        const { id, communityName: _a, compoundName: _b, createdAt: _c, updatedAt: _d, ...fields } = getRow(ctx, checkpoints, ids[0]!);
        updateRow(ctx, checkpoints, id, { ...fields, lng, lat });
      });
    }
  }
  if (apply) ctx.db.transaction(() => plan.forEach((run) => run()))();
  return {
    compounds: nCompounds,
    checkpoints: nCheckpoints,
    errors: errors.sort((a, b) => a.feature - b.feature),
    warnings,
    applied: apply,
    rowCount: apply ? plan.length : 0,
  };
}
