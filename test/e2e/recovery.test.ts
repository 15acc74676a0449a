import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, type RunningServer, signInUI, startServer, tempDataDir } from './harness';

/** The recovery page as an office meets it: the database was damaged while the server was off. */
let browser: Browser;
let server: RunningServer | undefined;
const dataDir = tempDataDir();

beforeAll(async () => {
  browser = await launchBrowser();
  const first = await startServer(dataDir);
  await apiCall(first, 'office.update', { name: '备份时的街道', divisionCode: null });
  await apiCall(first, 'system.backupNow', {});
  await first.stop();
  const file = path.join(dataDir, 'street-command.db');
  const bytes = fs.readFileSync(file);
  const page = Math.floor(bytes.length / 4096 / 2) * 4096;
  bytes.fill(0x5a, page, page + 4096 * 4);
  fs.writeFileSync(file, bytes);
  server = await startServer(dataDir);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

describe('recovery page in Chromium', () => {
  it('opens instead of sign-in, restores the newest sound backup with one click, then signs in as usual', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${server!.url}/`);
    await page.getByTestId('recovery-page').waitFor();
    expect(await page.getByTestId('recovery-reason').innerText()).toContain('已损坏');
    await page.getByRole('button', { name: '恢复最新的备份' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '恢复' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 30_000 });

    await signInUI(page, server!, 'admin');
    await expect.poll(() => page.getByTestId('office-name').innerText()).toBe('备份时的街道');
    // 总览 and 设置 → 数据备份 carry the backup line.
    await page.getByTestId('backup-status').waitFor();
    await page.goto(`${server!.url}/#/settings`);
    await page.getByRole('tab', { name: '数据备份' }).click();
    await expect
      .poll(() => page.locator('[role=tabpanel]:visible [data-testid=backup-status]').innerText())
      .toMatch(/最近一次备份：\d{4}-\d{2}-\d{2} \d{2}:\d{2}.*共 \d+ 个备份，占用/);
    expect(fs.readdirSync(path.join(dataDir, 'damaged')).filter((f) => f.endsWith('.db'))).toHaveLength(1);
  });
});
