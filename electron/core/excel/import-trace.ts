import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';

/**
 * The communities an import wrote into, by name, read from the rows' resolved input
 * (a community, a compound, or a compound the import creates). The audit log names
 * them, so an import that reaches into another community leaves a trace.
 */
export function communitiesTouched(db: Database.Database, inputs: unknown[]): string[] {
  const communities = new Set<number>();
  const compounds = new Set<number>();
  for (const input of inputs) {
    const i = input as { communityId?: unknown; compoundId?: unknown; newCompound?: { communityId?: unknown } | null } | null;
    if (typeof i?.communityId === 'number') communities.add(i.communityId);
    if (typeof i?.compoundId === 'number') compounds.add(i.compoundId);
    if (typeof i?.newCompound?.communityId === 'number') communities.add(i.newCompound.communityId);
  }
  const ofCompound = stmt(db, 'SELECT community_id AS id FROM compounds WHERE id = ?');
  for (const id of compounds) {
    const row = ofCompound.get(id) as { id: number } | undefined;
    if (row) communities.add(row.id);
  }
  const nameOf = stmt(db, 'SELECT name FROM communities WHERE id = ?');
  return [...communities].sort((a, b) => a - b).map((id) => (nameOf.get(id) as { name: string } | undefined)?.name ?? `#${id}`);
}
