import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import { allocate, AllocationError, type AllocResult } from '../../../shared/domain/allocate';
import { stmt } from '../db/statements';
import { onHand } from './ledger';
import type { RecipientKindCode } from './workload';

/**
 * The suggested split of a plan's items over its recipients, computed without writing:
 * the same figures a saved plan gets, so the page can warn before saving (recipients left
 * with nothing, quantities cut to the stock) and the core can refuse a silent cut.
 */

export interface ItemInfo {
  id: number;
  name: string;
  unit: string;
  pack_size: number;
  pack_unit: string | null;
  allow_split: number;
}
export const itemInfo = (db: Database.Database, id: number) =>
  stmt(db, 'SELECT id, name, unit, pack_size, pack_unit, allow_split FROM supply_items WHERE id = ?').get(id) as ItemInfo;

export interface SuggestRecipient {
  kind: RecipientKindCode;
  refId: number;
  name: string;
  weight: number;
  minPacks: number | null;
  maxPacks: number | null;
}
export interface SuggestItem {
  itemId: number;
  requested: number;
  inUnits: boolean;
}
export interface Suggestion {
  info: ItemInfo;
  requested: number;
  /** On hand in the plan's warehouse (never below 0). */
  have: number;
  inUnits: boolean;
  result: AllocResult;
}

/** Each item's split; an item in units is split by its base unit even when its packs are normally kept whole. */
export function suggest(db: Database.Database, warehouseId: number, recipients: SuggestRecipient[], items: SuggestItem[]): Suggestion[] {
  return items.map((it) => {
    const info = itemInfo(db, it.itemId);
    const have = Math.max(0, onHand(db, it.itemId, warehouseId));
    try {
      const result = allocate({
        total: Math.min(it.requested, have),
        packSize: info.pack_size,
        allowSplit: info.allow_split === 1 || it.inUnits,
        recipients: recipients.map((r) => ({
          weight: r.weight,
          min: r.minPacks === null ? null : r.minPacks * info.pack_size,
          max: r.maxPacks === null ? null : r.maxPacks * info.pack_size,
        })),
      });
      return { info, requested: it.requested, have, inUnits: it.inUnits, result };
    } catch (e) {
      if (e instanceof AllocationError) throw new ApiError('VALIDATION', `“${info.name}”无法分配：${e.message}`);
      throw e;
    }
  });
}

/** Indexes of the recipients that get nothing of any item. */
export const emptyRecipients = (recipients: unknown[], s: Suggestion[]): number[] =>
  recipients.flatMap((_, i) => (s.every((x) => x.result.quantities[i] === 0) ? [i] : []));

/**
 * The smaller list: recipients that get nothing are dropped and the rest recomputed, until
 * everyone left gets something (a shorter list can leave another one with nothing).
 */
export function dropEmpty<R extends SuggestRecipient>(db: Database.Database, warehouseId: number, recipients: R[], items: SuggestItem[]): R[] {
  let list = recipients;
  for (;;) {
    const empty = new Set(emptyRecipients(list, suggest(db, warehouseId, list, items)));
    if (empty.size === 0 || empty.size === list.length) return list;
    list = list.filter((_, i) => !empty.has(i));
  }
}

const n = (v: number) => v.toLocaleString('zh-CN');

/** Items asked for beyond the stock, in words: "“防护服”计划 1,000 套，仓库现有 400 套，少 600 套". */
export function shortfalls(s: Suggestion[]): string[] {
  return s
    .filter((x) => x.requested > x.have)
    .map((x) => `“${x.info.name}”计划 ${n(x.requested)} ${x.info.unit}，仓库现有 ${n(x.have)} ${x.info.unit}，少 ${n(x.requested - x.have)} ${x.info.unit}`);
}
