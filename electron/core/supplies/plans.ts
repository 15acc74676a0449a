import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { Plan, PlanCreate, PlanPreview, PlanUpdate } from '../../../shared/api/supplies';
import { stmt } from '../db/statements';
import { onHand, requireItemAndWarehouse, type Who, writeMoves } from './ledger';
import { explain } from './plan-explain';
import { dropEmpty, emptyRecipients, itemInfo, shortfalls, suggest, type SuggestItem, type SuggestRecipient } from './plan-suggest';
import { type Basis, type RecipientKindCode, workloads } from './workload';
import { localDay } from '../../../shared/domain/days';

/**
 * 分配方案: 草稿 → 已审批 → 已发放. The suggested lines come from allocate() over the
 * recipients' weights; the planner may change any line (the item's total follows).
 * Issuing writes the plan's 出库 to the ledger in the caller's transaction, once.
 */

type PlanOut = z.input<typeof Plan>;
interface Header {
  id: number;
  status: 'draft' | 'approved' | 'issued';
  warehouse_id: number;
  plan_no: string;
}

function header(db: Database.Database, id: number): Header {
  const h = stmt(db, 'SELECT id, status, warehouse_id, plan_no FROM alloc_plans WHERE id = ?').get(id) as Header | undefined;
  if (!h) throw new ApiError('NOT_FOUND', `分配方案不存在或已被删除（编号 ${id}）`);
  return h;
}

function requireDraft(h: Header): void {
  if (h.status === 'issued') throw new ApiError('CONFLICT', `方案 ${h.plan_no} 已发放，不能再修改`);
  if (h.status === 'approved') throw new ApiError('CONFLICT', `方案 ${h.plan_no} 已审批，如需修改请先撤回审批`);
}

/** FP-<yyyymmdd>-<3-digit sequence of the day>. */
function nextPlanNo(db: Database.Database, now: Date): string {
  const day = localDay(now).replaceAll('-', '');
  const prefix = `FP-${day}-`;
  const last = stmt(db, 'SELECT plan_no AS no FROM alloc_plans WHERE plan_no LIKE ? ORDER BY plan_no DESC LIMIT 1').get(`${prefix}%`) as
    { no: string } | undefined;
  return `${prefix}${String(last ? Number(last.no.slice(prefix.length)) + 1 : 1).padStart(3, '0')}`;
}

/** Recomputes every item's suggested lines from the stored recipients and requested totals; lines are reset to the suggestion. Returns the cuts to the stock. */
function recompute(db: Database.Database, planId: number): string[] {
  const h = header(db, planId);
  const recipients = stmt(
    db,
    'SELECT kind, ref_id AS refId, weight, min_packs AS minPacks, max_packs AS maxPacks FROM plan_recipients WHERE plan_id = ? ORDER BY position',
  ).all(planId) as {
    kind: RecipientKindCode;
    refId: number;
    weight: number;
    minPacks: number | null;
    maxPacks: number | null;
  }[];
  const items = (
    stmt(db, 'SELECT item_id AS itemId, requested, in_units AS inUnits FROM plan_items WHERE plan_id = ? ORDER BY position').all(planId) as {
      itemId: number;
      requested: number;
      inUnits: number;
    }[]
  ).map((i) => ({ ...i, inUnits: i.inUnits === 1 }));
  stmt(db, 'DELETE FROM plan_lines WHERE plan_id = ?').run(planId);
  const insert = stmt(db, 'INSERT INTO plan_lines (plan_id, kind, ref_id, item_id, qty, suggested) VALUES (?, ?, ?, ?, ?, ?)');
  const split = suggest(
    db,
    h.warehouse_id,
    recipients.map((r) => ({ ...r, name: '' })),
    items,
  );
  for (const s of split) {
    recipients.forEach((r, i) => insert.run(planId, r.kind, r.refId, s.info.id, s.result.quantities[i]!, s.result.quantities[i]!));
    stmt(db, 'UPDATE plan_items SET explanation = ? WHERE plan_id = ? AND item_id = ?').run(
      explain(s.info, s.requested, s.have, s.result, s.inUnits),
      planId,
      s.info.id,
    );
  }
  return shortfalls(split);
}

