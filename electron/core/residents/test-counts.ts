import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';
import { type Scope, scopeWhere } from '../kernel/entity';

export interface TestCount {
  compoundId: number;
  compoundName: string;
  communityName: string;
  due: number;
  tested: number;
}

/** One testing round's counts per compound, in the caller's communities: the list and its export. */
export function testCounts(db: Database.Database, scope: Scope, roundId: number): TestCount[] {
  const w = scopeWhere(scope, 'p.community_id');
  return stmt(
    db,
    `SELECT c.compound_id AS compoundId, p.name AS compoundName, m.name AS communityName, c.due, c.tested FROM test_counts c JOIN compounds p ON p.id = c.compound_id JOIN communities m ON m.id = p.community_id WHERE c.round_id = ? AND ${w.sql} ORDER BY m.id, p.name`,
  ).all(roundId, ...w.params) as TestCount[];
}
