import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Envelope } from '../../shared/api';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { uploadFile } from '../helpers/excel';
import { apiCall, browserSession } from './harness';

/** 批量修改, cells edited in place, the resident edit form and a stocktake typed down the list, in Chromium. */
const session = browserSession('zhihui', { viewport: { width: 1440, height: 900 } });

// The light demo has no residents: five are imported from a real workbook, as an office would.
beforeAll(async () => {
  const as = (name: string, input?: unknown): Promise<Envelope> =>
    apiCall(session.server, name, input ?? {}, 'zhihui').then(
      (data) => ({ ok: true as const, data }),
      (e: Error) => ({ ok: false as const, error: { code: 'VALIDATION' as const, message: e.message } }),
    );
  const [c] = (await apiCall<{ rows: { name: string; communityName: string }[] }>(session.server, 'compounds.list', { pageSize: 1 }, 'zhihui')).rows;
  const rows = ['周立新', '吴海燕', '郑国强', '王秀梅', '冯志远'].map((n, i) => [
    n,
    makeId('411402', '19800101', 11 + i),
    `1390000001${i}`,
    c!.name,
    c!.communityName,
    '1',
    '1',
    `10${i + 1}`,
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['姓名', '身份证号', '手机号', '小区', '社区', '楼栋', '单元', '房号'], ...rows]), '居民');
  const up = await uploadFile(as, 'residents', '居民名单.xlsx', XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }));
  if (!up.ok) throw new Error(up.error.message);
  await apiCall(session.server, 'excel.preview', { uploadId: up.data.uploadId }, 'zhihui');
  await apiCall(session.server, 'excel.commit', { uploadId: up.data.uploadId }, 'zhihui');
});

type Row = { id: number; origin: string | null; note: string | null; idNumber: string };
const rowKey = (id: number) => `tr[data-row-key="${id}"]`;
const firstRows = async (n: number) => {
  const rows = session.page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  return Promise.all(Array.from({ length: n }, async (_, i) => Number(await rows.nth(i).getAttribute('data-row-key'))));
};
/**
 * Picks an option of an antd Select, until the field shows it: a dropdown that closed while it
 * animated open (a loaded machine) is opened again, never toggled shut by a second click.
 */
const pick = async (label: string, option: string) => {
  const { page } = session;
  const item = page.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) }).last();
  const choice = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`);
  await expect
    .poll(
      async () => {
        if ((await item.locator(`[title="${option}"]`).count()) > 0) return true;
        if ((await choice.count()) === 0) await page.getByLabel(label, { exact: true }).click();
        else await choice.click({ timeout: 5000 }).catch(() => undefined);
        return false;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
};

describe('residents', () => {
  it('批量修改 three selected residents: the new value is in the list after a reload, and in the register', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/residents?tab=residents`);
    const ids = await firstRows(3);
    for (const id of ids) await page.locator(`${rowKey(id)} .ant-checkbox-input`).check();
    await page.getByRole('button', { name: '批量修改（3）' }).click();
    await pick('修改哪一项', '来源地');
    await page.getByLabel('新的来源地').fill('批量测试地');
    await page.screenshot({ path: path.join(__dirname, '../../docs/screenshot-bulk-edit.png') });
    await page.getByRole('button', { name: '全部修改' }).click();
    await page.reload();
    await firstRows(3);
    for (const id of ids) await expect.poll(() => page.locator(rowKey(id)).innerText()).toContain('批量测试地');
    const listed = await apiCall<{ rows: Row[] }>(server, 'residents.list', { pageSize: 3 }, 'zhihui');
    expect(listed.rows.filter((r) => ids.includes(r.id)).map((r) => r.origin)).toEqual(['批量测试地', '批量测试地', '批量测试地']);
  });

  it('an inline cell saves on Enter and is still there after a reload', async () => {
    const { page } = session;
    const [id] = await firstRows(1);
    await page.locator(`${rowKey(id!)} [aria-label="修改备注"]`).click();
    await page.locator(rowKey(id!)).getByLabel('备注').fill('行动不便，需上门');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`${rowKey(id!)} [aria-label="修改备注"]`).innerText()).toBe('行动不便，需上门');
    await page.reload();
    await expect.poll(() => page.locator(rowKey(id!)).innerText()).toContain('行动不便，需上门');
  });

  it('the edit form refuses a wrong ID number in Chinese and saves a right one', async () => {
    const { page, server } = session;
    const [, id] = await firstRows(2);
    await page.getByRole('button', { name: '查看完整信息' }).click();
    await pick('查看原因（将记入操作日志）', '流调');
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /^查\s*看$/ })
      .click();
    await expect.poll(() => page.locator(rowKey(id!)).innerText()).not.toContain('*');
    await page
      .locator(rowKey(id!))
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    const dialog = page.locator('.ant-modal:visible');
    const idField = dialog.getByLabel('身份证号', { exact: true });
    await idField.fill('411402197001011235');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.innerText()).toContain('身份证号校验位不正确，请核对');
    const good = makeId('110105', '19990909', 987);
    await idField.fill(good);
    await dialog.getByLabel('单元', { exact: true }).fill('3');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator(rowKey(id!)).innerText()).toContain(good);
    const listed = await apiCall<{ rows: (Row & { gender: string; unit: string })[] }>(
      server,
      'residents.list',
      { pageSize: 3, reveal: { reason: '流调' } },
      'zhihui',
    );
    expect(listed.rows.find((r) => r.id === id)).toMatchObject({ idNumber: good, gender: 'M', unit: '3' });
  });
});

