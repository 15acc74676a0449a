import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../electron/core/registry/core';
import { signIn } from '../helpers/sessions';
import { median, ms } from './timing';
import { openDemoOffice } from './office';

/**
 * Supplies at scale, through core.call (validation, transaction, audit): a plan for 500
 * recipients × 20 items, created, approved and issued; and 库存总览 over a ledger of
 * 1,000,000 movements. Each is printed beside the same work at street-office size,
 * measured in the same process.
 */

async function open(dir: string): Promise<Core> {
  return openDemoOffice(dir);
}

/** `items` new items with plenty of stock, and `checkpoints` checkpoints in service. */
function grow(core: Core, checkpoints: number, items: number): number[] {
  const db = core.db;
  const at = new Date().toISOString();
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < items; i++) {
      ids.push(
        Number(
          db
            .prepare(
              "INSERT INTO supply_items (name, category, unit, pack_size, pack_unit, allow_split, search_key, created_at, updated_at) VALUES (?, 'protective', '个', 10, '盒', 0, ?, ?, ?)",
            )
            .run(`测试物资${i}`, `测试物资${i}`, at, at).lastInsertRowid,
        ),
      );
    }
    const insertMove = db.prepare("INSERT INTO stock_moves (ts, item_id, warehouse_id, qty, kind, username) VALUES (?, ?, 1, ?, 'purchase', 'bench')");
    for (const id of ids) insertMove.run(at, id, 1_000_000);
    const insertCheckpoint = db.prepare(
      "INSERT INTO checkpoints (name, kind, community_id, compound_id, hours, staff_per_shift, status, search_key, created_at, updated_at) VALUES (?, 'road', 1 + (? % 15), NULL, 'allDay', 1 + (? % 4), 'active', ?, ?, ?)",
    );
    // Exactly `checkpoints` in service: the demo's own are paused for the run.
    db.exec("UPDATE checkpoints SET status = 'paused'");
    for (let i = 0; i < checkpoints; i++) insertCheckpoint.run(`测试卡点${i}`, i, i, `测试卡点${i}`, at, at);
  })();
  return ids;
}

async function planRun(core: Core, itemIds: number[], recipients: 'community' | 'checkpoint') {
  // Four eyes: 物资保障 draws the plan up and issues it, the command centre approves.
  const call = await signIn(core, 'wuzi');
  const approver = await signIn(core, 'zhihui');
  const ok = <T>(e: Awaited<ReturnType<typeof call>>) => {
    if (!e.ok) throw new Error(e.error.message);
    return e.data as T;
  };
  let t0 = process.hrtime.bigint();
  const plan = ok<{ id: number; recipients: unknown[] }>(
    await call('plans.create', { title: '压测', warehouseId: 1, basis: 'staff', recipients, items: itemIds.map((itemId) => ({ itemId, total: 50_000 })) }),
  );
  const create = ms(t0);
  t0 = process.hrtime.bigint();
  ok(await approver('plans.approve', { id: plan.id }));
  const approve = ms(t0);
  t0 = process.hrtime.bigint();
  ok(await call('plans.issue', { id: plan.id }));
  const issue = ms(t0);
  return { recipients: plan.recipients.length, create, approve, issue, total: create + approve + issue };
}

async function benchPlans(): Promise<void> {
  console.log('\n## Supplies: plan → approve → issue (core.call, one transaction each)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-plan-'));
  try {
    const core = await open(dir);
    const items = grow(core, 500, 20);
    const base = await planRun(core, items.slice(0, 2), 'community');
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await planRun(core, items, 'checkpoint'));
    const r = {
      create: median(runs.map((x) => x.create)),
      approve: median(runs.map((x) => x.approve)),
      issue: median(runs.map((x) => x.issue)),
      total: median(runs.map((x) => x.total)),
    };
    console.log(`baseline ${base.recipients} communities × 2 items: ${base.total.toFixed(0)} ms`);
    console.log(
      `${runs[0]!.recipients} checkpoints × 20 items (10,000 lines): create ${r.create.toFixed(0)} ms, approve ${r.approve.toFixed(0)} ms, issue ${r.issue.toFixed(0)} ms; ` +
        `total ${r.total.toFixed(0)} ms (median of 3; target < 200 ms)`,
    );
    core.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** n movements over the last 60 days across 20 items and 3 warehouses, mostly issues, stock never negative. */
function fillLedger(core: Core, n: number): void {
  const db = core.db;
  const items = (db.prepare('SELECT id FROM supply_items ORDER BY id LIMIT 14').all() as { id: number }[]).map((r) => r.id);
  const at = new Date().toISOString();
  db.prepare("INSERT INTO warehouses (name, search_key, created_at, updated_at) VALUES ('二号库', '二号库', ?, ?), ('三号库', '三号库', ?, ?)").run(
    at,
    at,
    at,
    at,
  );
  const insert = db.prepare('INSERT INTO stock_moves (ts, item_id, warehouse_id, qty, kind, username) VALUES (?, ?, ?, ?, ?, ?)');
  const now = Date.now();
  db.transaction(() => {
    for (const id of items) for (const w of [1, 2, 3]) insert.run(new Date(now - 61 * 86_400_000).toISOString(), id, w, 100_000_000, 'purchase', 'bench');
    for (let i = 0; i < n; i++) {
      const ts = new Date(now - 60 * 86_400_000 + Math.floor((i / n) * 60 * 86_400_000)).toISOString();
      const kind = i % 10 === 0 ? 'purchase' : i % 3 === 0 ? 'use' : 'issue';
      insert.run(ts, items[i % items.length]!, 1 + (i % 3), kind === 'purchase' ? 50 : -5, kind, 'bench');
    }
  })();
  db.exec('ANALYZE');
}

async function benchOverview(): Promise<void> {
  console.log('\n## Supplies: 库存总览 over the ledger');
  for (const n of [10_000, 1_000_000]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-ledger-'));
    try {
      const core = await open(dir);
      let t0 = process.hrtime.bigint();
      fillLedger(core, n);
      const fill = ms(t0);
      const call = await signIn(core, 'wuzi');
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        t0 = process.hrtime.bigint();
        const e = await call('stock.overview', {});
        times.push(ms(t0));
        if (!e.ok) throw new Error(e.error.message);
      }
      console.log(
        `${n.toLocaleString()} movements (written in ${(fill / 1000).toFixed(1)} s): overview ${median(times).toFixed(0)} ms (median of 5${n === 1_000_000 ? '; target < 300 ms' : '; baseline'})`,
      );
      core.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

export { grow, open, planRun };

export async function benchSupplies(): Promise<void> {
  await benchPlans();
  await benchOverview();
}
