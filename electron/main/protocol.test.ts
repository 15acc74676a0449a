import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/api';
import { makeMbtiles } from '../../test/fixtures/map/make-mbtiles';
import { openTestCore, TEST_PASSWORD } from '../../test/helpers/sessions';
import { FakeIpcMain, fakeElectron } from './fake-electron';

vi.mock('electron', () => fakeElectron);
const { appSchemeHandler, DESKTOP_CSP } = await import('./protocol');
const { registerApi } = await import('./ipc');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-proto-'));
const rendererDir = path.join(dir, 'renderer');
fs.mkdirSync(rendererDir);
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<title>街道防控指挥台</title>');
fs.writeFileSync(path.join(dir, 'street-command.db'), 'SECRET-DB');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('app:// scheme', () => {
  const handle = appSchemeHandler(rendererDir);

  it('serves the renderer with a strict CSP and no inline scripts', async () => {
    const res = await handle(new Request('app://street-command/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('街道防控指挥台');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toBe(DESKTOP_CSP);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('refuses paths that leave the renderer folder', async () => {
    for (const p of ['/..%2fstreet-command.db', '/%2e%2e/street-command.db', '/..%5cstreet-command.db']) {
      const res = await handle(new Request(`app://street-command${p}`));
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('SECRET-DB');
    }
  });
});

describe('remote content', () => {
  it('only the configured basemap origin may serve images', async () => {
    const { originAllowed } = await import('./protocol');
    expect(originAllowed('https://t1.example.cn/1/2/3.png', ['https://*.example.cn'])).toBe(true);
    expect(originAllowed('https://example.cn.evil.com/x.png', ['https://*.example.cn'])).toBe(false);
    expect(originAllowed('http://t1.example.cn/x.png', ['https://*.example.cn'])).toBe(false);
    expect(originAllowed('https://tiles.example.cn/x.png', ['https://tiles.example.cn'])).toBe(true);
    expect(originAllowed('https://other.cn/x.png', [])).toBe(false);
    const res = await appSchemeHandler(rendererDir, () => ['https://tiles.example.cn'])(new Request('app://street-command/index.html'));
    expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data: blob: https://tiles.example.cn;");
  });
});

describe('offline tiles over app://', () => {
  it('serves a tile of an imported pack for the window signed in, and nothing without a session', async () => {
    const t = await openTestCore({ demoOnCreate: false });
    try {
      const ipc = new FakeIpcMain();
      const binding = registerApi(ipc as never, t.core, 'app://street-command');
      const invoke = (name: string, input: unknown = {}) =>
        ipc.handlers.get(`api:${name}`)!({ sender: { id: 1 }, senderFrame: { url: 'app://street-command/index.html' } }, input) as Promise<Envelope>;
      const handle = appSchemeHandler(
        rendererDir,
        () => [],
        ({ packId, z, x, y }) => t.core.tile(binding.latestToken(), packId, z, x, y),
      );
      const made = makeMbtiles(path.join(dir, 'pack.mbtiles'), { tiles: [{ z: 1, x: 1, y: 0, color: '#336699' }] });

      expect(binding.latestToken()).toBeNull();
      expect((await invoke('auth.login', { username: 'admin', password: TEST_PASSWORD })).ok).toBe(true);
      expect(binding.tokenFor(1)).toEqual(binding.latestToken());
      expect(binding.tokenFor(2)).toBeNull();
      const imported = (await invoke('tiles.import', { fileName: 'pack.mbtiles', base64: made.base64() })) as { ok: true; data: { id: string } };
      const id = imported.data.id;

      const res = await handle(new Request(`app://street-command/tiles/${id}/1/1/0.png`));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toBe('private, max-age=86400');
      expect(Buffer.from(await res.arrayBuffer()).equals(made.bytes.get('1/1/0')!)).toBe(true);
      expect((await handle(new Request(`app://street-command/tiles/${id}/1/0/0.png`))).status).toBe(404);
      expect((await handle(new Request(`app://street-command/tiles/${id}/1/5/0.png`))).status).toBe(400);
      expect((await handle(new Request(`app://street-command/tiles/${id}/..%2f..%2fstreet-command.db`))).status).toBe(400);

      expect((await invoke('auth.logout')).ok).toBe(true);
      expect(binding.latestToken()).toBeNull();
      expect((await handle(new Request(`app://street-command/tiles/${id}/1/1/0.png`))).status).toBe(401);
      // Without a tile source (the default) there are no tiles at all.
      expect((await appSchemeHandler(rendererDir)(new Request(`app://street-command/tiles/${id}/1/1/0.png`))).status).toBe(401);
    } finally {
      t.cleanup();
    }
  });
});