describe('people', () => {
  it('批量修改 sets the health of three people at once; one cell changes one person', async () => {
    const { page } = session;
    await page.goto(`${session.server.url}/#/volunteers?tab=people`);
    const ids = await firstRows(3);
    for (const id of ids) await page.locator(`${rowKey(id)} .ant-checkbox-input`).check();
    await page.getByRole('button', { name: '批量修改（3）' }).click();
    await pick('修改哪一项', '健康状况');
    await pick('新的健康状况', '身体不适');
    await page.getByRole('button', { name: '全部修改' }).click();
    await page.reload();
    await firstRows(3);
    for (const id of ids) await expect.poll(() => page.locator(rowKey(id)).innerText()).toContain('身体不适');

    // One person's 健康 changed in its cell, kept after a reload.
    await page.locator(`${rowKey(ids[0]!)} [aria-label="修改健康状况"]`).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="居家观察"]').click();
    await expect.poll(() => page.locator(`${rowKey(ids[0]!)} [aria-label="修改健康状况"]`).innerText()).toBe('居家观察');
    await page.reload();
    await expect.poll(() => page.locator(rowKey(ids[0]!)).innerText()).toContain('居家观察');
  });

  it('the edit form, prefilled with the list’s masked phone, saves a new 备注 and leaves the phone as stored', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/volunteers?tab=people`);
    // A fresh page: nothing a test above left open (a dialog) lies over the list.
    await page.reload();
    const [id] = await firstRows(1);
    const stored = async () =>
      (
        await apiCall<{ rows: { id: number; phone: string | null; note: string | null }[] }>(
          server,
          'people.list',
          { pageSize: 20, reveal: { reason: '流调' } },
          'zhihui',
        )
      ).rows.find((r) => r.id === id)!;
    const before = await stored();
    expect(before.phone).toMatch(/^1\d{10}$/);
    await page
      .locator(rowKey(id!))
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    const dialog = page.locator('.ant-modal:visible');
    await expect.poll(() => dialog.getByLabel('手机', { exact: true }).inputValue()).toContain('****');
    await dialog.getByLabel('备注', { exact: true }).fill('周末可值守');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => (await stored()).note).toBe('周末可值守');
    expect((await stored()).phone).toBe(before.phone);
  });
});

describe('stocktake', () => {
  it('counts typed down the list become adjustments (盘点) and the new stock', async () => {
    const { page, server } = session;
    const [wh] = (await apiCall<{ rows: { id: number }[] }>(server, 'warehouses.list', { pageSize: 1 }, 'zhihui')).rows;
    const items = (await apiCall<{ rows: { id: number; name: string }[] }>(server, 'supplyItems.list', { pageSize: 2 }, 'zhihui')).rows;
    const onHand = async () => {
      const rows = await apiCall<{ itemId: number; onHand: number }[]>(server, 'stock.onHand', { warehouseId: wh!.id }, 'zhihui');
      return items.map((i) => rows.find((r) => r.itemId === i.id)?.onHand ?? 0);
    };
    const books = await onHand();
    await page.goto(`${server.url}/#/supplies?tab=stocktake`);
    await page.getByLabel(`${items[0]!.name}实盘数量`).click();
    // Typed as from a count sheet: number, Enter, next number.
    await page.keyboard.type(String(books[0]! + 7));
    await page.keyboard.press('Enter');
    await page.keyboard.type(String(Math.max(0, books[1]! - 2)));
    await page.getByRole('button', { name: '保存盘点（2）' }).click();
    await expect.poll(onHand).toEqual([books[0]! + 7, Math.max(0, books[1]! - 2)]);
    const moves = await apiCall<{ rows: { kind: string; reason: string; qty: number }[] }>(
      server,
      'stock.moves',
      { itemId: items[0]!.id, warehouseId: wh!.id, pageSize: 1 },
      'zhihui',
    );
    expect(moves.rows[0]).toMatchObject({ kind: 'adjust', reason: '盘点', qty: 7 });
    await expect.poll(() => page.getByTestId('stocktake-table').innerText()).toContain((books[0]! + 7).toLocaleString('zh-CN'));
  });
});
