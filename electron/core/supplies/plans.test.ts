import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/api/supplies';
import { count, dataOf, errorOf, openSignedIn, signInAs, SLOW_MS, type Call } from '../../../test/helpers/temp-core';

type PlanOut = z.output<typeof Plan>;

async function itemId(call: Call, name: string): Promise<number> {
  const { rows } = dataOf<{ rows: { id: number; name: string }[] }>(await call('supplyItems.list', { q: name }));
  return rows.find((r) => r.name === name)!.id;
}
const onHand = async (call: Call, id: number) =>
  dataOf<{ rows: { id: number; onHand: number }[] }>(await call('supplyItems.list', { pageSize: 100 })).rows.find((r) => r.id === id)!.onHand;
const totals = (p: PlanOut) => Object.fromEntries(p.items.map((i) => [i.name, i.total]));
const lineOf = (p: PlanOut, name: string, itemName: string) => {
  const r = p.recipients.find((x) => x.name === name)!;
  const i = p.items.find((x) => x.name === itemName)!;
  return p.lines.find((l) => l.kind === r.kind && l.refId === r.refId && l.itemId === i.itemId)!.qty;
};

async function demoPlan(call: Call, items: { name: string; total: number }[], recipients: 'community' | 'checkpoint' | 'both' = 'community') {
  const list = await Promise.all(items.map(async (i) => ({ itemId: await itemId(call, i.name), total: i.total })));
  return dataOf<PlanOut>(
    await call('plans.create', { title: '第一批防护物资分配', warehouseId: 1, basis: 'population', recipients, items: list, acceptShort: true }),
  );
}

