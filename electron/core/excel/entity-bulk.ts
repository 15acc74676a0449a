import { stmt } from '../db/statements';
import { columnsToWrite, type EntityCtx, type EntityDef } from '../kernel/entity';
import { type BulkSave, StaleRow } from './table-schema';

/** Column names reach SQL only from an entity definition's own column list, never from a file. */
const NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * The staged commit of a register kept through the entity layer (createRow / updateRow):
 * each row's columns are worked out and checked outside the transaction as those functions
 * would, then a chunk is written by one INSERT and one UPDATE over json_each. An updated
 * row carries the updated_at it had when staged; if another user changed or deleted it
 * since, the write throws StaleRow and the import keeps nothing.
 *
 * `fields` turns the import's input into the definition's fields (defaults the file has no
 * column for); `keep` lists columns an update leaves as stored (a boundary drawn on the map).
 */
export function entityBulk<F extends object, R extends { id: number }>(
  def: EntityDef<F, R>,
  opts: { fields?: (input: Record<string, unknown>) => F; keep?: string[] } = {},
): BulkSave {
  const keep = new Set(['created_at', ...(opts.keep ?? [])]);
  const sqlFor = (names: string[]) => {
    if (!names.every((n) => NAME.test(n))) throw new Error(`${def.table}: unexpected column name`);
    const picked = (cols: string[]) => cols.map((n) => `value->2->>'${n}' AS ${n}`).join(', ');
    const set = names.filter((n) => !keep.has(n));
    return {
      insert: `INSERT INTO ${def.table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM (SELECT key AS seq, ${picked(names)}
        FROM json_each(@rows) WHERE value->>0 IS NULL) ORDER BY seq`,
      update: `UPDATE ${def.table} SET ${set.map((n) => `${n} = s.${n}`).join(', ')}
        FROM (SELECT value->>0 AS id, value->>1 AS seen, ${picked(set)} FROM json_each(@rows) WHERE value->>0 IS NOT NULL) AS s
        WHERE ${def.table}.id = s.id AND ${def.table}.updated_at = s.seen RETURNING id`,
    };
  };
  return {
    stage(ctx, input, existingId) {
      const fields = opts.fields ? opts.fields(input) : (input as F);
      const { columns, seen } = columnsToWrite(ctx, def, fields, existingId);
      return [existingId, seen, columns];
    },
    write(ctx, rows, json) {
      const first = rows[0] as [number | null, string | null, Record<string, unknown>] | undefined;
      if (!first) return;
      const { insert, update } = sqlFor(Object.keys(first[2]));
      stmt(ctx.db, insert).run({ rows: json });
      if (rows.every((r) => r[0] === null)) return;
      // RETURNING names only the updated table's columns: the rows written, by id.
      const done = new Set((stmt(ctx.db, update).all({ rows: json }) as { id: number }[]).map((r) => r.id));
      const stale = rows.findIndex((r) => r[0] !== null && !done.has(r[0] as number));
      if (stale >= 0) throw new StaleRow(stale);
    },
  };
}

/**
 * The staged commit of a table whose import only adds rows (registrations, roster
 * placements): `values` gives a row's values in the order of `columns`, worked out before
 * the transaction; a chunk is then inserted by one prepared statement, in the file's order.
 * (An INSERT … SELECT over json_each held the transaction longer here: every value->>N
 * parses the row again — see `npm run bench`, BENCH=tables.)
 */
export function insertBulk(table: string, columns: string[], values: (ctx: EntityCtx, input: Record<string, unknown>) => unknown[]): BulkSave {
  if (!NAME.test(table) || !columns.every((n) => NAME.test(n))) throw new Error(`${table}: unexpected column name`);
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  return {
    stage: (ctx, input) => values(ctx, input),
    write(ctx, rows) {
      const insert = stmt(ctx.db, sql);
      for (const r of rows) insert.run(r);
    },
  };
}
