import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { Plan, PlanCreate, PlanUpdate } from '../../../shared/api/supplies';
import { allocate, AllocationError } from '../../../shared/domain/allocate';
import { stmt } from '../db/statements';
import { onHand, requireItemAndWarehouse, type Who, writeMoves } from './ledger';
import { explain } from './plan-explain';
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

interface ItemInfo {
  id: number;
  name: string;
  unit: string;
  pack_size: number;
  pack_unit: string | null;
  allow_split: number;
}
const itemInfo = (db: Database.Database, id: number) =>
  stmt(db, 'SELECT id, name, unit, pack_size, pack_unit, allow_split FROM supply_items WHERE id = ?').get(id) as ItemInfo;

/** Recomputes every item's suggested lines from the stored recipients and requested totals; lines are reset to the suggestion. */
function recompute(db: Database.Database, planId: number): void {
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
  const items = stmt(db, 'SELECT item_id AS itemId, requested FROM plan_items WHERE plan_id = ? ORDER BY position').all(planId) as {
    itemId: number;
    requested: number;
  }[];
  stmt(db, 'DELETE FROM plan_lines WHERE plan_id = ?').run(planId);
  const insert = stmt(db, 'INSERT INTO plan_lines (plan_id, kind, ref_id, item_id, qty, suggested) VALUES (?, ?, ?, ?, ?, ?)');
  for (const it of items) {
    const info = itemInfo(db, it.itemId);
    const have = Math.max(0, onHand(db, it.itemId, h.warehouse_id));
    const available = Math.min(it.requested, have);
    let result;
    try {
      result = allocate({
        total: available,
        packSize: info.pack_size,
        allowSplit: info.allow_split === 1,
        recipients: recipients.map((r) => ({
          weight: r.weight,
          min: r.minPacks === null ? null : r.minPacks * info.pack_size,
          max: r.maxPacks === null ? null : r.maxPacks * info.pack_size,
        })),
      });
    } catch (e) {
      if (e instanceof AllocationError) throw new ApiError('VALIDATION', `“${info.name}”无法分配：${e.message}`);
      throw e;
    }
    recipients.forEach((r, i) => insert.run(planId, r.kind, r.refId, it.itemId, result.quantities[i]!, result.quantities[i]!));
    stmt(db, 'UPDATE plan_items SET explanation = ? WHERE plan_id = ? AND item_id = ?').run(explain(info, it.requested, have, result), planId, it.itemId);
  }
}

function putItems(db: Database.Database, planId: number, warehouseId: number, items: { itemId: number; total: number }[]): void {
  const seen = new Set<number>();
  stmt(db, 'DELETE FROM plan_items WHERE plan_id = ?').run(planId);
  items.forEach((it, position) => {
    if (seen.has(it.itemId)) throw new ApiError('VALIDATION', '同一种物资在方案中只能出现一次');
    seen.add(it.itemId);
    requireItemAndWarehouse(db, it.itemId, warehouseId);
    stmt(db, "INSERT INTO plan_items (plan_id, item_id, requested, explanation, position) VALUES (?, ?, ?, '', ?)").run(planId, it.itemId, it.total, position);
  });
}

export function createPlan(db: Database.Database, input: z.output<typeof PlanCreate>, who: Who): PlanOut {
  if (!stmt(db, 'SELECT 1 FROM warehouses WHERE id = ?').get(input.warehouseId))
    throw new ApiError('VALIDATION', '发放仓库不存在', [{ path: 'warehouseId', message: '仓库不存在' }]);
  const at = who.now.toISOString();
  const id = Number(
    stmt(
      db,
      "INSERT INTO alloc_plans (plan_no, title, warehouse_id, basis, status, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?)",
    ).run(nextPlanNo(db, who.now), input.title, input.warehouseId, input.basis, input.note, who.username, at, at).lastInsertRowid,
  );
  const kinds: RecipientKindCode[] = input.recipients === 'both' ? ['community', 'checkpoint'] : [input.recipients];
  const list = kinds.flatMap((k) => workloads(db, k, input.basis as Basis));
  if (list.length === 0) throw new ApiError('VALIDATION', '没有可分配的接收方（没有社区或在岗的卡点）');
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
  recompute(db, input.id);
  return getPlan(db, input.id);
}

export function setLine(db: Database.Database, input: { id: number; kind: RecipientKindCode; refId: number; itemId: number; qty: number }, who: Who): PlanOut {
  const h = header(db, input.id);
  requireDraft(h);
  const info = itemInfo(db, input.itemId);
  if (!info || !stmt(db, 'SELECT 1 FROM plan_items WHERE plan_id = ? AND item_id = ?').get(input.id, input.itemId))
    throw new ApiError('VALIDATION', '该物资不在方案中');
  if (info.allow_split === 0 && input.qty % info.pack_size !== 0) {
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

export function getPlan(db: Database.Database, id: number): PlanOut {
  const p = stmt(
    db,
    `SELECT p.id, p.plan_no AS planNo, p.title, p.status, p.basis, p.warehouse_id AS warehouseId, w.name AS warehouseName, p.note,
       p.created_by AS createdBy, p.created_at AS createdAt, p.approved_by AS approvedBy, p.approved_at AS approvedAt,
       p.issued_by AS issuedBy, p.issued_at AS issuedAt
     FROM alloc_plans p JOIN warehouses w ON w.id = p.warehouse_id WHERE p.id = ?`,
  ).get(id) as Omit<PlanOut, 'items' | 'recipients' | 'lines'> | undefined;
  if (!p) throw new ApiError('NOT_FOUND', `分配方案不存在或已被删除（编号 ${id}）`);
  const items = (
    stmt(
      db,
      `SELECT i.item_id AS itemId, s.name, s.unit, s.pack_size AS packSize, s.pack_unit AS packUnit, s.allow_split AS allowSplit, i.requested, i.explanation,
         coalesce(t.total, 0) AS total
       FROM plan_items i JOIN supply_items s ON s.id = i.item_id
       LEFT JOIN (SELECT item_id, sum(qty) AS total FROM plan_lines WHERE plan_id = ? GROUP BY item_id) t ON t.item_id = i.item_id
       WHERE i.plan_id = ? ORDER BY i.position`,
    ).all(id, id) as (Omit<PlanOut['items'][number], 'allowSplit' | 'onHand'> & { allowSplit: number })[]
  ).map((i) => ({ ...i, allowSplit: i.allowSplit === 1, onHand: onHand(db, i.itemId, p.warehouseId) }));
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
       p.created_by AS createdBy, p.created_at AS createdAt, p.issued_at AS issuedAt
     FROM alloc_plans p JOIN warehouses w ON w.id = p.warehouse_id
     WHERE (? IS NULL OR p.status = ?) ORDER BY p.id DESC LIMIT ? OFFSET ?`,
  ).all(f.status ?? null, f.status ?? null, f.pageSize, (f.page - 1) * f.pageSize);
  return { rows: rows as never[], total };
}