function putItems(db: Database.Database, planId: number, warehouseId: number, items: { itemId: number; total: number; inUnits?: boolean }[]): void {
  const seen = new Set<number>();
  stmt(db, 'DELETE FROM plan_items WHERE plan_id = ?').run(planId);
  items.forEach((it, position) => {
    if (seen.has(it.itemId)) throw new ApiError('VALIDATION', '同一种物资在方案中只能出现一次');
    seen.add(it.itemId);
    requireItemAndWarehouse(db, it.itemId, warehouseId);
    stmt(db, "INSERT INTO plan_items (plan_id, item_id, requested, explanation, position, in_units) VALUES (?, ?, ?, '', ?, ?)").run(
      planId,
      it.itemId,
      it.total,
      position,
      it.inUnits ? 1 : 0,
    );
  });
}

/** The recipients a new plan starts from: every community and/or checkpoint in service, weighted by workload. */
function candidates(db: Database.Database, input: { recipients: 'community' | 'checkpoint' | 'both'; basis: string }) {
  const kinds: RecipientKindCode[] = input.recipients === 'both' ? ['community', 'checkpoint'] : [input.recipients];
  const list = kinds.flatMap((k) => workloads(db, k, input.basis as Basis));
  if (list.length === 0) throw new ApiError('VALIDATION', '没有可分配的接收方（没有社区或在岗的卡点）');
  return list.map((r) => ({ ...r, weight: r.workload, minPacks: null, maxPacks: null }));
}
const suggestItems = (items: { itemId: number; total: number; inUnits: boolean }[]): SuggestItem[] =>
  items.map((i) => ({ itemId: i.itemId, requested: i.total, inUnits: i.inUnits }));

/** What saving would give, before saving: recipients left with nothing, items cut to the stock. */
export function previewPlan(db: Database.Database, input: z.output<typeof PlanPreview.input>): z.input<typeof PlanPreview.output> {
  if (!stmt(db, 'SELECT 1 FROM warehouses WHERE id = ?').get(input.warehouseId))
    throw new ApiError('VALIDATION', '发放仓库不存在', [{ path: 'warehouseId', message: '仓库不存在' }]);
  for (const it of input.items) requireItemAndWarehouse(db, it.itemId, input.warehouseId);
  const items = suggestItems(input.items);
  const all = candidates(db, input);
  const list: SuggestRecipient[] = input.dropEmpty ? dropEmpty(db, input.warehouseId, all, items) : all;
  const split = suggest(db, input.warehouseId, list, items);
  const empty = emptyRecipients(list, split);
  return {
    recipients: list.length,
    empty: empty.length,
    emptyNames: empty.slice(0, 10).map((i) => list[i]!.name),
    shortfalls: shortfalls(split),
    items: split.map((x) => ({
      itemId: x.info.id,
      name: x.info.name,
      unit: x.info.unit,
      packSize: x.info.pack_size,
      packUnit: x.info.pack_unit,
      wholePacks: x.result.grain > 1,
      requested: x.requested,
      onHand: x.have,
      allocated: x.result.distributed,
      zero: x.result.quantities.filter((q) => q === 0).length,
    })),
  };
}

/** The cuts travel as issues too, so a page can show them in its confirmation before resending with acceptShort. */
const shortError = (short: string[]) =>
  new ApiError(
    'CONFLICT',
    `库存不足：${short.join('；')}。确认按现有库存分配后再保存`,
    short.map((message) => ({ path: 'items', message })),
  );

export function createPlan(db: Database.Database, input: z.output<typeof PlanCreate>, who: Who): PlanOut {
  if (!stmt(db, 'SELECT 1 FROM warehouses WHERE id = ?').get(input.warehouseId))
    throw new ApiError('VALIDATION', '发放仓库不存在', [{ path: 'warehouseId', message: '仓库不存在' }]);
  for (const it of input.items) requireItemAndWarehouse(db, it.itemId, input.warehouseId);
  const items = suggestItems(input.items);
  const all = candidates(db, input);
  const list = input.dropEmpty ? dropEmpty(db, input.warehouseId, all, items) : all;
  // Never cut a request to the stock unseen: the planner confirms the cut (the page shows it first).
  const short = shortfalls(suggest(db, input.warehouseId, list, items));
  if (short.length && !input.acceptShort) throw shortError(short);
  const at = who.now.toISOString();
  const id = Number(
    stmt(
      db,
      "INSERT INTO alloc_plans (plan_no, title, warehouse_id, basis, status, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?)",
    ).run(nextPlanNo(db, who.now), input.title, input.warehouseId, input.basis, input.note, who.username, at, at).lastInsertRowid,
  );
  const insert = stmt(db, 'INSERT INTO plan_recipients (plan_id, kind, ref_id, name, workload, weight, position) VALUES (?, ?, ?, ?, ?, ?, ?)');
  list.forEach((r, i) => insert.run(id, r.kind, r.refId, r.name, r.workload, r.workload, i));
  putItems(db, id, input.warehouseId, input.items);
  recompute(db, id);
  return getPlan(db, id);
}

