import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakeElectron } from './fake-electron';

vi.mock('electron', () => fakeElectron);
const { appSchemeHandler, DESKTOP_CSP } = await import('./protocol');

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
