import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, signInUI, startServer, tempDataDir } from './harness';

/** A messy WPS compounds file goes in through the real UI; a filtered list comes out as .xlsx. */
let browser: Browser;
let server: RunningServer;
let page: Page;
const dataDir = tempDataDir();
const fixture = path.resolve('test/fixtures/excel/wps-title-merged.xlsx');

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer(dataDir);
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  await signInUI(page, server, 'zhihui');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

describe('Excel import and export in Chromium', () => {
  it('imports a WPS file with a title row and merged header: mapping, preview with an error row, commit', async () => {
    await page.goto(`${server.url}/#/excel`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('点击或拖入 Excel / WPS / CSV 文件').click()]);
    await chooser.setFiles(fixture);

    const mapping = page.locator('.ant-card', { hasText: '列对应（自动识别，可修改）' });
    await expect.poll(() => mapping.isVisible()).toBe(true);
    expect(await mapping.innerText()).toContain('人口（人）');
    await mapping.getByRole('button', { name: '按此对应重新预览' }).click();

    await expect.poll(() => page.getByTestId('preview-counts').innerText()).toContain('错误 1');
    await page.getByTestId('preview-counts').getByText('错误 1').click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '不存在的小区' }).count()).toBe(1);
    expect(await page.locator('.row-error').count()).toBe(1);
    expect(await page.getByTestId('preview-counts').innerText()).toContain('新增 3');
    const errorRow = page.locator('.row-error');
    expect(await errorRow.innerText()).toContain('社区“不存在社区”不存在');
    expect(await errorRow.innerText()).toContain('6');

    const commit = page.getByRole('button', { name: '确认导入' });
    expect(await commit.isDisabled()).toBe(true);
    await page.getByText('跳过 1 行错误数据').click();
    await commit.click();
    await expect.poll(() => page.getByText('导入完成').isVisible()).toBe(true);
    expect(await page.locator('.ant-result').innerText()).toContain('新增 3 条');

    await page.goto(`${server.url}/#/places`);
    await page.getByLabel('搜索小区').fill('hmjy');
    await page.getByLabel('搜索小区').press('Enter');
    await expect.poll(() => page.locator('[role=tabpanel]:visible .ant-table-row').count()).toBe(1);
    expect(await page.locator('[role=tabpanel]:visible .ant-table-row').innerText()).toContain('和美家园');
  });

  it('imports a workbook whose first sheet is 填写说明 without the user choosing the sheet', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/excel`);
    await page.locator('.ant-radio-button-wrapper', { hasText: '居民名单' }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('点击或拖入 Excel / WPS / CSV 文件').click()]);
    await chooser.setFiles(path.resolve('test/fixtures/excel/residents-instructions-first.xlsx'));

    await expect.poll(() => page.getByTestId('preview-counts').isVisible()).toBe(true);
    expect(await page.getByTestId('preview-counts').innerText()).toContain('新增 3');
    expect(await page.getByTestId('preview-notes').innerText()).toContain('已自动选择工作表“居民名单”');
    expect(await page.locator('.ant-select', { hasText: '居民名单（4 行）' }).count()).toBe(1);
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.locator('.ant-result').isVisible()).toBe(true);
    expect(await page.locator('.ant-result').innerText()).toContain('新增 3 条，更新 0 条，无变化 0 条');

    // The same file again: every row is already there as it is — 无变化, not 跳过, and no backup for nothing.
    await page.getByRole('button', { name: '继续导入' }).click();
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('点击或拖入 Excel / WPS / CSV 文件').click()]);
    await again.setFiles(path.resolve('test/fixtures/excel/residents-instructions-first.xlsx'));
    await expect.poll(() => page.getByTestId('preview-counts').innerText()).toContain('无变化 3');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.locator('.ant-result').isVisible()).toBe(true);
    expect(await page.locator('.ant-result').innerText()).toContain('新增 0 条，更新 0 条，无变化 3 条。没有写入任何数据，未做备份。');
  });

  it('exports the residents list from its page, masked', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/residents`);
    await page.getByRole('tab', { name: '居民名单' }).click();
    const panel = page.locator('[role=tabpanel]:visible');
    await expect.poll(() => panel.locator('.ant-table-row', { hasText: '十九号院' }).count()).toBe(3);
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^居民名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const names = wb.worksheets[0]!.getColumn(1).values.slice(2).map(String);
    expect(names).toHaveLength(3);
    expect(names.every((n) => n.includes('*'))).toBe(true);
  });

  it('shows the progress bar as soon as a file is chosen, before the upload has answered', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/excel`);
    // Hold the upload request: whatever the page shows meanwhile is shown before the server has a job.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // The file goes as the body and its name in the query (…/excel.upload?table=…): match the path.
    const isUpload = (url: URL) => url.pathname === '/api/excel.upload';
    let holding = 0;
    await page.route(isUpload, async (route) => {
      holding++;
      await held;
      await route.continue();
    });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('点击或拖入 Excel / WPS / CSV 文件').click()]);
    await chooser.setFiles(fixture);
    // Shown at once (the file is read first), and still shown once the upload is on its way and held.
    await expect.poll(() => page.getByText('正在读取并上传文件…').isVisible()).toBe(true);
    await expect.poll(() => holding).toBe(1);
    expect(await page.getByText('正在读取并上传文件…').isVisible()).toBe(true);
    expect(await page.getByTestId('excel-progress').isVisible()).toBe(true);
    expect(await page.getByTestId('preview-counts').isVisible()).toBe(false);
    release();
    await expect.poll(() => page.getByTestId('preview-counts').isVisible()).toBe(true);
    await page.unroute(isUpload);
  });

  it('a zero-byte file is called empty on the page', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/excel`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('点击或拖入 Excel / WPS / CSV 文件').click()]);
    await chooser.setFiles(path.resolve('test/fixtures/excel/empty-0-bytes.xlsx'));
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('文件“empty-0-bytes.xlsx”是空的（0 字节）');
  });

  it('exports the filtered list to .xlsx', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#/places`);
    await page.getByLabel('搜索小区').fill('和美家园');
    await page.getByLabel('搜索小区').press('Enter');
    await expect.poll(() => page.locator('[role=tabpanel]:visible .ant-table-row').count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[role=tabpanel]:visible').getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^小区-.*\.xlsx$/);
    expect(fs.statSync(await download.path()).size).toBeGreaterThan(1000);
  });
});