export function updatePlan(db: Database.Database, input: z.output<typeof PlanUpdate>, who: Who): PlanOut {
  const h = header(db, input.id);
  requireDraft(h);
  stmt(db, 'UPDATE alloc_plans SET title = ?, basis = ?, note = ?, updated_at = ? WHERE id = ?').run(
    input.title,
    input.basis,
    input.note,
    who.now.toISOString(),
    input.id,
  );
  const stored = new Map(
    (
      stmt(db, 'SELECT kind, ref_id AS refId, name, workload FROM plan_recipients WHERE plan_id = ?').all(input.id) as {
        kind: string;
        refId: number;
        name: string;
        workload: number;
      }[]
    ).map((r) => [`${r.kind}:${r.refId}`, r]),
  );
  // The basis may have changed: workloads are read again; weights are what the planner sent.
  const fresh = new Map((['community', 'checkpoint'] as const).flatMap((k) => workloads(db, k, input.basis as Basis)).map((r) => [`${r.kind}:${r.refId}`, r]));
  stmt(db, 'DELETE FROM plan_recipients WHERE plan_id = ?').run(input.id);
  const insert = stmt(
    db,
    'INSERT INTO plan_recipients (plan_id, kind, ref_id, name, workload, weight, min_packs, max_packs, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  input.recipients.forEach((r, i) => {
    const key = `${r.kind}:${r.refId}`;
    const known = fresh.get(key) ?? stored.get(key);
    if (!known) throw new ApiError('VALIDATION', `第 ${i + 1} 个接收方不存在（可能已被删除）`);
    if (r.minPacks !== null && r.maxPacks !== null && r.maxPacks < r.minPacks) throw new ApiError('VALIDATION', `“${known.name}”的最高包数小于最低包数`);
    insert.run(input.id, r.kind, r.refId, known.name, fresh.get(key)?.workload ?? known.workload, r.weight, r.minPacks, r.maxPacks, i);
  });
  putItems(db, input.id, h.warehouse_id, input.items);
  // As for a new plan: a recomputation never cuts to the stock unseen (the throw rolls the edit back).
  const short = recompute(db, input.id);
  if (short.length && !input.acceptShort) throw shortError(short);
  return getPlan(db, input.id);
}

export function setLine(db: Database.Database, input: { id: number; kind: RecipientKindCode; refId: number; itemId: number; qty: number }, who: Who): PlanOut {
  const h = header(db, input.id);
  requireDraft(h);
  const info = itemInfo(db, input.itemId);
  const planItem = stmt(db, 'SELECT in_units AS inUnits FROM plan_items WHERE plan_id = ? AND item_id = ?').get(input.id, input.itemId) as
    { inUnits: number } | undefined;
  if (!info || !planItem) throw new ApiError('VALIDATION', '该物资不在方案中');
  if (info.allow_split === 0 && planItem.inUnits === 0 && input.qty % info.pack_size !== 0) {
    throw new ApiError(
      'VALIDATION',
      `“${info.name}”按整${info.pack_unit ?? '包'}发放（每${info.pack_unit ?? '包'} ${info.pack_size} ${info.unit}），数量应为 ${info.pack_size} 的整数倍`,
    );
  }
  const changed = stmt(db, 'UPDATE plan_lines SET qty = ? WHERE plan_id = ? AND kind = ? AND ref_id = ? AND item_id = ?').run(
    input.qty,
    input.id,
    input.kind,
    input.refId,
    input.itemId,
  ).changes;
  if (changed === 0) throw new ApiError('VALIDATION', '该接收方不在方案中');
  const total = (stmt(db, 'SELECT sum(qty) AS n FROM plan_lines WHERE plan_id = ? AND item_id = ?').get(input.id, input.itemId) as { n: number }).n;
  const have = onHand(db, input.itemId, h.warehouse_id);
  if (total > have)
    throw new ApiError(
      'CONFLICT',
      `调整后“${info.name}”合计 ${total.toLocaleString('zh-CN')} ${info.unit}，超过仓库现有 ${have.toLocaleString('zh-CN')} ${info.unit}`,
    );
  stmt(db, 'UPDATE alloc_plans SET updated_at = ? WHERE id = ?').run(who.now.toISOString(), input.id);
  return getPlan(db, input.id);
}

