import type Database from 'better-sqlite3-multiple-ciphers';
import type { DashboardSummaryData } from '../../../shared/api/office';
import { CheckpointStatus, ControlLevel, ManagementType } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';
import type { Scope } from '../kernel/entity';

/** Rows of communities the caller may see (scope enforced in SQL, as in every list). */
const IN_SCOPE = '(@all = 1 OR community_id IN (SELECT community_id FROM user_communities WHERE user_id = @uid))';

function tallyBy<T extends string>(db: Database.Database, sql: string, codes: readonly T[], p: object): Record<T, number> {
  const out = Object.fromEntries(codes.map((c) => [c, 0])) as Record<T, number>;
  for (const r of stmt(db, sql).all(p) as { k: T; n: number }[]) out[r.k] = r.n;
  return out;
}

/** The 总览 figures, straight from the tables (never cached, never typed in). */
export function dashboardSummary(db: Database.Database, scope: Scope): DashboardSummaryData {
  const p = { all: scope.all ? 1 : 0, uid: scope.userId };
  const totals = stmt(
    db,
    `SELECT (SELECT name FROM office WHERE id = 1) AS officeName,
       (SELECT count(*) FROM communities WHERE ${IN_SCOPE.replace('community_id IN', 'id IN')}) AS communities,
       (SELECT count(*) FROM grids) AS grids,
       (SELECT count(*) FROM compounds WHERE ${IN_SCOPE}) AS compounds,
       (SELECT count(*) FROM checkpoints WHERE ${IN_SCOPE}) AS checkpoints,
       (SELECT coalesce(sum(households), 0) FROM compounds WHERE ${IN_SCOPE}) AS households,
       (SELECT coalesce(sum(population), 0) FROM compounds WHERE ${IN_SCOPE}) AS population`,
  ).get(p) as Omit<DashboardSummaryData, 'compoundsByManagement' | 'compoundsByControl' | 'checkpointsByStatus'>;
  return {
    ...totals,
    compoundsByManagement: tallyBy(db, `SELECT management_type AS k, count(*) AS n FROM compounds WHERE ${IN_SCOPE} GROUP BY 1`, ManagementType.values, p),
    compoundsByControl: tallyBy(db, `SELECT control_level AS k, count(*) AS n FROM compounds WHERE ${IN_SCOPE} GROUP BY 1`, ControlLevel.values, p),
    checkpointsByStatus: tallyBy(db, `SELECT status AS k, count(*) AS n FROM checkpoints WHERE ${IN_SCOPE} GROUP BY 1`, CheckpointStatus.values, p),
  };
}
