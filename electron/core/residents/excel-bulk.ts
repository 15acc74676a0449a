import { stmt } from '../db/statements';
import type { BulkSave } from '../excel/table-schema';
import { compounds } from '../places/compounds';
import { createRow } from '../kernel/entity';
import { personValues, type ResidentInput } from './resident-values';

type Staged = ResidentInput;

// One staged row as a JSON array: [existingId, compoundId, newCompoundName, newCompoundCommunity, building, unit, room, name, idNumber,
// birthDate, gender, phone, relation, kind, flags, origin, returnDate, note, searchKey]. A new compound's id is looked up in SQL,
// since it is created only in the final transaction.
const STAGED = `staged AS (
  SELECT key AS seq, value->>0 AS existing_id,
    COALESCE(value->>1, (SELECT id FROM compounds WHERE name = value->>2 AND community_id = value->>3)) AS compound_id,
    value->>4 AS building, value->>5 AS unit, value->>6 AS room, value->>7 AS name, value->>8 AS id_number, value->>9 AS birth_date,
    value->>10 AS gender, value->>11 AS phone, value->>12 AS relation, value->>13 AS kind, value->>14 AS flags, value->>15 AS origin,
    value->>16 AS return_date, value->>17 AS note, value->>18 AS search_key
  FROM json_each(@rows)),
located AS (
  SELECT s.*, h.id AS household_id FROM staged s
  LEFT JOIN buildings b ON s.building IS NOT NULL AND b.compound_id = s.compound_id AND b.name = s.building
  LEFT JOIN households h ON s.room IS NOT NULL AND h.building_id = b.id AND h.unit = s.unit AND h.room = s.room)`;

const BUILDINGS = `WITH ${STAGED} INSERT OR IGNORE INTO buildings (compound_id, name)
  SELECT DISTINCT compound_id, building FROM staged WHERE compound_id IS NOT NULL AND building IS NOT NULL`;
const HOUSEHOLDS = `WITH ${STAGED} INSERT OR IGNORE INTO households (building_id, unit, room)
  SELECT DISTINCT b.id, s.unit, s.room FROM staged s JOIN buildings b ON b.compound_id = s.compound_id AND b.name = s.building WHERE s.room IS NOT NULL`;
const INSERT = `WITH ${STAGED} INSERT INTO residents (household_id, compound_id, name, id_number, birth_date, gender, phone, relation, kind, flags, origin,
    return_date, note, search_key, created_at, updated_at)
  SELECT household_id, compound_id, name, id_number, birth_date, gender, phone, relation, kind, flags, origin, return_date, note, search_key, @at, @at
  FROM located WHERE existing_id IS NULL ORDER BY seq`;
const UPDATE = `WITH ${STAGED} UPDATE residents SET household_id = l.household_id, compound_id = l.compound_id, name = l.name, id_number = l.id_number,
    birth_date = l.birth_date, gender = l.gender, phone = l.phone, relation = l.relation, kind = l.kind, flags = l.flags, origin = l.origin,
    return_date = l.return_date, note = l.note, search_key = l.search_key, updated_at = @at
  FROM (SELECT * FROM located WHERE existing_id IS NOT NULL) AS l WHERE residents.id = l.existing_id`;

/**
 * The resident roster's commit path (the big one: 150,000 rows): what `save` does row by
 * row — find or create the compound, building and household, insert or update the
 * resident — as four set-wise statements over a chunk of staged rows, so the
 * all-or-nothing transaction other writers wait for lasts a fraction of the row-by-row one.
 */
export const residentsBulk: BulkSave = {
  stage(_ctx, raw, existingId) {
    const i = raw as unknown as Staged;
    return [existingId, i.compoundId, i.newCompound?.name ?? null, i.newCompound?.communityId ?? null, i.building, i.unit, i.room, ...personValues(i)];
  },
  write(ctx, rows, json) {
    // Compounds the file names for the first time: a handful, created as `save` would.
    const made = new Set<string>();
    for (const r of rows) {
      const [, compoundId, name, communityId] = r as [unknown, number | null, string | null, number | null];
      if (compoundId !== null || name === null || communityId === null || made.has(`${communityId}|${name}`)) continue;
      made.add(`${communityId}|${name}`);
      if (stmt(ctx.db, 'SELECT 1 FROM compounds WHERE name = ? AND community_id = ?').get(name, communityId)) continue;
      createRow({ ...ctx, scope: { all: true, userId: 0 } }, compounds, {
        name,
        communityId,
        gridId: null,
        managementType: 'unmanaged',
        propertyCompany: null,
        buildings: 0,
        households: 0,
        population: 0,
        controlLevel: 'normal',
        lng: null,
        lat: null,
        boundary: null,
      });
    }
    const params = { rows: json, at: ctx.now.toISOString() };
    stmt(ctx.db, BUILDINGS).run({ rows: json });
    stmt(ctx.db, HOUSEHOLDS).run({ rows: json });
    stmt(ctx.db, INSERT).run(params);
    stmt(ctx.db, UPDATE).run(params);
  },
};

/** A round's tested counts, one UPDATE per chunk: as `save` does it row by row, a compound the round does not list is left alone. */
export const testCountsBulk: BulkSave = {
  stage: (_ctx, i) => [i.tested, i.roundId, i.compoundId],
  write(ctx, _rows, json) {
    stmt(
      ctx.db,
      `UPDATE test_counts SET tested = s.tested FROM (SELECT value->>0 AS tested, value->>1 AS round_id, value->>2 AS compound_id FROM json_each(@rows)) AS s
       WHERE test_counts.round_id = s.round_id AND test_counts.compound_id = s.compound_id`,
    ).run({ rows: json });
  },
};
