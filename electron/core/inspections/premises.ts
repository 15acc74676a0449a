import type { z } from 'zod';
import type { Premises, PremisesFields } from '../../../shared/api/inspections';
import { type EntityDef, requireRef } from '../kernel/entity';

type Fields = z.output<typeof PremisesFields>;

/** 经营场所: shops, markets, pharmacies, hotels, petrol stations and units that keep their own measures. */
export const premises: EntityDef<Fields, z.input<typeof Premises>> = {
  table: 'premises',
  scopeColumn: 't.community_id',
  communityOf: (f) => f.communityId,
  label: '经营场所',
  from: 'premises t JOIN communities m ON m.id = t.community_id LEFT JOIN grids g ON g.id = t.grid_id',
  select: `t.id, t.name, t.kind, t.community_id AS communityId, m.name AS communityName, t.grid_id AS gridId, g.name AS gridName,
    t.address, t.lng, t.lat, t.manager, t.phone, t.pledge_date AS pledgeDate, t.pledge_scan_id AS pledgeScanId, t.code_posted AS codePosted, t.code_checked_on AS codeCheckedOn,
    t.status, t.note, t.created_at AS createdAt, t.updated_at AS updatedAt,
    (SELECT count(*) FROM problems p WHERE p.target_kind = 'premises' AND p.target_id = t.id AND p.status <> 'closed') AS openProblems`,
  filters: { kind: 't.kind = ?', communityId: 't.community_id = ?', status: 't.status = ?' },
  sorts: { id: 't.id', name: 't.name', kind: 't.kind', communityName: 'm.name', status: 't.status' },
  defaultSort: 'id',
  columns: (f) => ({
    name: f.name,
    kind: f.kind,
    community_id: f.communityId,
    grid_id: f.gridId,
    address: f.address,
    lng: f.lng,
    lat: f.lat,
    manager: f.manager,
    phone: f.phone,
    pledge_date: f.pledgeDate,
    code_posted: f.codePosted ? 1 : 0,
    code_checked_on: f.codeCheckedOn,
    status: f.status,
    note: f.note,
  }),
  dependents: [{ sql: "SELECT count(*) AS n FROM problems WHERE target_kind = 'premises' AND target_id = ?", noun: '督查问题' }],
  duplicate: (f) => `该社区已有名为“${f.name}”的经营场所`,
  check: (db, f) => {
    requireRef(db, 'communities', f.communityId, 'communityId', '所属社区');
    if (f.gridId !== null) requireRef(db, 'grids', f.gridId, 'gridId', '所属片区');
    return f;
  },
  fromRow: (r) => ({ ...(r as z.input<typeof Premises>), codePosted: r.codePosted === 1 }),
};
