import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { apiCall, browserSession } from './harness';

/** Page-wide habits at a desk: a form is not thrown away by Esc, and a list keeps its filters. */
const session = browserSession('zhihui');

/**
 * Waits for a dialog's zoom-in to end. antd takes Esc (and a click can miss a moving button)
 * only once it has opened: a key pressed during the animation is dropped, as it would be for
 * a user on a slow PC, who then presses it again.
 */
const opened = (dialog: Locator) => expect.poll(() => dialog.getAttribute('class')).not.toMatch(/ant-zoom/);

describe('page habits in Chromium', () => {
  it('Esc on a form with typed input asks before throwing it away; 继续填写 keeps the text', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/places`);
    await page.getByRole('button', { name: '新建小区' }).click();
    const dialog = page.getByRole('dialog', { name: '新建小区' });
    await opened(dialog);
    await dialog.getByLabel('小区名称').fill('未保存的新小区');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: '放弃未保存的内容？' });
    await ask.waitFor();
    await opened(ask);
    await ask.getByRole('button', { name: '继续填写' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await dialog.getByLabel('小区名称').inputValue()).toBe('未保存的新小区');

    // The × asks too; 放弃 closes it.
    await page.locator('.ant-modal-close').click();
    await opened(ask);
    await ask.getByRole('button', { name: '放弃' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // An untouched form closes at once.
    await page.getByRole('button', { name: '新建小区' }).click();
    await opened(dialog);
    // Focus in the form, nothing typed: Esc closes it at once.
    await dialog.getByLabel('小区名称').click();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('dialog', { name: '放弃未保存的内容？' }).count()).toBe(0);
  });

  it('问题清单 keeps its status filter, search and rows after another page and a reload', async () => {
    const { page, server } = session;
    type Problem = { id: number; status: string; targetName: string };
    const overdue = await apiCall<{ rows: Problem[]; total: number }>(server, 'problems.list', { status: 'overdue', pageSize: 200 }, 'zhihui');
    expect(overdue.total).toBeGreaterThan(1);
    const place = overdue.rows[0]!.targetName;
    const expected = overdue.rows.filter((r) => r.targetName.includes(place)).length;

    await page.goto(`${server.url}/#/inspections`);
    await page.getByLabel('状态').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '逾期' }).click();
    await page.getByPlaceholder('点位、问题或责任人').fill(place);
    await page.getByPlaceholder('点位、问题或责任人').press('Enter');
    const total = page.locator('.ant-pagination-total-text');
    await expect.poll(() => total.innerText()).toBe(`共 ${expected} 条`);

    const shows = async () => {
      await expect.poll(() => total.innerText().catch(() => '')).toBe(`共 ${expected} 条`);
      const rows = await page.locator('.ant-table-row').allInnerTexts();
      expect(rows.length).toBe(Math.min(expected, 20));
      for (const r of rows) expect(r).toContain('逾期');
      for (const r of rows) expect(r).toContain(place);
      expect(await page.locator('.ant-select', { has: page.getByLabel('状态') }).innerText()).toContain('逾期');
      expect(await page.getByPlaceholder('点位、问题或责任人').inputValue()).toBe(place);
    };
    await page.getByRole('menuitem', { name: '总览' }).click();
    await page.getByTestId('page-title').filter({ hasText: '总览' }).waitFor();
    await page.getByRole('menuitem', { name: '督查整改' }).click();
    await shows();
    await page.reload();
    await shows();
  });

  it('a list of people does not keep its search text in the browser: it may be a name', async () => {
    const { page, server } = session;
    const people = await apiCall<{ rows: { name: string }[] }>(server, 'people.list', { pageSize: 1 }, 'zhihui');
    const name = people.rows[0]!.name;
    await page.goto(`${server.url}/#/volunteers?tab=people`);
    const search = page.getByPlaceholder('名称或拼音首字母').first();
    await search.fill(name);
    await search.press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').first().innerText()).toContain(name);
    const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k) ?? ''));
    expect(stored.some((v) => v.includes(name))).toBe(false);
    await page.reload();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByPlaceholder('名称或拼音首字母').first().inputValue()).toBe('');
  });

  it('导出 on 问题清单 downloads a workbook of the filtered rows, names and descriptions masked', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/inspections`);
    const total = page.locator('.ant-pagination-total-text');
    await total.waitFor();
    const shown = Number((await total.innerText()).match(/\d+/)![0]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/^问题清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = XLSX.read(fs.readFileSync(await download.path()), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, defval: '' });
    expect(rows[0]).toEqual(['状态', '点位类型', '点位', '社区', '检查项', '问题描述', '类别', '责任方', '责任单位或责任人', '发现日期', '整改期限']);
    // The remembered filter (逾期, one place) is what was exported.
    expect(rows.length - 1).toBe(shown);
    expect(rows.slice(1).every((r) => r[0] === '逾期')).toBe(true);
  });
});
