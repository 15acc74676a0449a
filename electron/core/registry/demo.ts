import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from '../db/statements';
import { checkpoints } from '../places/checkpoints';
import { communities } from '../places/communities';
import { compounds } from '../places/compounds';
import { ALL_COMMUNITIES, createRow, type EntityCtx } from '../kernel/entity';
import { grids } from '../places/grids';
import { clearSupplies, seedDemoSupplies } from '../supplies/demo';
import { clearVolunteers, seedDemoVolunteers } from '../volunteers/demo';
import { clearResidents, seedDemoResidents } from '../residents/demo';
import { clearInspections, seedDemoInspections } from '../inspections/demo';
import { DEMO_SEED, generateDemo } from '../places/demo';

/**
 * Replaces the office's territory with the demo office. Runs inside the caller's
 * transaction; inserts go through the same definitions as the forms, so search keys
 * and checks are identical to hand-entered rows.
 */
/** `residents`: also the ~140,000 residents, campaigns, key persons and two weeks of registrations (tests usually skip them). */
export function replaceWithDemo(db: Database.Database, now: Date, seed?: number, residents = true): void {
  const demo = generateDemo(seed);
  const ctx: EntityCtx = { db, now, scope: ALL_COMMUNITIES };
  // Deleting the communities cascades to users' community scopes; keep them by community name.
  const scopes = stmt(db, 'SELECT u.user_id AS userId, c.name FROM user_communities u JOIN communities c ON c.id = u.community_id').all() as {
    userId: number;
    name: string;
  }[];
  clearInspections(db);
  clearSupplies(db);
  clearVolunteers(db);
  clearResidents(db);
  for (const table of ['checkpoints', 'compounds', 'grids', 'communities']) db.exec(`DELETE FROM ${table}`);
  stmt(db, 'UPDATE office SET name = ?, division_code = ? WHERE id = 1').run(demo.office.name, demo.office.divisionCode);

  // The territory was drawn up before the demo's two weeks of history, so past days count it (see migration 0150).
  const placesCtx: EntityCtx = { ...ctx, now: new Date(now.getTime() - 30 * 86_400_000) };
  const gridIds = demo.grids.map((g) => createRow(placesCtx, grids, g).id);
  const communityIds = demo.communities.map(({ gridIndex: _g, centre: _c, ...c }) => createRow(placesCtx, communities, c).id);
  const idByName = new Map(demo.communities.map((c, i) => [c.name, communityIds[i]!]));
  for (const { userId, name } of scopes) {
    const id = idByName.get(name);
    if (id !== undefined) stmt(db, 'INSERT INTO user_communities (user_id, community_id) VALUES (?, ?)').run(userId, id);
  }
  const compoundIds = demo.compounds.map(
    ({ communityIndex, gridIndex, ...c }) =>
      createRow(placesCtx, compounds, { ...c, communityId: communityIds[communityIndex]!, gridId: gridIds[gridIndex]! }).id,
  );
  for (const { communityIndex, compoundIndex, ...k } of demo.checkpoints) {
    const compoundId = compoundIndex === null ? null : compoundIds[compoundIndex]!;
    createRow(placesCtx, checkpoints, { ...k, communityId: communityIds[communityIndex]!, compoundId });
  }
  seedDemoSupplies(db, now);
  seedDemoVolunteers(db, now, seed);
  if (residents) seedDemoResidents(db, now, seed ?? DEMO_SEED);
  seedDemoInspections(db, now, seed ?? DEMO_SEED);
}
