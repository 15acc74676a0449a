import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, type RunningServer, signInUI, startServer, tempDataDir } from './harness';

/** 人员排查 as checkpoint staff and the command centre use it. */
let browser: Browser;
let server: RunningServer;
let page: Page;
const dataDir = tempDataDir();

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

describe('checkpoint registration in Chromium', () => {
  it('registers a person from the keyboard alone, under 10 keystrokes per field; a fever shows on 总览 until acknowledged', async () => {
    await page.goto(`${server.url}/#/residents`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('姓名');
    const strokes: Record<string, number> = {};
    // Each field: its text and one Enter; the mouse is never used.
    const field = async (label: string, text: string) => {
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(label);
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      strokes[label] = [...text].length + 1;
    };
    await field('姓名', '王秀兰');
    await field('手机号', '');
    await field('体温', '37.8');
    await field('出入证号', '');
    await field('事由', '');
    await expect.poll(() => page.getByText('体温 37.8 ℃ 异常，已向指挥中心预警').isVisible()).toBe(true);
    expect(Math.max(...Object.values(strokes))).toBeLessThan(10);
    // Ready for the next person straight away.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('姓名');
    expect(await page.locator('.ant-table-row', { hasText: '王秀兰' }).innerText()).toContain('37.8 ℃');

    await page.goto(`${server.url}/#/overview`);
    const alerts = page.getByTestId('alerts');
    await expect.poll(() => alerts.innerText()).toMatch(/来人体温 37\.8 ℃/);
    expect(await alerts.innerText()).not.toContain('王秀兰');
    await alerts.getByRole('button', { name: '处理' }).click();
    await page.getByLabel('采取的措施').fill('已复测 37.6 ℃，通知社区医生上门');
    await page.getByRole('button', { name: '确认已处理' }).click();
    await expect.poll(() => page.getByTestId('alerts').count()).toBe(0);
    const open = await apiCall<unknown[]>(server, 'alerts.open', {}, 'zhihui');
    expect(open).toEqual([]);
  });
});
