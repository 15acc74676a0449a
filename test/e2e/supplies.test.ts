import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../helpers/pdf-text';
import { apiCall, browserSession, signInUI } from './harness';

/** 物资保障 as the command centre uses it: a donation in, a plan for every community, approved, issued, printed. */
const session = browserSession('zhihui');

type Item = { id: number; name: string; onHand: number };
type Plan = {
  id: number;
  planNo: string;
  status: string;
  items: { itemId: number; name: string; total: number }[];
  recipients: { kind: string; refId: number; name: string }[];
  lines: { kind: string; refId: number; itemId: number; qty: number }[];
};
const items = async () => (await apiCall<{ rows: Item[] }>(session.server, 'supplyItems.list', { pageSize: 100 }, 'zhihui')).rows;
const onHand = async (name: string) => (await items()).find((i) => i.name === name)!.onHand;
const n = (v: number) => v.toLocaleString('zh-CN');

/** Picks an option of a plain (not searchable) antd Select by clicking it. */
async function choose(select: ReturnType<Page['locator']>, label: string) {
  await select.click();
  await session.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click();
  // The choice is what the select shows, not the click: the next step computes from it.
  const shown = select.locator(`xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  await expect.poll(() => shown.innerText()).toContain(label);
}

/** Picks an option of a searchable antd Select by typing its label, as a keyboard user does. */
async function pick(select: ReturnType<Page['locator']>, label: string) {
  await select.click();
  await session.page.keyboard.type(label);
  await session.page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: label }).waitFor();
  await session.page.keyboard.press('Enter');
}

describe('supplies in Chromium', () => {
  it('records a donation, which goes into stock with a receipt number', async () => {
    const before = await onHand('医用外科口罩');
    await session.page.goto(`${session.server.url}/#/supplies`);
    await session.page.getByRole('tab', { name: '捐赠登记' }).click();
    await session.page.getByRole('button', { name: '登记捐赠' }).click();
    const dialog = session.page.getByRole('dialog');
    await pick(dialog.locator('.ant-select').first(), '商丘隆越汽车有限公司');
    await pick(dialog.getByLabel('物资'), '医用外科口罩');
    await dialog.getByLabel('数量').fill('5000');
    await dialog.getByRole('button', { name: '登记并入库' }).click();
    // What is saved and listed, not the passing toast.
    await expect.poll(() => onHand('医用外科口罩')).toBe(before + 5000);
    // The new receipt's own row (the demo has older 5,000 只 donations from the same donor): wait for it, not for any match.
    const newRow = session.page.locator('.ant-table-row', { hasText: /JZ-\d{4}-0004/ }).first();
    await expect.poll(() => newRow.innerText().catch(() => '')).toContain('商丘隆越汽车有限公司');
    expect(await newRow.innerText()).toContain('5,000 只');

    // Its 捐赠接收凭证 and the 感谢名单 print from the list.
    const receiptNo = (await newRow.innerText()).match(/JZ-\d{4}-\d{4}/)![0];
    await session.page.locator('.ant-table-row', { hasText: receiptNo }).getByRole('link', { name: '打印凭证' }).click();
    await session.page.getByTestId('print-sheet').waitFor();
    const receipt = (await pdfPages(await session.page.pdf({ format: 'A4', preferCSSPageSize: true }))).join('');
    expect(receipt).toContain('捐赠接收凭证');
    expect(receipt).toContain(receiptNo);
    expect(receipt).toContain('商丘隆越汽车有限公司');
    expect(receipt).toContain('医用外科口罩5,000只');
    await session.page.goto(`${session.server.url}/#/print/thanks`);
    await session.page.getByTestId('print-sheet').waitFor();
    const thanks = (await pdfPages(await session.page.pdf({ format: 'A4', preferCSSPageSize: true }))).join('');
    expect(thanks).toContain('感谢名单');
    expect(thanks).toContain('商丘隆越汽车有限公司医用外科口罩10,000只'); // 5,000 in the demo week and 5,000 today
    expect(thanks).toContain('平原街道巾帼企业家协会');
    await session.page.goto(`${session.server.url}/#/supplies`);
  });

  it('物资保障 drafts a plan in boxes and bottles; the command centre approves it after confirming (never its own plan), issues it; the sheet prints people’s names', async () => {
    const { page, server } = session;
    const [masks0, bleach0] = [await onHand('医用外科口罩'), await onHand('84消毒液')];
    await signInUI(page, server, 'wuzi');
    await page.goto(`${server.url}/#/supplies?tab=plans`);
    await page.getByRole('button', { name: '新建分配方案' }).click();
    const dialog = page.getByRole('dialog');
    // 160 盒 of masks and 15 箱 of bleach: typed in packs, saved in base units.
    await pick(dialog.getByLabel('分配物资').first(), '医用外科口罩');
    await dialog.getByLabel('计划数量', { exact: true }).first().fill('160');
    await choose(dialog.getByLabel('计划数量单位').first(), '盒（每盒 50 只）');
    await dialog.getByRole('button', { name: '添加物资' }).click();
    await pick(dialog.getByLabel('分配物资').nth(1), '84消毒液');
    await dialog.getByLabel('计划数量', { exact: true }).nth(1).fill('15');
    await choose(dialog.getByLabel('计划数量单位').nth(1), '箱（每箱 20 瓶）');
    await dialog.getByRole('button', { name: '按工作量计算' }).click();
    await expect.poll(() => page.getByTestId('plan-sheet').isVisible()).toBe(true);
    expect(await page.getByTestId('plan-explanation').innerText()).toContain('按整盒分配（每盒 50 只），共 160 盒');
    const plans = await apiCall<{ rows: { id: number; planNo: string }[] }>(server, 'plans.list', {}, 'zhihui');
    const { id, planNo } = plans.rows[0]!;
    let plan = await apiCall<Plan>(server, 'plans.get', { id }, 'zhihui');
    const masksId = plan.items.find((i) => i.name === '医用外科口罩')!.itemId;
    // The sheet shows packs and base units side by side, per line and in the totals.
    expect(await page.getByTestId(`total-${masksId}`).innerText()).toBe('160 盒（8,000 只）');
    const firstLine = plan.lines.find((l) => l.itemId === masksId && l.refId === plan.recipients[0]!.refId && l.kind === plan.recipients[0]!.kind)!.qty;
    expect(await page.getByTestId('plan-sheet').locator('.ant-table-row').first().innerText()).toContain(`${n(firstLine / 50)} 盒（${n(firstLine)} 只）`);
    // 物资保障 cannot approve at all.
    expect(await page.getByRole('button', { name: '审批', exact: true }).count()).toBe(0);

    // The command centre's own plan: the page says it needs someone else and offers no approval.
    await signInUI(page, server, 'zhihui');
    const own = await apiCall<Plan>(
      server,
      'plans.create',
      { title: '指挥中心自拟方案', warehouseId: 1, basis: 'equal', recipients: 'community', items: [{ itemId: masksId, total: 1500 }] },
      'zhihui',
    );
    await page.goto(`${server.url}/#/supplies?tab=plans`);
    await page.locator('.ant-table-row', { hasText: own.planNo }).click();
    await page.getByTestId('own-plan').waitFor();
    expect(await page.getByRole('button', { name: '审批', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '返回方案列表' }).click();

    // The plan 物资保障 drew up: 审批 asks first, naming the author by name.
    await page.locator('.ant-table-row', { hasText: planNo }).click();
    await page.getByRole('button', { name: '审批', exact: true }).click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: `确认审批方案 ${planNo}？` });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('制表人：物资保障员');
    await confirm.getByRole('button', { name: '确认审批' }).click();
    await expect.poll(() => page.getByTestId('plan-status').innerText()).toBe('已审批');
    await page.getByRole('button', { name: '发放' }).click();
    await page.getByRole('button', { name: '确认发放' }).click();
    await expect.poll(() => page.getByTestId('plan-status').innerText()).toBe('已发放');

    plan = await apiCall<Plan>(server, 'plans.get', { id }, 'zhihui');
    expect(plan).toMatchObject({ createdBy: 'wuzi', approvedBy: 'zhihui', issuedBy: 'zhihui' });
    const total = (name: string) => plan.items.find((i) => i.name === name)!.total;
    expect(total('医用外科口罩')).toBe(8000);
    expect(total('84消毒液')).toBe(300);
    expect(await onHand('医用外科口罩')).toBe(masks0 - 8000);
    expect(await onHand('84消毒液')).toBe(bleach0 - 300);

    await page.getByRole('link', { name: '打印分配表' }).click();
    await page.getByTestId('print-sheet').waitFor();
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const text = (await pdfPages(pdf)).join('\n');
    expect(text).toContain('物资分配表');
    expect(text).toContain(plan.planNo);
    expect(text).toContain('领取人签字');
    for (const r of plan.recipients) {
      expect(text).toContain(r.name);
      const q = plan.lines.find((l) => l.kind === r.kind && l.refId === r.refId && l.itemId === masksId)!.qty;
      expect(text).toContain(`${r.name}${n(q)}`);
    }
    expect(text).toContain('合计8,000300');
    // People's names on the signature lines, never login names.
    expect(text).toContain('制表:物资保障员'); // NFKC reads ： as :
    expect(text).toContain('审批:指挥中心值班员');
    expect(text).toContain('发放:指挥中心值班员');
    expect(text).not.toMatch(/wuzi|zhihui/);
  });

  it('warns before saving a plan whose whole boxes leave checkpoints with nothing, and splits by 只 when asked; a cut to the stock is shown first', async () => {
    const { page, server } = session;
    const checkpoints = (await apiCall<{ total: number }>(server, 'checkpoints.list', { status: 'active', pageSize: 1 }, 'zhihui')).total;
    await page.goto(`${server.url}/#/supplies?tab=plans`);
    await page.getByRole('button', { name: '新建分配方案' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('全部在岗卡点').click();
    await choose(dialog.getByRole('combobox').nth(1), '平均分配');
    await pick(dialog.getByLabel('分配物资').first(), '医用外科口罩');
    await dialog.getByLabel('计划数量', { exact: true }).first().fill('40');
    await choose(dialog.getByLabel('计划数量单位').first(), '盒（每盒 50 只）');
    await dialog.getByRole('button', { name: '按工作量计算' }).click();
    const check = page.getByTestId('plan-check');
    await check.waitFor();
    expect(await check.innerText()).toContain(`${checkpoints} 个接收方中有 ${checkpoints - 40} 个分不到任何物资（数量为 0）`);
    expect(await page.getByTestId('check-drop-empty').innerText()).toContain('只分给能分到的 40 个接收方');
    await page.getByTestId('check-in-units').click();
    await page.getByTestId('plan-sheet').waitFor();
    const plans = await apiCall<{ rows: { id: number }[] }>(server, 'plans.list', {}, 'zhihui');
    const plan = await apiCall<Plan>(server, 'plans.get', { id: plans.rows[0]!.id }, 'zhihui');
    expect(plan.recipients).toHaveLength(checkpoints);
    expect(plan.lines.every((l) => l.qty > 0)).toBe(true);
    expect(plan.items[0]!.total).toBe(2000);
    await page.getByRole('button', { name: '返回方案列表' }).click();

    // More suits than the store holds: the cut is named before anything is saved.
    const suits = (await items()).find((i) => i.name === '防护服')!;
    await page.getByRole('button', { name: '新建分配方案' }).click();
    await pick(dialog.getByLabel('分配物资').first(), '防护服');
    await dialog
      .getByLabel('计划数量', { exact: true })
      .first()
      .fill(String(suits.onHand + 500));
    await dialog.getByRole('button', { name: '按工作量计算' }).click();
    await page.getByTestId('plan-shortfalls').waitFor();
    expect(await page.getByTestId('plan-shortfalls').innerText()).toBe(`“防护服”计划 ${n(suits.onHand + 500)} 套，仓库现有 ${n(suits.onHand)} 套，少 500 套`);
    const before = (await apiCall<{ total: number }>(server, 'plans.list', {}, 'zhihui')).total;
    await page.getByTestId('check-as-is').click();
    await page.getByTestId('plan-sheet').waitFor();
    expect((await apiCall<{ total: number }>(server, 'plans.list', {}, 'zhihui')).total).toBe(before + 1);

    // Recomputing that draft with a new weight cuts to the stock again: the same check comes first.
    const saved = await apiCall<Plan & { recipients: { weight: number }[] }>(
      server,
      'plans.get',
      { id: (await apiCall<{ rows: { id: number }[] }>(server, 'plans.list', {}, 'zhihui')).rows[0]!.id },
      'zhihui',
    );
    const first = saved.recipients[0]!;
    await page.getByLabel(`${first.name}权重`).fill(String(first.weight + 5));
    await page.getByRole('button', { name: '按新权重和上下限重新计算' }).click();
    await page.getByTestId('plan-shortfalls').waitFor();
    expect(await page.getByTestId('plan-shortfalls').innerText()).toBe(`“防护服”计划 ${n(suits.onHand + 500)} 套，仓库现有 ${n(suits.onHand)} 套，少 500 套`);
    await page.getByTestId('check-as-is').click();
    await expect.poll(async () => (await apiCall<typeof saved>(server, 'plans.get', { id: saved.id }, 'zhihui')).recipients[0]!.weight).toBe(first.weight + 5);
    // The plan list names its 制表人 by display name.
    await page.getByRole('button', { name: '返回方案列表' }).click();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').first().innerText()).toContain('指挥中心值班员');
  });

  it('prints one 签收单 per recipient, each on its own page, or one recipient’s from its row', async () => {
    const plans = await apiCall<{ rows: { id: number; status: string }[] }>(session.server, 'plans.list', {}, 'zhihui');
    const plan = await apiCall<Plan>(session.server, 'plans.get', { id: plans.rows.find((p) => p.status === 'issued')!.id }, 'zhihui');
    await session.page.goto(`${session.server.url}/#/print/receipts/${plan.id}`);
    await session.page.getByTestId('print-sheet').waitFor();
    const pages = await pdfPages(await session.page.pdf({ format: 'A4', preferCSSPageSize: true }));
    expect(pages).toHaveLength(plan.recipients.length);
    pages.forEach((p, i) => {
      expect(p).toContain('物资签收单');
      expect(p).toContain(plan.recipients[i]!.name);
      expect(p).toContain('领取人签字');
    });

    // One recipient's sheet, from its row of the plan.
    const third = plan.recipients[2]!;
    await session.page.goto(`${session.server.url}/#/supplies?tab=plans`);
    await session.page.locator('.ant-table-row', { hasText: plan.planNo }).click();
    await session.page.getByRole('link', { name: `打印${third.name}的签收单` }).click();
    await session.page.getByTestId('print-sheet').waitFor();
    const one = await pdfPages(await session.page.pdf({ format: 'A4', preferCSSPageSize: true }));
    expect(one).toHaveLength(1);
    expect(one[0]).toContain(third.name);
    expect(one[0]).toContain('物资签收单');
    expect(one[0]).not.toContain(plan.recipients[1]!.name);
  });
});
