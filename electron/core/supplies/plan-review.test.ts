import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanPreview } from '../../../shared/api/supplies';
import { dataOf, errorOf, openSignedIn, signInAs, type Call } from '../../../test/helpers/temp-core';

type PlanOut = z.output<typeof Plan>;
type Preview = z.output<typeof PlanPreview.output>;

async function item(call: Call, name: string) {
  const { rows } = dataOf<{ rows: { id: number; name: string; onHand: number }[] }>(await call('supplyItems.list', { q: name }));
  return rows.find((r) => r.name === name)!;
}
const base = { warehouseId: 1, basis: 'equal', recipients: 'checkpoint' } as const;

describe('an allocation plan is checked before it is saved', () => {
  it('whole boxes for every checkpoint: the preview names how many get nothing; base units or a smaller list give everyone something', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const masks = await item(call, '医用外科口罩');
    const checkpoints = dataOf<{ total: number }>(await call('checkpoints.list', { status: 'active', pageSize: 1 })).total;
    // 40 boxes of 50 for more than 40 checkpoints, equally: some get a box, the rest none.
    const boxes = 40;
    expect(checkpoints).toBeGreaterThan(boxes);
    const items = [{ itemId: masks.id, total: boxes * 50 }];
    const whole = dataOf<Preview>(await call('plans.preview', { ...base, items }));
    expect(whole).toMatchObject({ recipients: checkpoints, empty: checkpoints - boxes, shortfalls: [] });
    expect(whole.items[0]).toMatchObject({ wholePacks: true, allocated: 2000, zero: checkpoints - boxes });
    expect(whole.emptyNames).toHaveLength(10);

    // In base units (只): every checkpoint gets masks, the total unchanged.
    const units = dataOf<Preview>(await call('plans.preview', { ...base, items: [{ ...items[0]!, inUnits: true }] }));
    expect(units).toMatchObject({ recipients: checkpoints, empty: 0 });
    expect(units.items[0]).toMatchObject({ wholePacks: false, allocated: 2000, zero: 0 });
    const saved = dataOf<PlanOut>(await call('plans.create', { ...base, title: '拆盒分配', items: [{ ...items[0]!, inUnits: true }] }));
    expect(saved.items[0]).toMatchObject({ inUnits: true, total: 2000 });
    expect(saved.lines.every((l) => l.qty > 0)).toBe(true);
    expect(saved.items[0]!.explanation).toContain('本方案拆盒，按只分配');
    // A single line may then be any number of masks, and a recomputation keeps the split by 只.
    const r = saved.recipients[0]!;
    dataOf(await call('plans.setLine', { id: saved.id, kind: r.kind, refId: r.refId, itemId: masks.id, qty: 7 }));
    const again = dataOf<PlanOut>(
      await call('plans.update', {
        id: saved.id,
        title: saved.title,
        basis: 'equal',
        items: saved.items.map((i) => ({ itemId: i.itemId, total: i.requested, inUnits: i.inUnits })),
        recipients: saved.recipients.map((x) => ({ kind: x.kind, refId: x.refId, weight: x.weight })),
      }),
    );
    expect(again.lines.every((l) => l.qty > 0)).toBe(true);

    // The smaller list: only the checkpoints that get a whole box, each of them one.
    const smaller = dataOf<PlanOut>(await call('plans.create', { ...base, title: '整盒分配', items, dropEmpty: true }));
    expect(smaller.recipients).toHaveLength(boxes);
    expect(smaller.lines.map((l) => l.qty)).toEqual(Array(boxes).fill(50));
  });

  it('a request beyond the stock is refused until the cut is confirmed, naming requested, on hand and the cut', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const suits = await item(call, '防护服');
    const items = [{ itemId: suits.id, total: suits.onHand + 600 }];
    const n = (v: number) => v.toLocaleString('zh-CN');
    const said = `“防护服”计划 ${n(suits.onHand + 600)} 套，仓库现有 ${n(suits.onHand)} 套，少 600 套`;
    expect(dataOf<Preview>(await call('plans.preview', { ...base, recipients: 'community', items })).shortfalls).toEqual([said]);
    const refused = errorOf(await call('plans.create', { ...base, recipients: 'community', title: '防护服分配', items }));
    expect(refused).toMatchObject({ code: 'CONFLICT', message: `库存不足：${said}。确认按现有库存分配后再保存` });
    expect(dataOf<{ total: number }>(await call('plans.list', {})).total).toBe(0);
    const plan = dataOf<PlanOut>(await call('plans.create', { ...base, recipients: 'community', title: '防护服分配', items, acceptShort: true }));
    expect(plan.items[0]!.total).toBe(suits.onHand);
  });

  it('recomputing a saved draft beyond the stock is refused the same way, and leaves the draft as it was until the cut is confirmed', async () => {
    const { call } = await openSignedIn({ demo: true }, 'command');
    const suits = await item(call, '防护服');
    const plan = dataOf<PlanOut>(
      await call('plans.create', { ...base, recipients: 'community', title: '防护服分配', items: [{ itemId: suits.id, total: 100 }] }),
    );
    const n = (v: number) => v.toLocaleString('zh-CN');
    const edit = {
      id: plan.id,
      title: plan.title,
      basis: 'equal',
      items: [{ itemId: suits.id, total: suits.onHand + 250 }],
      recipients: plan.recipients.map((r) => ({ kind: r.kind, refId: r.refId, weight: r.weight })),
    };
    const said = `“防护服”计划 ${n(suits.onHand + 250)} 套，仓库现有 ${n(suits.onHand)} 套，少 250 套`;
    const refused = errorOf(await call('plans.update', edit));
    expect(refused).toMatchObject({ code: 'CONFLICT', message: `库存不足：${said}。确认按现有库存分配后再保存`, issues: [{ path: 'items', message: said }] });
    const unchanged = dataOf<PlanOut>(await call('plans.get', { id: plan.id }));
    expect(unchanged.items[0]).toMatchObject({ requested: 100, total: 100 });
    const cut = dataOf<PlanOut>(await call('plans.update', { ...edit, acceptShort: true }));
    expect(cut.items[0]).toMatchObject({ requested: suits.onHand + 250, total: suits.onHand });
  });

  it('the plan list names the 制表人 by display name', async () => {
    const { core } = await openSignedIn({ demo: true }, 'command');
    const wuzi = await signInAs(core, 'supplies');
    const gloves = await item(wuzi, '防护手套');
    dataOf(await wuzi('plans.create', { ...base, recipients: 'community', title: '手套分配', items: [{ itemId: gloves.id, total: 100 }] }));
    const shown = (core.db.prepare("SELECT display_name AS n FROM users WHERE username = 'wuzi'").get() as { n: string }).n;
    const { rows } = dataOf<{ rows: { createdBy: string; createdByName: string }[] }>(await wuzi('plans.list', {}));
    expect(rows[0]).toMatchObject({ createdBy: 'wuzi', createdByName: shown });
    expect(shown).not.toBe('wuzi');
  });
});

