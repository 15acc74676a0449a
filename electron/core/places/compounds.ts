import type { z } from 'zod';
import type { CompoundFields, CompoundRow } from '../../../shared/api/places';
import { type EntityDef, requireRef } from '../kernel/entity';

type Fields = z.output<typeof CompoundFields>;

export const compounds: EntityDef<Fields, CompoundRow> = {
  table: 'compounds',
  scopeColumn: 't.community_id',
  communityOf: (f) => f.communityId,
  label: '小区',
  from: 'compounds t JOIN communities m ON m.id = t.community_id LEFT JOIN grids g ON g.id = t.grid_id',
  select: `t.id, t.name, t.community_id AS communityId, m.name AS communityName, t.grid_id AS gridId, g.name AS gridName,
    t.management_type AS managementType, t.property_company AS propertyCompany, t.buildings, t.households, t.population,
    t.control_level AS controlLevel, t.lng, t.lat, t.boundary, t.created_at AS createdAt, t.updated_at AS updatedAt,
    (SELECT count(*) FROM checkpoints k WHERE k.compound_id = t.id) AS checkpointCount`,
  filters: {
    communityId: 't.community_id = ?',
    gridId: 't.grid_id = ?',
    managementType: 't.management_type = ?',
    controlLevel: 't.control_level = ?',
  },
  sorts: {
    id: 't.id',
    name: 't.name',
    communityName: 'm.name',
    households: 't.households',
    population: 't.population',
    buildings: 't.buildings',
    controlLevel: 't.control_level',
  },
  defaultSort: 'id',
  columns: (f) => ({
    name: f.name,
    community_id: f.communityId,
    grid_id: f.gridId,
    management_type: f.managementType,
    property_company: f.managementType === 'managed' ? f.propertyCompany : null,
    buildings: f.buildings,
    households: f.households,
    population: f.population,
    control_level: f.controlLevel,
    lng: f.lng,
    lat: f.lat,
    boundary: f.boundary ? JSON.stringify(f.boundary) : null,
  }),
  // Buildings and households would go with it (ON DELETE CASCADE) and residents be left without a compound: refuse instead.
  dependents: [
    { sql: 'SELECT count(*) AS n FROM checkpoints WHERE compound_id = ?', noun: '卡点' },
    { sql: 'SELECT count(*) AS n FROM residents WHERE compound_id = ?', noun: '居民' },
    { sql: 'SELECT count(*) AS n FROM buildings WHERE compound_id = ?', noun: '楼栋' },
    { sql: 'SELECT count(*) AS n FROM key_persons WHERE compound_id = ?', noun: '重点人员' },
  ],
  duplicate: (f) => `所属社区中已有名为“${f.name}”的小区`,
  check: (db, f) => {
    requireRef(db, 'communities', f.communityId, 'communityId', '所属社区');
    if (f.gridId !== null) requireRef(db, 'grids', f.gridId, 'gridId', '所属片区');
    return f;
  },
  fromRow: (r) => ({ ...r, boundary: r.boundary ? JSON.parse(r.boundary as string) : null }) as CompoundRow,
};