/** Every item's total within the warehouse's stock now; otherwise CONFLICT naming the first short item. */
function requireStock(db: Database.Database, planId: number, warehouseId: number): void {
  const totals = stmt(db, 'SELECT item_id AS itemId, sum(qty) AS total FROM plan_lines WHERE plan_id = ? GROUP BY item_id').all(planId) as {
    itemId: number;
    total: number;
  }[];
  if (totals.every((t) => t.total === 0)) throw new ApiError('VALIDATION', '方案中没有要发放的数量');
  for (const t of totals) {
    const have = onHand(db, t.itemId, warehouseId);
    if (t.total > have) {
      const info = itemInfo(db, t.itemId);
      throw new ApiError(
        'CONFLICT',
        `库存不足：“${info.name}”方案合计 ${t.total.toLocaleString('zh-CN')} ${info.unit}，仓库现有 ${have.toLocaleString('zh-CN')} ${info.unit}`,
      );
    }
  }
}

export function approvePlan(db: Database.Database, id: number, who: Who): PlanOut {
  const h = header(db, id);
  requireDraft(h);
  // 四眼原则: whoever drew the plan up cannot also approve it, whatever page or client asks.
  const author = (stmt(db, 'SELECT created_by AS u FROM alloc_plans WHERE id = ?').get(id) as { u: string }).u;
  if (author.toLowerCase() === who.username.toLowerCase())
    throw new ApiError('FORBIDDEN', `方案 ${h.plan_no} 由您本人制定，不能由同一人审批，请由另一位有审批权限的同事审批`);
  requireStock(db, id, h.warehouse_id);
  stmt(db, "UPDATE alloc_plans SET status = 'approved', approved_by = ?, approved_at = ?, updated_at = ? WHERE id = ?").run(
    who.username,
    who.now.toISOString(),
    who.now.toISOString(),
    id,
  );
  return getPlan(db, id);
}

export function revertPlan(db: Database.Database, id: number, who: Who): PlanOut {
  const h = header(db, id);
  if (h.status !== 'approved') throw new ApiError('CONFLICT', h.status === 'issued' ? `方案 ${h.plan_no} 已发放，不能撤回` : `方案 ${h.plan_no} 还未审批`);
  stmt(db, "UPDATE alloc_plans SET status = 'draft', approved_by = NULL, approved_at = NULL, updated_at = ? WHERE id = ?").run(who.now.toISOString(), id);
  return getPlan(db, id);
}

export function issuePlan(db: Database.Database, id: number, who: Who): PlanOut {
  const h = header(db, id);
  if (h.status === 'issued') throw new ApiError('CONFLICT', `方案 ${h.plan_no} 已经发放过，不能重复发放`);
  if (h.status !== 'approved') throw new ApiError('CONFLICT', `方案 ${h.plan_no} 还未审批，审批后才能发放`);
  // The status guard and the ledger rows commit together: a second issue finds 'issued'.
  const at = who.now.toISOString();
  if (
    stmt(db, "UPDATE alloc_plans SET status = 'issued', issued_by = ?, issued_at = ?, updated_at = ? WHERE id = ? AND status = 'approved'").run(
      who.username,
      at,
      at,
      id,
    ).changes !== 1
  ) {
    throw new ApiError('CONFLICT', `方案 ${h.plan_no} 已经发放过，不能重复发放`);
  }
  // One ledger row per item (the 出库 of that item for this plan); who got how much is the
  // plan's lines, which the issue freezes (a trigger refuses changes to an issued plan's lines).
  const totals = stmt(
    db,
    `SELECT l.item_id AS itemId, sum(l.qty) AS qty, count(*) AS recipients FROM plan_lines l JOIN plan_items i ON i.plan_id = l.plan_id AND i.item_id = l.item_id
     WHERE l.plan_id = ? AND l.qty > 0 GROUP BY l.item_id ORDER BY min(i.position)`,
  ).all(id) as { itemId: number; qty: number; recipients: number }[];
  if (totals.length === 0) throw new ApiError('VALIDATION', '方案中没有要发放的数量');
  const title = (stmt(db, 'SELECT title FROM alloc_plans WHERE id = ?').get(id) as { title: string }).title;
  writeMoves(
    db,
    totals.map((t) => ({
      itemId: t.itemId,
      warehouseId: h.warehouse_id,
      qty: -t.qty,
      kind: 'issue' as const,
      planId: id,
      counterparty: `${t.recipients} 个接收方`,
      reason: title,
    })),
    who,
  );
  return getPlan(db, id);
}

