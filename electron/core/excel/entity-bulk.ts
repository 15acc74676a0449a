import { stmt } from '../db/statements';
import { columnsToWrite, type EntityCtx, type EntityDef } from '../kernel/entity';
import { type BulkSave, StaleRow } from './table-schema';

/** Column names reach SQL only from an entity definition's own column list, never from a file. */
const NAME = /^[a-z_][a-z0-9_]*$/;

/** A staged row: the id it updates (null: a new row), that row's updated_at when staged, and its columns. */
type Staged = [number | null, string | null, Record<string, unknown>];

/**
 * The staged commit of a register kept through the entity layer (createRow / updateRow):
 * each row's columns are worked out and checked outside the transaction as those functions
 * would, then a chunk is written in the file's order by two prepared statements, with no
 * lookups left (faster here than an INSERT … SELECT over json_each, whose value->>N parses
 * every row again for each column: `npm run bench`, BENCH=tables). An updated row carries
 * the updated_at it had when staged; if another user changed or deleted it since, the
 * write throws StaleRow and the import keeps nothing.
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
    const set = names.filter((n) => !keep.has(n));
    return {
      insert: `INSERT INTO ${def.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
      update: `UPDATE ${def.table} SET ${set.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id AND updated_at IN (@seen, @updated_at)`,
    };
  };
  return {
    stage(ctx, input, existingId) {
      const fields = opts.fields ? opts.fields(input) : (input as F);
      const { columns, seen } = columnsToWrite(ctx, def, fields, existingId);
      return [existingId, seen, columns];
    },
    // A row this import already wrote (two rows of the file naming one person) carries the import's own time.
    write(ctx, rows) {
      const first = rows[0] as Staged | undefined;
      if (!first) return;
      const sql = sqlFor(Object.keys(first[2]));
      const insert = stmt(ctx.db, sql.insert);
      const update = stmt(ctx.db, sql.update);
      for (const [i, r] of (rows as Staged[]).entries()) {
        const [id, seen, columns] = r;
        if (id === null) insert.run(columns);
        else if (update.run({ ...columns, id, seen }).changes !== 1) throw new StaleRow(i);
      }
    },
  };
}

/**
 * The staged commit of a table whose import only adds rows (registrations, roster
 * placements): `values` gives a row's values in the order of `columns`, worked out before
 * the transaction; a chunk is then inserted by one prepared statement, in the file's order.
 */
export function insertBulk(table: string, columns: string[], values: (ctx: EntityCtx, input: Record<string, unknown>) => unknown[]): BulkSave {
  if (!NAME.test(table) || !columns.every((n) => NAME.test(n))) throw new Error(`${table}: unexpected column name`);
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  return {
    stage: (ctx, input) => values(ctx, input),
    // A row this import already wrote (two rows of the file naming one person) carries the import's own time.
    write(ctx, rows) {
      const insert = stmt(ctx.db, sql);
      for (const r of rows) insert.run(r);
    },
  };
}
