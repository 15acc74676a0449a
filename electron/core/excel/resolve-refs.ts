import { stmt } from '../db/statements';
import type { EntityCtx } from '../places/entity';

/** Looks up a row id by exact name, within the caller's community scope where the table has one. */
export function idByName(ctx: EntityCtx, table: 'communities' | 'grids', name: string): number | null {
  const scoped = table === 'communities' ? ' AND (? = 1 OR id IN (SELECT community_id FROM user_communities WHERE user_id = ?))' : '';
  const params = table === 'communities' ? [name, ctx.scope.all ? 1 : 0, ctx.scope.userId] : [name];
  const row = stmt(ctx.db, `SELECT id FROM ${table} WHERE name = ?${scoped}`).get(...params) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Contract field → the import column it came from, so zod messages land on the right header. */
export function issuesToColumns(issues: { path: PropertyKey[]; message: string }[], fieldToColumn: Record<string, string>) {
  return issues.map((i) => {
    const field = String(i.path[0] ?? '');
    return { key: fieldToColumn[field] ?? field, message: i.message };
  });
}
