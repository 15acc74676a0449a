import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';
import { cameraVideoOf } from '../helpers/camera-video';
import { decodeQrPng } from '../helpers/qr-decode';
import { apiCall, E2E_PASSWORD, launchBrowser, type RunningServer, signInUI, startServer, tempDataDir } from './harness';

/**
 * Signed 出入证 QR codes: printed, read back from the page, scanned at the gate online and
 * offline. The light demo has no households; three are added to its first compound before
 * the server starts (the full demo's 140,000 residents take over a minute to make here).
 */
const session = {} as { browser: Browser; server: RunningServer; page: Page };
const dataDir = tempDataDir();
beforeAll(async () => {
  const core = await createCore({
    dataDir,
    demoOnCreate: true,
    demoResidents: false,
    transport: 'http',
    keyStore: fileKeyStore(`${dataDir}.key`),
    adminPassword: E2E_PASSWORD,
  });
  const compound = core.db.prepare('SELECT id FROM compounds ORDER BY id LIMIT 1').get() as { id: number };
  const building = Number(core.db.prepare("INSERT INTO buildings (compound_id, name) VALUES (?, '1')").run(compound.id).lastInsertRowid);
  for (const room of ['101', '102', '201', '202', '301', '302', '401', '402', '501'])
    core.db.prepare("INSERT INTO households (building_id, unit, room) VALUES (?, '1', ?)").run(building, room);
  await core.close();
  session.browser = await launchBrowser();
  session.server = await startServer(dataDir);
  // Read at screen resolution: about three pixels to a module, what a phone camera held at the
  // gate gets of a 40 mm code.
  session.page = await (await session.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
  await signInUI(session.page, session.server, 'zhihui');
});
afterAll(async () => {
  await session.browser?.close();
  await session.server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.key`, { force: true });
});

type Check = { ok: boolean; reason: string | null; passNo: string | null };
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
/** One character replaced by another valid base32 one. */
const alter = (text: string, i: number) => text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);

const passes: Record<'a' | 'b' | 'c', { id: number; passNo: string; payload?: string }> = {} as never;
let compoundId = 0;

describe('signed pass QR codes in Chromium', () => {
  it('a printed card’s QR code, read back from the rendered sheet, is the pass the office signed', async () => {
    const { server, page } = session;
    const api = <T>(name: string, input: unknown) => apiCall<T>(server, name, input, 'zhihui');
    compoundId = (await api<{ rows: { id: number }[] }>('compounds.list', { pageSize: 1 })).rows[0]!.id;
    const building = (await api<{ id: number }[]>('residents.buildings', { compoundId }))[0]!;
    const [h1, h2, h3, ...rest] = await api<{ id: number }[]>('residents.households', { buildingId: building.id });
    const issue = (householdId: number, uses: number, perDays: number) =>
      api<{ id: number; passNo: string }>('passes.issue', { householdId, uses, perDays, validFrom: today(), validTo: inDays(13) });
    passes.a = await issue(h1!.id, 1, 2);
    passes.b = await issue(h2!.id, 1, 2);
    passes.c = await issue(h3!.id, 2, 1);
    for (const h of rest) await issue(h.id, 1, 2);

    await page.goto(`${server.url}/#/print/passes/${compoundId}`);
    // Read back as printed: the print stylesheet, toolbar gone.
    await page.emulateMedia({ media: 'print' });
    for (const key of ['a', 'b', 'c'] as const) {
      const qr = page.locator(`[data-testid="pass-card"][data-pass="${passes[key].passNo}"] [data-testid="pass-qr"]`);
      await qr.waitFor();
      passes[key].payload = decodeQrPng(await qr.screenshot());
      expect(await api<Check>('passes.check', { payload: passes[key].payload, direction: 'in' })).toMatchObject({ ok: true, passNo: passes[key].passNo });
    }
    // Nine passes: eight cards to an A4 page, the ninth on a second.
    expect(await page.locator('.pass-page').evaluateAll((pages) => pages.map((p) => p.querySelectorAll('[data-testid="pass-card"]').length))).toEqual([8, 1]);
    await page.emulateMedia({ media: null });
    expect(await page.getByTestId('print-sheet').innerText()).toContain(passes.a.passNo);
    const refused = await api<Check>('passes.check', { payload: alter(passes.a.payload!, 12), direction: 'in' });
    expect(refused).toMatchObject({ ok: false, passNo: null });
  });

  it('the scanner’s keystrokes land in 卡点登记 without a click; a revocation reaches the gate; offline scans are checked, queued and delivered once', async () => {
    const { server, page } = session;
    const api = <T>(name: string, input: unknown) => apiCall<T>(server, name, input, 'zhihui');
    const verdict = page.getByTestId('gate-verdict');
    const status = page.getByTestId('gate-status');
    // When the answer on screen was given (none before the first scan; never waits for it to appear).
    const shownAt = async () => ((await verdict.count()) ? verdict.getAttribute('data-at') : null);
    const scan = async (text: string) => {
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('姓名');
      const before = await shownAt();
      // A USB scanner is a keyboard: it types the payload and presses Enter.
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await expect.poll(shownAt).not.toBe(before);
    };

    await page.goto(`${server.url}/#/residents`);
    await expect.poll(() => status.getAttribute('data-revoked')).toBe('0');
    await scan(passes.a.payload!);
    expect(await verdict.getAttribute('data-ok')).toBe('yes');
    expect(await verdict.innerText()).toMatch(/通过[\s\S]*出入证 [A-Z2-9]{8}/);
    expect(await verdict.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(35, 120, 4)');
    expect(await verdict.innerText()).not.toContain('离线核验');
    // Registered: the entry is in this session's list.
    await expect.poll(() => page.locator('.ant-table-row', { hasText: passes.a.passNo }).count()).toBe(1);

    // The office revokes B; the gate hears of it when its connection comes back.
    await api('passes.revoke', { id: passes.b.id });
    await page.context().setOffline(true);
    await page.context().setOffline(false);
    await expect.poll(() => status.getAttribute('data-revoked')).toBe('1');

    // The network is cut: the phone alone refuses the revoked pass and an altered one.
    await page.context().setOffline(true);
    await scan(passes.b.payload!);
    expect(await verdict.getAttribute('data-ok')).toBe('no');
    expect(await verdict.innerText()).toMatch(/拒绝[\s\S]*出入证已收回[\s\S]*离线核验/);
    expect(await verdict.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(168, 7, 26)');
    await scan(alter(passes.a.payload!, 20));
    expect(await verdict.innerText()).toMatch(/拒绝[\s\S]*二维码(签名不符|无效)/);

    // Two exits on C (2 a day) while offline: both pass and wait in the queue.
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: /^出$/ }).click();
    await scan(passes.c.payload!);
    expect(await verdict.getAttribute('data-ok')).toBe('yes');
    await scan(passes.c.payload!);
    expect(await verdict.innerText()).toMatch(/通过[\s\S]*离线核验/);
    await expect.poll(() => status.getAttribute('data-pending')).toBe('2');
    // A third is over the rule, counted on this phone alone.
    await scan(passes.c.payload!);
    expect(await verdict.innerText()).toContain('出入证 1 天内限出 2 次，已用 2 次');

    // The first delivery reaches the office but its reply is lost: the phone must send it again.
    const sent: string[] = [];
    let lose = true;
    await page.route('**/api/registrations.create', async (route) => {
      sent.push((route.request().postDataJSON() as { clientId: string }).clientId);
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.context().setOffline(false);
    await expect.poll(() => status.getAttribute('data-pending'), { timeout: 40_000 }).toBe('0');
    await expect.poll(() => page.locator('.ant-table-row', { hasText: passes.c.passNo }).count()).toBe(2);
    // Two registrations, the first sent twice.
    expect(new Set(sent).size).toBe(2);
    expect(sent.filter((id) => id === sent[0]).length).toBeGreaterThanOrEqual(2);
    // Each exit is on file exactly once: the office counts 2 exits of C, not 3.
    expect(await api<Check>('passes.check', { payload: passes.c.payload, direction: 'out' })).toMatchObject({
      ok: false,
      reason: '出入证 1 天内限出 2 次，已用 2 次',
    });
    await page.unroute('**/api/registrations.create');
  });

  it('a printed card held up to a phone’s camera at the gate is read and let in', async () => {
    const { server, page } = session;
    await page.context().setOffline(false); // whatever the gate test above left behind
    await page.goto(`${server.url}/#/print/passes/${compoundId}`);
    // A card none of the tests above has used: the fifth on the sheet.
    const card = page.locator('[data-testid="pass-card"]').nth(4);
    const passNo = (await card.getAttribute('data-pass'))!;
    const video = path.join(dataDir, 'camera.y4m');
    fs.writeFileSync(video, cameraVideoOf(await card.screenshot(), { scale: 1 }));
    const phoneBrowser = await launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const phone = await (await phoneBrowser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', permissions: ['camera'] })).newPage();
      await signInUI(phone, server, 'zhihui');
      await phone.goto(`${server.url}/#/residents`);
      await phone.getByRole('button', { name: '摄像头扫码' }).click();
      // Read from the camera's frames, checked and registered: the verdict names the card's pass.
      const verdict = phone.getByTestId('gate-verdict');
      await expect.poll(() => verdict.count(), { timeout: 30_000 }).toBe(1);
      expect(await verdict.getAttribute('data-ok')).toBe('yes');
      expect(await verdict.innerText()).toContain(`出入证 ${passNo}`);
      await expect.poll(() => phone.locator('.ant-table-row', { hasText: passNo }).count()).toBe(1);
    } finally {
      await phoneBrowser.close();
    }
  });

  it('a 场所码 poster’s QR code opens that premises’ inspection entry on a phone', async () => {
    const { server, page } = session;
    await page.context().setOffline(false); // whatever the gate test above left behind
    const premises = (await apiCall<{ rows: { id: number; name: string }[] }>(server, 'premises.list', { pageSize: 1 }, 'zhihui')).rows[0]!;
    await page.goto(`${server.url}/#/print/premises-code/${premises.id}`);
    const qr = page.getByTestId('premises-qr');
    await expect.poll(() => qr.locator('svg').count()).toBe(1);
    const url = decodeQrPng(await qr.screenshot());
    expect(url).toBe(`${server.url}/#/inspections?tab=records&new=1&premises=${premises.id}&name=${encodeURIComponent(premises.name)}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
    await expect.poll(() => page.getByText(`经营场所：${premises.name}`).count()).toBe(1);
  });
});
