import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../helpers/pdf-text';
import { apiCall, browserSession } from './harness';

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

  it('builds a plan for all communities, approves and issues it, prints the sheet to PDF; stock goes down by exactly the plan', async () => {
    const [masks0, bleach0] = [await onHand('医用外科口罩'), await onHand('84消毒液')];
    await session.page.getByRole('tab', { name: '分配方案' }).click();
    await session.page.getByRole('button', { name: '新建分配方案' }).click();
    const dialog = session.page.getByRole('dialog');
    await pick(dialog.getByLabel('分配物资').first(), '医用外科口罩');
    await dialog.getByLabel('计划数量').first().fill('8000');
    await dialog.getByRole('button', { name: '添加物资' }).click();
    await pick(dialog.getByLabel('分配物资').nth(1), '84消毒液');
    await dialog.getByLabel('计划数量').nth(1).fill('300');
    await dialog.getByRole('button', { name: '按工作量计算' }).click();
    await expect.poll(() => session.page.getByTestId('plan-sheet').isVisible()).toBe(true);
    expect(await session.page.getByTestId('plan-explanation').innerText()).toContain('按整盒分配（每盒 50 只），共 160 盒');

    const plans = await apiCall<{ rows: { id: number }[] }>(session.server, 'plans.list', {}, 'zhihui');
    const id = plans.rows[0]!.id;
    await session.page.getByRole('button', { name: '审批' }).click();
    await expect.poll(() => session.page.getByTestId('plan-status').innerText()).toBe('已审批');
    await session.page.getByRole('button', { name: '发放' }).click();
    await session.page.getByRole('button', { name: '确认发放' }).click();
    await expect.poll(() => session.page.getByTestId('plan-status').innerText()).toBe('已发放');

    const plan = await apiCall<Plan>(session.server, 'plans.get', { id }, 'zhihui');
    const total = (name: string) => plan.items.find((i) => i.name === name)!.total;
    expect(total('医用外科口罩')).toBe(8000);
    expect(total('84消毒液')).toBe(300);
    expect(await onHand('医用外科口罩')).toBe(masks0 - 8000);
    expect(await onHand('84消毒液')).toBe(bleach0 - 300);

    await session.page.getByRole('link', { name: '打印分配表' }).click();
    await session.page.getByTestId('print-sheet').waitFor();
    const pdf = await session.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const text = (await pdfPages(pdf)).join('\n');
    expect(text).toContain('物资分配表');
    expect(text).toContain(plan.planNo);
    expect(text).toContain('领取人签字');
    const masks = plan.items.find((i) => i.name === '医用外科口罩')!;
    for (const r of plan.recipients) {
      expect(text).toContain(r.name);
      const q = plan.lines.find((l) => l.kind === r.kind && l.refId === r.refId && l.itemId === masks.itemId)!.qty;
      expect(text).toContain(`${r.name}${n(q)}`);
    }
    expect(text).toContain('合计8,000300');
  });

  it('prints one 签收单 per recipient, each on its own page', async () => {
    const plans = await apiCall<{ rows: { id: number }[] }>(session.server, 'plans.list', {}, 'zhihui');
    const plan = await apiCall<Plan>(session.server, 'plans.get', { id: plans.rows[0]!.id }, 'zhihui');
    await session.page.goto(`${session.server.url}/#/print/receipts/${plan.id}`);
    await session.page.getByTestId('print-sheet').waitFor();
    const pages = await pdfPages(await session.page.pdf({ format: 'A4', preferCSSPageSize: true }));
    expect(pages).toHaveLength(plan.recipients.length);
    pages.forEach((p, i) => {
      expect(p).toContain('物资签收单');
      expect(p).toContain(plan.recipients[i]!.name);
      expect(p).toContain('领取人签字');
    });
  });
});