export function deletePlan(db: Database.Database, id: number): { ok: true } {
  const h = header(db, id);
  if (h.status !== 'draft') throw new ApiError('CONFLICT', `只有草稿方案可以删除（方案 ${h.plan_no} ${h.status === 'issued' ? '已发放' : '已审批'}）`);
  stmt(db, 'DELETE FROM alloc_plans WHERE id = ?').run(id);
  return { ok: true };
}

/** The name a printed form shows for a user: the display name, never the login name (the login name only if the user is gone). */
const shownName = (col: string) =>
  `CASE WHEN ${col} IS NULL THEN NULL ELSE coalesce((SELECT u.display_name FROM users u WHERE u.username = ${col}), ${col}) END`;

export function getPlan(db: Database.Database, id: number): PlanOut {
  const p = stmt(
    db,
    `SELECT p.id, p.plan_no AS planNo, p.title, p.status, p.basis, p.warehouse_id AS warehouseId, w.name AS warehouseName, p.note,
       p.created_by AS createdBy, p.created_at AS createdAt, p.approved_by AS approvedBy, p.approved_at AS approvedAt,
       p.issued_by AS issuedBy, p.issued_at AS issuedAt,
       ${shownName('p.created_by')} AS createdByName, ${shownName('p.approved_by')} AS approvedByName, ${shownName('p.issued_by')} AS issuedByName
     FROM alloc_plans p JOIN warehouses w ON w.id = p.warehouse_id WHERE p.id = ?`,
  ).get(id) as Omit<PlanOut, 'items' | 'recipients' | 'lines'> | undefined;
  if (!p) throw new ApiError('NOT_FOUND', `分配方案不存在或已被删除（编号 ${id}）`);
  const items = (
    stmt(
      db,
      `SELECT i.item_id AS itemId, s.name, s.unit, s.pack_size AS packSize, s.pack_unit AS packUnit, s.allow_split AS allowSplit, i.in_units AS inUnits, i.requested, i.explanation,
         coalesce(t.total, 0) AS total
       FROM plan_items i JOIN supply_items s ON s.id = i.item_id
       LEFT JOIN (SELECT item_id, sum(qty) AS total FROM plan_lines WHERE plan_id = ? GROUP BY item_id) t ON t.item_id = i.item_id
       WHERE i.plan_id = ? ORDER BY i.position`,
    ).all(id, id) as (Omit<PlanOut['items'][number], 'allowSplit' | 'inUnits' | 'onHand'> & { allowSplit: number; inUnits: number })[]
  ).map((i) => ({ ...i, allowSplit: i.allowSplit === 1, inUnits: i.inUnits === 1, onHand: onHand(db, i.itemId, p.warehouseId) }));
  const recipients = stmt(
    db,
    'SELECT kind, ref_id AS refId, name, workload, weight, min_packs AS minPacks, max_packs AS maxPacks FROM plan_recipients WHERE plan_id = ? ORDER BY position',
  ).all(id) as PlanOut['recipients'];
  const lines = stmt(db, 'SELECT kind, ref_id AS refId, item_id AS itemId, qty, suggested FROM plan_lines WHERE plan_id = ?').all(id) as PlanOut['lines'];
  return { ...p, items, recipients, lines };
}

export function listPlans(db: Database.Database, f: { status?: string; page: number; pageSize: number }) {
  const total = (stmt(db, 'SELECT count(*) AS n FROM alloc_plans WHERE (? IS NULL OR status = ?)').get(f.status ?? null, f.status ?? null) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT p.id, p.plan_no AS planNo, p.title, p.status, w.name AS warehouseName,
       (SELECT count(*) FROM plan_recipients r WHERE r.plan_id = p.id) AS recipientCount,
       (SELECT count(*) FROM plan_items i WHERE i.plan_id = p.id) AS itemCount,
       p.created_by AS createdBy, ${shownName('p.created_by')} AS createdByName, p.created_at AS createdAt, p.issued_at AS issuedAt
     FROM alloc_plans p JOIN warehouses w ON w.id = p.warehouse_id
     WHERE (? IS NULL OR p.status = ?) ORDER BY p.id DESC LIMIT ? OFFSET ?`,
  ).all(f.status ?? null, f.status ?? null, f.pageSize, (f.page - 1) * f.pageSize);
  return { rows: rows as never[], total };
}
