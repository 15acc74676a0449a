import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { dataOf, openSignedIn, signInAs, SLOW_MS } from '../../../test/helpers/temp-core';

const WORKER = path.resolve(__dirname, '../../../test/helpers/issue-worker.mjs');

function issueInWorker(dataDir: string, planId: number, barrier: SharedArrayBuffer): Promise<Envelope> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { workerData: { dataDir, planId, barrier } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

describe('ledger integrity under concurrent writers', () => {
  it(
    'two plans issued at the same moment from two connections cannot overdraw the stock',
    async () => {
      const { core, call } = await openSignedIn({ demo: true }, 'command');
      // Four eyes: 物资保障 draws the plans up, the command centre approves them.
      const wuzi = await signInAs(core, 'supplies');
      const suits = dataOf<{ rows: { id: number; name: string; onHand: number }[] }>(await call('supplyItems.list', { q: '防护服' })).rows.find(
        (r) => r.name === '防护服',
      )!;
      const total = Math.floor(suits.onHand * 0.6);
      const plans: { id: number }[] = [];
      for (const title of ['甲方案', '乙方案']) {
        const p = dataOf<{ id: number }>(
          await wuzi('plans.create', { title, warehouseId: 1, basis: 'equal', recipients: 'community', items: [{ itemId: suits.id, total }] }),
        );
        dataOf(await call('plans.approve', { id: p.id }));
        plans.push(p);
      }
      const dataDir = path.dirname(core.databaseFile);
      const barrier = new SharedArrayBuffer(4);
      const results = await Promise.all(plans.map((p) => issueInWorker(dataDir, p.id, barrier)));

      const ok = results.filter((r) => r.ok);
      const refused = results.filter((r) => !r.ok);
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(!refused[0]!.ok && refused[0]!.error).toMatchObject({ code: 'CONFLICT' });
      expect(!refused[0]!.ok && refused[0]!.error.message).toMatch(/^库存不足：“防护服”/);
      const after = core.db.prepare('SELECT sum(qty) AS n FROM stock_moves WHERE item_id = ?').get(suits.id) as { n: number };
      expect(after.n).toBe(suits.onHand - total);
      const statuses = core.db
        .prepare('SELECT status, (SELECT count(*) FROM stock_moves m WHERE m.plan_id = p.id) AS moves FROM alloc_plans p ORDER BY id')
        .all();
      expect(statuses).toEqual(
        expect.arrayContaining([
          { status: 'issued', moves: 1 },
          { status: 'approved', moves: 0 },
        ]),
      );
    },
    SLOW_MS,
  );
});
