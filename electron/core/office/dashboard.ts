import type Database from 'better-sqlite3-multiple-ciphers';
import type { DashboardSummaryData } from '../../../shared/api/office';
import { CheckpointStatus, ControlLevel, ManagementType } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';

function tallyBy<T extends string>(db: Database.Database, sql: string, codes: readonly T[]): Record<T, number> {
  const out = Object.fromEntries(codes.map((c) => [c, 0])) as Record<T, number>;
  for (const r of stmt(db, sql).all() as { k: T; n: number }[]) out[r.k] = r.n;
  return out;
}

/** The 总览 figures, straight from the tables (never cached, never typed in). */
export function dashboardSummary(db: Database.Database): DashboardSummaryData {
  const totals = stmt(
    db,
    `SELECT (SELECT name FROM office WHERE id = 1) AS officeName,
       (SELECT count(*) FROM communities) AS communities,
       (SELECT count(*) FROM grids) AS grids,
       (SELECT count(*) FROM compounds) AS compounds,
       (SELECT count(*) FROM checkpoints) AS checkpoints,
       (SELECT coalesce(sum(households), 0) FROM compounds) AS households,
       (SELECT coalesce(sum(population), 0) FROM compounds) AS population`,
  ).get() as Omit<DashboardSummaryData, 'compoundsByManagement' | 'compoundsByControl' | 'checkpointsByStatus'>;
  return {
    ...totals,
    compoundsByManagement: tallyBy(db, 'SELECT management_type AS k, count(*) AS n FROM compounds GROUP BY 1', ManagementType.values),
    compoundsByControl: tallyBy(db, 'SELECT control_level AS k, count(*) AS n FROM compounds GROUP BY 1', ControlLevel.values),
    checkpointsByStatus: tallyBy(db, 'SELECT status AS k, count(*) AS n FROM checkpoints GROUP BY 1', CheckpointStatus.values),
  };
}
