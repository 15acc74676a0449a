import { describe, expect, it } from 'vitest';
import { apiCall, browserSession } from './harness';
import { pickOnMap } from './map-search';

/**
 * Names come from users and imported files. Two crafted ones: a checkpoint whose name
 * would refresh the page to a phishing address (content 0, so it would go at once), and
 * a compound whose name would lay a red SVG over the map. Both must show as plain text.
 */
const session = browserSession('zhihui', { viewport: { width: 1400, height: 900 } });

const CHECKPOINT = '<meta http-equiv=refresh content="0;url=/?phished=1">';
const COMPOUND = '"><svg id=injected width=3000 height=3000 fill=red></svg>';

const searchAndPick = (text: string, optionText: string) => pickOnMap(session.page, text, optionText);

describe('hostile names on the map', () => {
  it('tooltips and labels show the names as text: no navigation, no injected elements', async () => {
    const { server, page } = session;
    const [cp] = (await apiCall<{ rows: { id: number }[] }>(server, 'checkpoints.list', { kind: 'road', pageSize: 1 }, 'zhihui')).rows;
    const checkpoint = await apiCall<Record<string, unknown>>(server, 'checkpoints.get', { id: cp!.id }, 'zhihui');
    await apiCall(server, 'checkpoints.update', { ...checkpoint, name: CHECKPOINT }, 'zhihui');
    const [c] = (await apiCall<{ rows: { id: number }[] }>(server, 'compounds.list', { pageSize: 1, sort: 'population', order: 'desc' }, 'zhihui')).rows;
    const compound = await apiCall<Record<string, unknown>>(server, 'compounds.get', { id: c!.id }, 'zhihui');
    await apiCall(server, 'compounds.update', { ...compound, name: COMPOUND }, 'zhihui');

    await page.goto(`${server.url}/#/map`);
    await expect.poll(() => page.getByTestId('map-status').innerText()).toContain('168');
    // Gone if the page is ever navigated away or reloaded.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    // The compound's name label (shown from zoom 16, the search flies to 17).
    await searchAndPick('injected', '小区 · ');
    const label = page.locator('.map-label', { hasText: 'id=injected' });
    await expect.poll(() => label.count()).toBe(1);
    expect(await label.innerText()).toBe(COMPOUND);

    // The checkpoint's tooltip opens on hover, with the map centred on it.
    await searchAndPick('http-equiv', '卡点 · ');
    await expect.poll(() => page.getByTestId('map-panel').innerText()).toContain('http-equiv');
    // A 督查 problem's diamond can lie over the checkpoint (which ones are overdue depends on the day): hide that layer, as a user would.
    await page.getByRole('checkbox', { name: '督查问题' }).uncheck();
    const box = (await page.locator('.map-canvas').boundingBox())!;
    const tooltip = page.locator('.leaflet-tooltip:not(.map-label)', { hasText: 'http-equiv' });
    // The picked checkpoint sits near the centre (canvas markers have no element to hover): sweep the mouse over it.
    const near = [0, 5, -5, 10, -10, 15, -15, 20, -20, 25, -25, 30, -30];
    // One sweep is 169 moves: on a loaded machine it alone can take longer than the default poll.
    await expect
      .poll(
        async () => {
          for (const dy of near) {
            for (const dx of near) {
              await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
              if ((await tooltip.count()) > 0) return 1;
            }
          }
          return 0;
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await tooltip.innerText()).toContain(CHECKPOINT);

    // Neither name became markup, and the page is still the map it was.
    expect(await page.locator('#injected, .leaflet-pane meta, body meta[http-equiv]').count()).toBe(0);
    expect(await page.locator('.leaflet-tooltip svg, .leaflet-tooltip meta').count()).toBe(0);
    await page.getByTestId('map-panel').getByLabel('关闭').click();
    await expect.poll(() => page.getByTestId('map-status').innerText()).toContain('168');
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    expect(page.url()).not.toContain('phished');
  });
});
