import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Picks a search result on the map and waits until the flight to it has landed (the map
 * marks each landed flight on its container), so the map's centre is the picked place.
 * Watching the map's transforms for stillness was not enough: on a loaded machine the
 * flight had sometimes not started when the map was first read.
 */
export async function pickOnMap(page: Page, text: string, optionText: string) {
  const canvas = page.locator('.map-canvas');
  const before = await canvas.getAttribute('data-flown');
  await page.getByLabel('地图搜索').fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
  await expect.poll(() => canvas.getAttribute('data-flown'), { timeout: 15_000 }).not.toBe(before);
}
