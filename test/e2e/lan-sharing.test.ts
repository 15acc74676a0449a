import fs from 'node:fs';
import type http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanStatusData } from '../../shared/api/lan';
import { type Core, createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';
import { ensureRenderer } from '../../electron/server/ensure-renderer';
import { createHttpServer } from '../../electron/server/http';
import { spkiHash } from '../../electron/server/lan/ca';
import { withLanControl } from '../../electron/server/lan/control';
import { LanSharing } from '../../electron/server/lan/sharing';
import { E2E_PASSWORD, launchBrowser, tempDataDir } from './harness';

/**
 * The desktop app cannot run here (no Electron binary), so its window is stood in for:
 * the same built pages, with window.api calling the core as the preload's IPC does
 * (client 'desktop'), and the LAN server run by the same LanSharing the main process uses.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const root = tempDataDir('sc-e2e-lan-');
let core: Core;
let sharing: LanSharing;
let local: http.Server;
let desktopBrowser: Browser;
let phoneBrowser: Browser | null = null;
let desk: Page;

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    if (port < 65000) return port;
  }
}

/** The certificate the server presents, as PEM (checked against the office CA only). */
function serverCertificate(url: string, ca: string): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: u.hostname, port: Number(u.port), ca: [ca], servername: net.isIP(u.hostname) ? undefined : u.hostname }, () => {
      const der = socket.getPeerCertificate().raw;
      socket.end();
      resolve(`-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`);
    });
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  const dataDir = path.join(root, 'data');
  core = await createCore({
    dataDir,
    demoOnCreate: true,
    demoResidents: false,
    transport: 'desktop',
    keyStore: fileKeyStore(path.join(root, 'db.key')),
    adminPassword: E2E_PASSWORD,
  });
  const staticDir = await ensureRenderer(repoRoot);
  sharing = new LanSharing(core, { dir: path.join(dataDir, 'lan'), caKeys: fileKeyStore(path.join(root, 'lan-ca.key')), staticDir: () => staticDir });
  const windowCore = withLanControl(core, sharing);
  local = createHttpServer(core, staticDir);
  await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
  desktopBrowser = await launchBrowser();
  desk = await (await desktopBrowser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' })).newPage();
  let token: string | null = null;
  await desk.exposeFunction('__desktopCall', async (name: string, input: unknown) => {
    const { envelope, session } = await windowCore.call(name, input, { client: 'desktop', token, local: true });
    if (session.set) token = session.set;
    if (session.clear) token = null;
    return envelope;
  });
  await desk.addInitScript(() => {
    const w = window as unknown as { api: unknown; __desktopCall: (n: string, i: unknown) => Promise<unknown> };
    w.api = { call: (name: string, input: unknown) => w.__desktopCall(name, input) };
  });
}, 120_000);

afterAll(async () => {
  await phoneBrowser?.close();
  await desktopBrowser?.close();
  await sharing?.close();
  await new Promise((r) => local?.close(r));
  core?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('设置 → 局域网共享 and a phone on the office Wi-Fi', () => {
  let pairingUrl: string;
  let status: LanStatusData;

  it('the administrator switches HTTPS sharing on and sees the address, the QR codes, the fingerprint and the devices', async () => {
    const port = await freePort();
    await desk.goto(`http://127.0.0.1:${(local.address() as net.AddressInfo).port}/#/settings`);
    await desk.getByLabel('用户名').fill('admin');
    await desk.getByLabel('密码').fill(E2E_PASSWORD);
    await desk.getByRole('button', { name: '登录' }).click();
    await desk.getByRole('tab', { name: '局域网共享' }).click();
    await desk.getByLabel('端口').fill(String(port));
    await desk.getByRole('switch').click();
    const address = desk.getByText(new RegExp(`^https://[\\d.]+:${port}$`)).first();
    await address.waitFor();
    await expect(desk.getByText('HTTPS 加密', { exact: true }).last().isVisible()).resolves.toBe(true);
    await desk.getByText('已连接设备').waitFor();

    await desk.getByRole('combobox').last().click();
    await desk.getByTitle(/zhihui/).click();
    await desk.getByRole('button', { name: '生成配对二维码' }).click();
    pairingUrl = (await desk.getByTestId('pairing-url').innerText()).trim();
    expect(pairingUrl).toMatch(new RegExp(`^https://[\\d.]+:${port}/#/pair\\?code=[\\w-]{22}$`));
    const fingerprint = (await desk.getByTestId('ca-fingerprint').innerText()).trim();
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await desk.screenshot({ path: path.join(repoRoot, 'docs', 'screenshot-lan-sharing.png'), fullPage: true });

    const s = await windowCoreStatus();
    expect(s.ca?.fingerprint).toBe(fingerprint);
    status = s;
  });

  it('a phone trusting the office CA opens the pairing QR over HTTPS, is signed in, and has the camera API on the inspection page', async () => {
    const base = status.urls[0]!;
    const leaf = await serverCertificate(base, status.ca!.pem);
    // Chromium trusts exactly these keys (the server's and the office CA's), as a phone with the CA installed would.
    phoneBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', `--ignore-certificate-errors-spki-list=${spkiHash(leaf)},${spkiHash(status.ca!.pem)}`],
    });
    const phone = await (await phoneBrowser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })).newPage();
    await phone.goto(pairingUrl);
    await phone.getByTestId('user-menu').waitFor();
    expect(new URL(phone.url()).hash).toBe('#/');
    await phone.goto(`${base}/#/inspections?tab=records&new=1`);
    await phone.getByTestId('inspection-entry').waitFor();
    const camera = await phone.evaluate(() => ({ secure: window.isSecureContext, getUserMedia: typeof navigator.mediaDevices?.getUserMedia }));
    expect(camera).toEqual({ secure: true, getUserMedia: 'function' });
    // Chromium before 88 drops a whole rule that uses :where(); antd's styles must not.
    const where = await phone.evaluate(() => [...document.querySelectorAll('style')].filter((s) => s.textContent?.includes(':where(')).length);
    expect(where).toBe(0);

    // The same code a second time: refused, and the sign-in form says why.
    await phone.context().clearCookies();
    await phone.goto('about:blank');
    await phone.goto(pairingUrl);
    await phone.getByText('扫码登录失败：该配对码已使用过').waitFor();

    // The desktop counts the phone among the connected devices.
    await expect.poll(async () => (await windowCoreStatus()).clients.length, { timeout: 15_000 }).toBeGreaterThan(0);
  });
});

async function windowCoreStatus(): Promise<LanStatusData> {
  return (await desk.evaluate(() => (window as unknown as { api: { call(n: string, i: unknown): Promise<{ data: unknown }> } }).api.call('lan.status', {})))
    .data as LanStatusData;
}
