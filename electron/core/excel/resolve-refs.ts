import { stmt } from '../db/statements';
import type { EntityCtx } from '../kernel/entity';

/** Looks up a row id by exact name, within the caller's community scope where the table has one. */
export function idByName(ctx: EntityCtx, table: 'communities' | 'grids', name: string): number | null {
  const scoped = table === 'communities' ? ' AND (? = 1 OR id IN (SELECT community_id FROM user_communities WHERE user_id = ?))' : '';
  const params = table === 'communities' ? [name, ctx.scope.all ? 1 : 0, ctx.scope.userId] : [name];
  const row = stmt(ctx.db, `SELECT id FROM ${table} WHERE name = ?${scoped}`).get(...params) as { id: number } | undefined;
  return row?.id ?? null;
}

/** The 所属社区 and 所属片区 cells of a row as ids, with a message on the cell when a name is unknown. */
export function communityAndGrid(ctx: EntityCtx, v: Record<string, unknown>, errors: { key: string; message: string }[]) {
  const communityId = v.communityName ? idByName(ctx, 'communities', String(v.communityName)) : null;
  if (v.communityName && communityId === null)
    errors.push({ key: 'communityName', message: `社区“${v.communityName}”不存在（请先在“社区”中建立，或核对名称）` });
  const gridId = v.gridName ? idByName(ctx, 'grids', String(v.gridName)) : null;
  if (v.gridName && gridId === null) errors.push({ key: 'gridName', message: `片区“${v.gridName}”不存在` });
  return { communityId, gridId };
}

/** Contract field → the import column it came from, so zod messages land on the right header. */
export function issuesToColumns(issues: { path: PropertyKey[]; message: string }[], fieldToColumn: Record<string, string>) {
  return issues.map((i) => {
    const field = String(i.path[0] ?? '');
    return { key: fieldToColumn[field] ?? field, message: i.message };
  });
}

/** The community a compound, checkpoint or premises belongs to (null when it has none or does not exist). */
export function communityOfRow(ctx: EntityCtx, table: 'compounds' | 'checkpoints' | 'premises', id: unknown): number | null {
  if (typeof id !== 'number') return null;
  return (stmt(ctx.db, `SELECT community_id AS c FROM ${table} WHERE id = ?`).get(id) as { c: number | null } | undefined)?.c ?? null;
}
