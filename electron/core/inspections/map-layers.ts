import type Database from 'better-sqlite3-multiple-ciphers';
import { localDay } from '../../../shared/domain/days';
import { stmt } from '../db/statements';
import type { Scope } from '../kernel/entity';

/** The map's 督查 layers: each place with problems not yet closed (overdue counted), and premises. */
export function problemPlaces(db: Database.Database, scope: Scope, now: Date) {
  return stmt(
    db,
    `SELECT p.target_kind AS targetKind, p.target_id AS targetId, max(p.target_name) AS name,
       CASE p.target_kind WHEN 'checkpoint' THEN (SELECT lng FROM checkpoints WHERE id = p.target_id) WHEN 'compound' THEN (SELECT lng FROM compounds WHERE id = p.target_id) ELSE (SELECT lng FROM premises WHERE id = p.target_id) END AS lng,
       CASE p.target_kind WHEN 'checkpoint' THEN (SELECT lat FROM checkpoints WHERE id = p.target_id) WHEN 'compound' THEN (SELECT lat FROM compounds WHERE id = p.target_id) ELSE (SELECT lat FROM premises WHERE id = p.target_id) END AS lat,
       count(*) AS open, coalesce(sum(p.status = 'open' AND p.deadline < @today), 0) AS overdue
     FROM problems p WHERE p.status <> 'closed'
       AND (@all = 1 OR p.community_id IN (SELECT community_id FROM user_communities WHERE user_id = @uid))
     GROUP BY p.target_kind, p.target_id`,
  )
    .all({ today: localDay(now), all: scope.all ? 1 : 0, uid: scope.userId })
    .filter((r) => (r as { lng: number | null }).lng !== null) as {
    targetKind: 'checkpoint' | 'compound' | 'premises';
    targetId: number;
    name: string;
    lng: number;
    lat: number;
    open: number;
    overdue: number;
  }[];
}

export const premisesPoints = (db: Database.Database, scope: Scope) =>
  stmt(
    db,
    `SELECT t.id, t.name, t.kind, t.status, t.lng, t.lat,
       (SELECT count(*) FROM problems p WHERE p.target_kind = 'premises' AND p.target_id = t.id AND p.status <> 'closed') AS openProblems
     FROM premises t WHERE t.lng IS NOT NULL AND t.lat IS NOT NULL
       AND (@all = 1 OR t.community_id IN (SELECT community_id FROM user_communities WHERE user_id = @uid))`,
  ).all({ all: scope.all ? 1 : 0, uid: scope.userId }) as never[];
