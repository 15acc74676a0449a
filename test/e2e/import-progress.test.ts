import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentRoster } from '../helpers/worker-office';
import { launchBrowser, type RunningServer, signInUI, startServer, tempDataDir } from './harness';

/** A large roster goes in through the import page; its bar counts real rows, checked and then written. */
let browser: Browser;
let server: RunningServer;
let page: Page;
const dataDir = tempDataDir();
const ROWS = 60_000;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer(dataDir);
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
  await signInUI(page, server, 'zhihui');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

/** Reads the row counter on the page until `until` shows, keeping each different text it showed. */
async function watchCounter(phase: '正在检查' | '正在写入', until: () => Promise<boolean>): Promise<{ done: number; total: number }[]> {
  const seen = new Map<string, { done: number; total: number }>();
  const pattern = new RegExp(`${phase} ([\\d,]+) / ([\\d,]+) 行`);
  const deadline = Date.now() + 600_000;
  while (!(await until())) {
    if (Date.now() > deadline) throw new Error(`${phase}: the page never finished`);
    const text = await page
      .locator('.ant-card', { hasText: phase })
      .last()
      .innerText({ timeout: 1000 })
      .catch(() => '');
    const m = pattern.exec(text);
    if (m) seen.set(m[0], { done: Number(m[1]!.replace(/,/g, '')), total: Number(m[2]!.replace(/,/g, '')) });
  }
  return [...seen.values()];
}

describe('the import page on a large file', () => {
  it(`counts ${ROWS.toLocaleString()} rows up while checking them, then while writing them`, async () => {
    const compounds = await page.evaluate(async () => {
      const r = await fetch('/api/compounds.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"pageSize":200}' });
      return ((await r.json()) as { data: { rows: { name: string }[] } }).data.rows.map((c) => c.name);
    });
    const buffer = residentRoster(ROWS, compounds);
    await page.goto(`${server.url}/#/excel`);
    await page.locator('.ant-radio-button-wrapper', { hasText: '居民名单' }).click();
    await expect.poll(() => page.getByRole('radio', { name: '居民名单' }).isChecked()).toBe(true);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('点击或拖入 Excel / WPS / CSV 文件').click()]);
    await chooser.setFiles({ name: '居民排查.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });

    const checked = await watchCounter('正在检查', () => page.getByTestId('preview-counts').isVisible());
    expect(await page.getByTestId('preview-counts').innerText()).toContain(`新增 ${ROWS}`);
    // Rows checked out of the rows in the file, more of them each time the page looked.
    expect(checked.every((p) => p.total === ROWS)).toBe(true);
    expect(checked.filter((p) => p.done > 0 && p.done < ROWS).length).toBeGreaterThan(1);

    await page.getByRole('button', { name: '确认导入' }).click();
    const written = await watchCounter('正在写入', () => page.getByText('导入完成').isVisible());
    expect(await page.locator('.ant-result').innerText()).toContain(`新增 ${ROWS} 条`);
    expect(written.every((p) => p.total === ROWS)).toBe(true);
    expect(written.filter((p) => p.done > 0 && p.done < ROWS).length).toBeGreaterThan(0);
  }, 900_000);
});