describe('four eyes: drawn up by one person, approved by another', () => {
  it('refuses the author’s own approval in the core; another approver passes; issuing records who issued, by display name', async () => {
    const { core } = await openSignedIn({ demo: true }, 'command');
    const wuzi = await signInAs(core, 'supplies');
    const zhihui = await signInAs(core, 'command');
    const gloves = await item(zhihui, '防护手套');
    const own = dataOf<PlanOut>(
      await zhihui('plans.create', { ...base, recipients: 'community', title: '本人方案', items: [{ itemId: gloves.id, total: 1000 }] }),
    );
    const refused = errorOf(await zhihui('plans.approve', { id: own.id }));
    expect(refused).toEqual({ code: 'FORBIDDEN', message: `方案 ${own.planNo} 由您本人制定，不能由同一人审批，请由另一位有审批权限的同事审批` });
    expect(dataOf<PlanOut>(await zhihui('plans.get', { id: own.id })).status).toBe('draft');

    const plan = dataOf<PlanOut>(
      await wuzi('plans.create', { ...base, recipients: 'community', title: '物资保障员方案', items: [{ itemId: gloves.id, total: 1000 }] }),
    );
    const approved = dataOf<PlanOut>(await zhihui('plans.approve', { id: plan.id }));
    expect(approved).toMatchObject({ status: 'approved', createdBy: 'wuzi', approvedBy: 'zhihui' });
    const issued = dataOf<PlanOut>(await wuzi('plans.issue', { id: plan.id }));
    expect(issued).toMatchObject({
      status: 'issued',
      issuedBy: 'wuzi',
      createdByName: '物资保障员',
      approvedByName: '指挥中心值班员',
      issuedByName: '物资保障员',
    });
    expect(issued.issuedAt).not.toBeNull();
  });
});
