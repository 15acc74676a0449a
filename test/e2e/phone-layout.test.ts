import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, browserSession } from './harness';

/** The app on a phone (390 × 844): the menu, the title, the lists, and an inspection not yet sent. */
const phone = browserSession('zhihui', { viewport: { width: 390, height: 844 } });

/** Elements that stick out past the screen's right edge without a scrolling box around them. */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Inside a box that scrolls or clips sideways and itself ends within the screen.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if ((x === 'auto' || x === 'scroll' || x === 'hidden') && p.getBoundingClientRect().right <= width + 1) return true;
      }
      return false;
    };
    return Array.from(document.querySelectorAll('.app-content *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
      .map((el) => `${el.tagName}.${el.className}`)
      .slice(0, 5);
  });

describe('on a phone', () => {
  it('the menu folds away after choosing a page, the title is one line and the list fits the screen', async () => {
    const { page, server } = phone;
    await page.goto(`${server.url}/#/overview`);
    const menu = page.getByTestId('app-menu');
    await page.locator('.ant-layout-sider-zero-width-trigger').click();
    await page.getByRole('menuitem', { name: '物资保障' }).click();
    await page.getByTestId('page-title').filter({ hasText: '物资保障' }).waitFor();
    await expect.poll(async () => (await menu.boundingBox())?.width ?? 0).toBe(0);
    expect(await page.getByRole('menuitem', { name: '物资保障' }).isVisible()).toBe(false);

    // The title on one line: its box is shorter than two lines of its own text.
    const title = page.getByTestId('page-title');
    const { height, line } = await title.evaluate((el) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) }));
    expect(height).toBeLessThan(2 * line);

    // The first list (库存总览): rows there, readable, nothing wider than the screen except inside a scrolling box.
    const firstRow = page.locator('.ant-table-row').first();
    await firstRow.waitFor();
    const cell = await firstRow
      .locator('td')
      .first()
      .evaluate((el) => ({ h: el.getBoundingClientRect().height, w: el.getBoundingClientRect().width }));
    expect(cell.w).toBeGreaterThan(48);
    expect(cell.h).toBeLessThan(60);
    expect(await overflowing(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The same on a list with many columns (问题清单).
    await page.locator('.ant-layout-sider-zero-width-trigger').click();
    await page.getByRole('menuitem', { name: '督查整改' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    await expect.poll(async () => (await menu.boundingBox())?.width ?? 0).toBe(0);
    expect(await overflowing(page)).toEqual([]);
  });

  it('an inspection not yet sent survives a reload, and is gone once sent', async () => {
    const { page, server } = phone;
    const target = (await apiCall<{ id: number; name: string }[]>(server, 'inspections.targets', { targetKind: 'checkpoint' }, 'zhihui'))[1]!;
    await page.goto(`${server.url}/#/inspections?tab=records&new=1`);
    await page.getByTestId('inspection-entry').waitFor();
    await page.getByLabel('督查人员').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.keyboard.press('Escape');
    const member = await page.locator('.ant-select-selection-item').first().innerText();
    await page.getByLabel('检查点位').click();
    await page.keyboard.type(target.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: target.name }).first().click();
    await page.getByTestId('check-register').click();
    await page.getByLabel('登记问题描述').fill('夜间无人值守，草稿测试');

    await page.reload();
    await page.getByTestId('inspection-draft').waitFor();
    expect(await page.getByLabel('登记问题描述').inputValue()).toBe('夜间无人值守，草稿测试');
    expect(await page.getByTestId('inspection-entry').innerText()).toContain(target.name);
    expect(await page.locator('.ant-select-selection-item').first().innerText()).toBe(member);

    await page.getByTestId('inspection-submit').click();
    const saved = async () =>
      (
        await apiCall<{ rows: { description: string | null }[] }>(
          server,
          'problems.list',
          { targetKind: 'checkpoint', targetId: target.id, pageSize: 200 },
          'zhihui',
        )
      ).rows.filter((r) => r.description?.includes('草稿测试'));
    await expect.poll(async () => (await saved()).length).toBe(1);
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sc:inspection-draft:')).length)).toBe(0);
    await page.goto(`${server.url}/#/inspections?tab=records`);
    await page.reload();
    await page.getByTestId('inspection-new').waitFor();
    expect(await page.getByTestId('inspection-draft').count()).toBe(0);
    expect(await page.getByTestId('inspection-new').innerText()).not.toContain('草稿');
  });
});
