import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';

export type RecipientKindCode = 'community' | 'checkpoint';
export type Basis = 'population' | 'checkpoints' | 'staff' | 'observed' | 'equal';

export interface Workload {
  kind: RecipientKindCode;
  refId: number;
  name: string;
  workload: number;
}

/**
 * The workload a plan's default weights come from (seed 002: "根据村(居)社区工作量需求"):
 * population, checkpoints in service, staff on duty per day, or people observed at home.
 * Staff on duty per day counts three shifts for a 24-hour checkpoint (三班轮值), one for a
 * daytime one. Only checkpoints in service (值守中) count or receive.
 */
const SHIFTS = "(CASE k.hours WHEN 'allDay' THEN 3 ELSE 1 END)";
/** Key persons still under a measure at home (居家观察 / 居家隔离 / 健康监测). */
const OBSERVED = "o.status = 'observing' AND o.measure <> 'centralQuarantine'";

const COMMUNITY_SQL: Record<Basis, string> = {
  population: 'coalesce((SELECT sum(p.population) FROM compounds p WHERE p.community_id = c.id), 0)',
  checkpoints: "(SELECT count(*) FROM checkpoints k WHERE k.community_id = c.id AND k.status = 'active')",
  staff: `coalesce((SELECT sum(k.staff_per_shift * ${SHIFTS}) FROM checkpoints k WHERE k.community_id = c.id AND k.status = 'active'), 0)`,
  observed: `(SELECT count(*) FROM key_persons o JOIN compounds p ON p.id = o.compound_id WHERE p.community_id = c.id AND ${OBSERVED})`,
  equal: '1',
};

const CHECKPOINT_SQL: Record<Basis, string> = {
  // A checkpoint guards the compound it stands at; a road checkpoint has no population of its own.
  population: 'coalesce((SELECT p.population FROM compounds p WHERE p.id = k.compound_id), 0)',
  checkpoints: '1',
  staff: `k.staff_per_shift * ${SHIFTS}`,
  // A checkpoint at a compound serves the people observed at home there.
  observed: `(SELECT count(*) FROM key_persons o WHERE o.compound_id = k.compound_id AND ${OBSERVED})`,
  equal: '1',
};

export function workloads(db: Database.Database, kind: RecipientKindCode, basis: Basis): Workload[] {
  const sql =
    kind === 'community'
      ? `SELECT 'community' AS kind, c.id AS refId, c.name, ${COMMUNITY_SQL[basis]} AS workload FROM communities c ORDER BY c.id`
      : `SELECT 'checkpoint' AS kind, k.id AS refId, k.name, ${CHECKPOINT_SQL[basis]} AS workload FROM checkpoints k WHERE k.status = 'active' ORDER BY k.id`;
  return stmt(db, sql).all() as Workload[];
}