describe('allocation plans on the demo office', () => {
  it('splits by population in whole boxes, never over stock, and explains the rounding', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const masks = await itemId(call, '医用外科口罩');
    const have = await onHand(call, masks);
    const plan = await demoPlan(call, [
      { name: '医用外科口罩', total: 10_000 },
      { name: '防护服', total: 1_000_000 },
    ]);
    expect(plan).toMatchObject({ status: 'draft', basis: 'population', warehouseName: '街道物资库' });
    expect(plan.planNo).toMatch(/^FP-\d{8}-001$/);
    expect(plan.recipients).toHaveLength(15);
    expect(totals(plan)['医用外科口罩']).toBe(10_000);
    const maskLines = plan.lines.filter((l) => l.itemId === masks);
    expect(maskLines.every((l) => l.qty % 50 === 0)).toBe(true);
    // Heavier workload, no fewer masks.
    const byWorkload = [...plan.recipients].sort((a, b) => b.workload - a.workload);
    const qty = (r: (typeof plan.recipients)[number]) => maskLines.find((l) => l.kind === r.kind && l.refId === r.refId)!.qty;
    for (let i = 1; i < byWorkload.length; i++) expect(qty(byWorkload[i - 1]!)).toBeGreaterThanOrEqual(qty(byWorkload[i]!));
    // More suits asked for than there are: the plan hands out what the store holds.
    const suits = plan.items.find((i) => i.name === '防护服')!;
    expect(suits.total).toBe(suits.onHand);
    expect(suits.explanation).toContain('按库存分配');
    expect(plan.items.find((i) => i.name === '医用外科口罩')!.explanation).toMatch(/按整盒分配（每盒 50 只），共 200 盒/);
    expect(await onHand(call, masks)).toBe(have); // a plan alone moves no stock
  });

  it('lets the planner change a line (the total follows), in whole boxes and within stock', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const masks = await itemId(call, '医用外科口罩');
    const plan = await demoPlan(call, [{ name: '医用外科口罩', total: 5_000 }]);
    const r = plan.recipients[0]!;
    const before = lineOf(plan, r.name, '医用外科口罩');
    const changed = dataOf<PlanOut>(await call('plans.setLine', { id: plan.id, kind: r.kind, refId: r.refId, itemId: masks, qty: before + 500 }));
    expect(lineOf(changed, r.name, '医用外科口罩')).toBe(before + 500);
    expect(totals(changed)['医用外科口罩']).toBe(5_500);
    expect(changed.lines.find((l) => l.refId === r.refId && l.kind === r.kind)!.suggested).toBe(before);
    const broken = errorOf(await call('plans.setLine', { id: plan.id, kind: r.kind, refId: r.refId, itemId: masks, qty: 1_234 }));
    expect(broken.message).toBe('“医用外科口罩”按整盒发放（每盒 50 只），数量应为 50 的整数倍');
    const tooMany = errorOf(await call('plans.setLine', { id: plan.id, kind: r.kind, refId: r.refId, itemId: masks, qty: 10_000_000 }));
    expect(tooMany.message).toMatch(/^调整后“医用外科口罩”合计 10,00\d,\d{3} 只，超过仓库现有 [\d,]+ 只$/);
  });

  it('recomputes with edited weights and minimums', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const plan = await demoPlan(call, [{ name: '防护服', total: 150 }]);
    const weights = plan.recipients.map((r, i) => ({ kind: r.kind, refId: r.refId, weight: i === 0 ? 0 : 1, minPacks: i === 0 ? 20 : null, maxPacks: null }));
    const next = dataOf<PlanOut>(
      await call('plans.update', {
        id: plan.id,
        title: plan.title,
        basis: 'equal',
        items: [{ itemId: plan.items[0]!.itemId, total: 150 }],
        recipients: weights,
      }),
    );
    expect(lineOf(next, plan.recipients[0]!.name, '防护服')).toBe(20);
    const others = next.lines.filter((l) => l.refId !== plan.recipients[0]!.refId).map((l) => l.qty);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
    expect(others.reduce((s, q) => s + q, 0)).toBe(130);
  });

  it(
    'approve → issue takes exactly the plan’s totals from stock, once; an issued plan cannot change',
    async () => {
      // The reset at the end is about plans and stock: the demo's residents are left out of it.
      const { core, call } = await openSignedIn({ demo: true, resetWithResidents: false }, 'command');
      const masks = await itemId(call, '医用外科口罩');
      const gel = await itemId(call, '75%酒精');
      const [m0, g0] = [await onHand(call, masks), await onHand(call, gel)];
      const plan = await demoPlan(
        await signInAs(core, 'supplies'),
        [
          { name: '医用外科口罩', total: 7_500 },
          { name: '75%酒精', total: 240 },
        ],
        'both',
      );
      expect(errorOf(await call('plans.issue', { id: plan.id })).message).toContain('还未审批');
      const approved = dataOf<PlanOut>(await call('plans.approve', { id: plan.id }));
      expect(approved).toMatchObject({ status: 'approved', approvedBy: 'zhihui' });
      expect(
        errorOf(await call('plans.setLine', { id: plan.id, kind: 'community', refId: plan.recipients[0]!.refId, itemId: masks, qty: 0 })).message,
      ).toContain('已审批');
      const issued = dataOf<PlanOut>(await call('plans.issue', { id: plan.id }));
      expect(issued.status).toBe('issued');
      expect(await onHand(call, masks)).toBe(m0 - totals(issued)['医用外科口罩']!);
      expect(await onHand(call, gel)).toBe(g0 - totals(issued)['75%酒精']!);
      const issueRows = core.db.prepare("SELECT count(*) AS n, -sum(qty) AS q FROM stock_moves WHERE plan_id = ? AND kind = 'issue'").get(plan.id) as {
        n: number;
        q: number;
      };
      expect(issueRows).toEqual({ n: 2, q: 7_500 + 240 }); // one 出库 row per item; who got what is the frozen plan
      expect(() => core.db.prepare('UPDATE plan_lines SET qty = 0 WHERE plan_id = ?').run(plan.id)).toThrow('已发放的方案不能修改');
      expect(() => core.db.prepare('DELETE FROM plan_lines WHERE plan_id = ?').run(plan.id)).toThrow('已发放的方案不能修改');

      const again = errorOf(await call('plans.issue', { id: plan.id }));
      expect(again).toMatchObject({ code: 'CONFLICT', message: `方案 ${plan.planNo} 已经发放过，不能重复发放` });
      expect(
        errorOf(
          await call('plans.update', {
            id: plan.id,
            title: 'x',
            basis: 'equal',
            items: [{ itemId: masks, total: 1 }],
            recipients: [{ kind: 'community', refId: plan.recipients[0]!.refId, weight: 1 }],
          }),
        ).message,
      ).toContain('已发放，不能再修改');
      expect(errorOf(await call('plans.delete', { id: plan.id })).message).toContain('只有草稿方案可以删除');
      expect(
        errorOf(
          await call('stock.reverse', {
            moveId: (core.db.prepare('SELECT id FROM stock_moves WHERE plan_id = ? LIMIT 1').get(plan.id) as { id: number }).id,
            reason: '退回',
          }),
        ).message,
      ).toContain('不能单独冲正');
      expect(count(core.db, 'stock_moves')).toBeGreaterThan(issueRows.n);

      // 重置为演示数据 still clears an issued plan (the guards are lifted only inside that transaction).
      dataOf(await (await signInAs(core, 'admin'))('demo.reset', { confirm: '重置' }));
      expect(count(core.db, 'alloc_plans')).toBe(0);
      expect(() => core.db.prepare('DELETE FROM stock_moves').run()).toThrow('台账记录不能删除');
    },
    SLOW_MS,
  );

  it('a failed issue leaves nothing: stock spent elsewhere after approval is refused, the plan stays approved', async () => {
    const { core, call } = await openSignedIn({ demo: true }, 'command');
    const suits = await itemId(call, '防护服');
    const plan = await demoPlan(await signInAs(core, 'supplies'), [{ name: '防护服', total: 400 }]);
    dataOf(await call('plans.approve', { id: plan.id }));
    const have = await onHand(call, suits);
    dataOf(await call('stock.use', { warehouseId: 1, counterparty: '应急处置组', lines: [{ itemId: suits, qty: have - 10 }] }));
    const movesBefore = count(core.db, 'stock_moves');
    const e = errorOf(await call('plans.issue', { id: plan.id }));
    expect(e).toMatchObject({ code: 'CONFLICT' });
    expect(e.message).toMatch(/^库存不足：“防护服”在“街道物资库”现有 10 套/);
    expect(count(core.db, 'stock_moves')).toBe(movesBefore);
    expect(dataOf<PlanOut>(await call('plans.get', { id: plan.id })).status).toBe('approved');
  });

  it('only a role with approval rights approves; 物资保障 prepares and issues', async () => {
    const { core } = await openSignedIn({ demo: true }, 'command');
    const wuzi = await signInAs(core, 'supplies');
    const plan = await demoPlan(wuzi, [{ name: '防护手套', total: 1_000 }]);
    expect(errorOf(await wuzi('plans.approve', { id: plan.id })).code).toBe('FORBIDDEN');
  });

  it('weighs by people observed at home when asked: communities with none get nothing', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const compounds = dataOf<{ rows: { id: number; communityName: string }[] }>(await call('compounds.list', { pageSize: 200, sort: 'id' })).rows;
    for (const [i, c] of [compounds[0]!, compounds[0]!, compounds[0]!, compounds[60]!].entries()) {
      dataOf(await call('keyPersons.create', { name: `观察${i}`, compoundId: c.id, category: 'arrival', measure: 'homeObservation', startDate: '2026-11-30' }));
    }
    const plan = dataOf<PlanOut>(
      await call('plans.create', {
        title: '居家观察户物资',
        warehouseId: 1,
        basis: 'observed',
        recipients: 'community',
        items: [{ itemId: await itemId(call, '84消毒液'), total: 40 }],
      }),
    );
    const given = plan.recipients.filter((r) => lineOf(plan, r.name, '84消毒液') > 0).map((r) => [r.name, r.workload, lineOf(plan, r.name, '84消毒液')]);
    expect(given).toEqual([
      [compounds[0]!.communityName, 3, 30],
      [compounds[60]!.communityName, 1, 10],
    ]);
  });

  it('exports the 物资分配表 as .xlsx with recipients, quantities and totals', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const plan = await demoPlan(call, [
      { name: '医用外科口罩', total: 3_000 },
      { name: '84消毒液', total: 100 },
    ]);
    const out = dataOf<{ fileName: string; base64: string; rowCount: number }>(await call('plans.export', { id: plan.id }));
    expect(out.fileName).toBe(`物资分配表-${plan.planNo}.xlsx`);
    const XLSX = await import('xlsx');
    const wb = XLSX.read(Buffer.from(out.base64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['物资分配表']!, { header: 1 });
    expect(String(rows[0]![0])).toContain('物资分配表');
    expect(rows[2]).toEqual(['序号', '类型', '接收方', '医用外科口罩（只）', '84消毒液（瓶）', '领取人签字']);
    const first = plan.recipients[0]!;
    expect(rows[3]!.slice(0, 5)).toEqual([1, '社区', first.name, lineOf(plan, first.name, '医用外科口罩'), lineOf(plan, first.name, '84消毒液')]);
    expect(rows[3 + plan.recipients.length]!.slice(2, 5)).toEqual(['合计', 3_000, 100]);
  });
});
