import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, E2E_PASSWORD, launchBrowser, type RunningServer, signInUI, startServer, tempDataDir } from './harness';

/** 设置 → 数据备份 and 操作日志, as the administrator uses them. */
let browser: Browser;
let server: RunningServer;
let page: Page;
const dataDir = tempDataDir();

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer(dataDir);
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  await signInUI(page, server, 'admin');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

const backupRows = () => page.locator('[role=tabpanel]:visible .ant-table-row');

describe('backups in Chromium', () => {
  it('backs up now, exports a password-protected file, and restores a backup from the list', async () => {
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('tab', { name: '数据备份' }).click();
    // A new data directory already has its first daily and weekly backups.
    await expect.poll(() => backupRows().count()).toBeGreaterThanOrEqual(2);
    const before = await backupRows().count();
    await page.getByRole('button', { name: '立即备份' }).click();
    await expect.poll(() => backupRows().count()).toBe(before + 1);
    expect(await backupRows().first().innerText()).toContain('手动');

    await page.getByRole('button', { name: '导出备份' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('备份密码（至少 8 位）').fill('usb-stick-2026');
    await dialog.getByLabel('再次输入密码').fill('usb-stick-2026');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.scbak$/);
    const saved = await download.path();
    expect(fs.readFileSync(saved).includes(Buffer.from('建设路社区'))).toBe(false);

    // A community added after the backup disappears when the backup is restored.
    await apiCall(server, 'communities.create', { name: '备份之后的社区', kind: 'community' }, 'zhihui');
    await backupRows().first().getByRole('button', { name: '恢复' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => page.getByRole('button', { name: '登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await signInUI(page, server, 'zhihui', E2E_PASSWORD);
    const found = await apiCall<{ total: number }>(server, 'communities.list', { q: '备份之后' }, 'lingdao');
    expect(found.total).toBe(0);
  });

  it('shows the audit log with the restore in it', async () => {
    await signInUI(page, server, 'admin');
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('tab', { name: '操作日志' }).click();
    await expect.poll(() => page.locator('[role=tabpanel]:visible').innerText()).toContain('backup.restore');
  });
});
