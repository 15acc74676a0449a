import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, type RunningServer, signInUI, startServer, tempDataDir } from './harness';

/**
 * The foundation as a user meets it: `npm run serve` on an empty data directory, the
 * demo office on 总览, a compound created through the form, still there after a restart,
 * and an invalid form refused in Chinese with nothing saved.
 */
let browser: Browser;
let server: RunningServer;
let page: Page;
const dataDir = tempDataDir();

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer(dataDir);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  await signInUI(page, server, 'zhihui');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

/** Picks an option of an antd Select in the open dialog and waits until the field shows it. */
async function pickOption(p: Page, label: string, option: string) {
  const field = p.getByRole('dialog').getByLabel(label, { exact: true });
  const item = p.getByRole('dialog').locator('.ant-form-item', { has: p.getByLabel(label, { exact: true }) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await field.click();
    const choice = p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first();
    try {
      // A dropdown that closes while it animates open is opened again, not waited on for half a minute.
      await choice.waitFor({ state: 'visible', timeout: 5000 });
      await choice.click({ timeout: 5000 });
      // The chosen value itself, not the item's label or hint (which may mention the option's words).
      await expect.poll(() => item.locator('.ant-select-content').first().getAttribute('title'), { timeout: 3000 }).toBe(option);
      return;
    } catch {
      // The dropdown was still animating; open it again.
    }
  }
  throw new Error(`could not pick ${option} in ${label}`);
}

/** A full load (a hash-only goto would keep the previous page state). */
async function visit(p: Page, hash: string) {
  await p.goto('about:blank');
  await p.goto(`${server.url}/${hash}`);
}

async function openNewCompoundForm(p: Page) {
  await visit(p, '#/places');
  await p.getByRole('button', { name: '新建小区' }).click();
  await expect.poll(() => p.getByRole('dialog').getByText('新建小区').isVisible()).toBe(true);
}

describe('foundation in Chromium', () => {
  it('总览 shows the demo office from the database', async () => {
    await visit(page, '');
    await expect.poll(() => page.getByTestId('stat-compounds').innerText()).toContain('168');
    expect(await page.getByTestId('stat-checkpoints').innerText()).toContain('99');
    expect(await page.getByTestId('stat-communities').innerText()).toContain('15');
    expect(await page.getByTestId('office-name').innerText()).toContain('街道');
  });

  it('creates a compound through the form and finds it by pinyin initials', async () => {
    await openNewCompoundForm(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('小区名称').fill('馨苑华园');
    await pickOption(page, '所属社区', '文化路社区');
    await pickOption(page, '管理类型', '物业');
    await dialog.getByLabel('物业公司').fill('安居物业服务有限公司');
    await dialog.getByLabel('楼栋数').fill('12');
    await dialog.getByLabel('户数').fill('480');
    await dialog.getByLabel('人口').fill('1350');
    await dialog.getByRole('button', { name: '保存' }).click();
    // Saved: the form closes (it stays open with the reason when a save fails).
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.getByLabel('搜索小区').fill('xyhy');
    await page.getByLabel('搜索小区').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-row').first().innerText()).toContain('馨苑华园');
    expect(await page.locator('.ant-table-row').first().innerText()).toContain('文化路社区');
  });

  it('keeps the compound after the server restarts', async () => {
    await server.stop();
    server = await startServer(dataDir);
    // The session is kept in the database, so it survives the restart too.
    await visit(page, '#/places');
    await page.getByLabel('搜索小区').fill('馨苑华园');
    await page.getByLabel('搜索小区').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await visit(page, '#/overview');
    await expect.poll(() => page.getByTestId('stat-compounds').innerText()).toContain('169');
  });

  it('refuses an invalid form in Chinese and saves nothing', async () => {
    const before = await apiCall<{ total: number }>(server, 'compounds.list', { pageSize: 1 });
    await openNewCompoundForm(page);
    const dialog = page.getByRole('dialog');
    await pickOption(page, '所属社区', '文化路社区');
    await pickOption(page, '管理类型', '自管');
    await dialog.getByLabel('楼栋数').fill('3');
    await dialog.getByLabel('户数').fill('40');
    await dialog.getByLabel('人口').fill('-5');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.getByText('请填写小区名称').isVisible()).toBe(true);
    expect(await dialog.getByText('人口不能为负数').isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '取消' }).click();
    // Typed input is not thrown away without asking (FormModal).
    await page.getByRole('dialog', { name: '放弃未保存的内容？' }).getByRole('button', { name: '放弃' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const after = await apiCall<{ total: number }>(server, 'compounds.list', { pageSize: 1 });
    expect(after.total).toBe(before.total);
  });

  it('refuses to delete a community that still has compounds, with the reason', async () => {
    await visit(page, '#/places');
    await page.getByRole('tab', { name: '社区' }).click();
    const row = page.locator('[role=tabpanel]:visible .ant-table-row', { hasText: '建设路社区' }).first();
    await row.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => page.getByText(/无法删除社区“建设路社区”/).isVisible()).toBe(true);
    const communities = await apiCall<{ total: number }>(server, 'communities.list', { pageSize: 1 });
    expect(communities.total).toBe(15);
  });

  it('重置为演示数据 asks for confirmation, backs up first, and restores the demo office', async () => {
    await signInUI(page, server, 'admin');
    await visit(page, '#/settings');
    await page.getByRole('tab', { name: '系统' }).click();
    await page.getByRole('button', { name: '重置为演示数据' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('button', { name: '确认重置' }).isDisabled()).toBe(true);
    await dialog.getByLabel('确认文字').fill('重置');
    await dialog.getByRole('button', { name: '确认重置' }).click();
    // What the user ends up with (the office's own compound gone, the dialog closed), not the
    // passing toast, which a loaded machine can show and hide between two polls.
    // A backup, the build on a thread and the swap: over 30 s when another run loads the machine.
    await expect.poll(async () => (await apiCall<{ total: number }>(server, 'compounds.list', { q: '馨苑华园' })).total, { timeout: 80_000 }).toBe(0);
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const backups = await apiCall<{ kind: string }[]>(server, 'system.backups', {});
    expect(backups.map((b) => b.kind)).toContain('prereset');
    await visit(page, '#/overview');
    await expect.poll(() => page.getByTestId('stat-compounds').innerText()).toContain('168');
  }, 150_000);
});
