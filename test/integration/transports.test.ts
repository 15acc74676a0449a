import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../shared/api';
import { handlers } from '../../electron/core/api/handlers';
import { type Core, createCore } from '../../electron/core/core';
import { createHttpServer } from '../../electron/server/http';
import { FakeIpcMain, fakeElectron } from '../../electron/main/fake-electron';

vi.mock('electron', () => fakeElectron);
const { registerApi } = await import('../../electron/main/ipc');
const { call } = await import('../../renderer/src/api/client');

/** The contract is the only method list: core, IPC, HTTP and the renderer client all follow it. */
let dir: string;
let core: Core;
let server: ReturnType<typeof createHttpServer>;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-transports-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  core = await createCore({ dataDir: path.join(dir, 'data'), demoOnCreate: true, transport: 'http' });
  server = createHttpServer(core, staticDir);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (name: string, body: unknown) =>
  fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('one contract, three transports', () => {
  it('the core has a handler for exactly the declared methods', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it('IPC registers one channel per declared method and nothing else', () => {
    const ipc = new FakeIpcMain();
    registerApi(ipc as never, core, 'app://street-command');
    expect([...ipc.handlers.keys()].sort()).toEqual(methodNames.map((n) => `api:${n}`).sort());
  });

  it('IPC answers the app page and refuses any other frame', async () => {
    const ipc = new FakeIpcMain();
    registerApi(ipc as never, core, 'app://street-command');
    const handler = ipc.handlers.get('api:dashboard.summary')!;
    const ok = (await handler({ senderFrame: { url: 'app://street-command/index.html' } }, {})) as { ok: boolean; data: { compounds: number } };
    expect(ok.ok).toBe(true);
    expect(ok.data.compounds).toBe(168);
    const refused = (await handler({ senderFrame: { url: 'https://evil.example/' } }, {})) as { ok: boolean };
    expect(refused.ok).toBe(false);
  });

  it('HTTP routes every declared method and nothing else', async () => {
    for (const name of methodNames) {
      const res = await post(name, {});
      const body = (await res.json()) as { ok: boolean; error?: { code: string } };
      expect(body.error?.code, name).not.toBe('UNKNOWN_METHOD');
    }
    const res = await post('compounds.drop', {});
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('未知的接口');
  });

  it('the renderer client goes over HTTP in a browser and over window.api in Electron', async () => {
    // In a browser the client posts to the relative /api/<name>; point it at the test server.
    const realFetch = globalThis.fetch;
    const urls: string[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => (urls.push(url), realFetch(`${base}${url}`, init)));
    const page = await call('compounds.list', { pageSize: 5 });
    expect(page.total).toBe(168);
    expect(page.rows).toHaveLength(5);
    expect(urls).toEqual(['/api/compounds.list']);
    await expect(call('compounds.create', { name: '' } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
    vi.unstubAllGlobals();

    const seen: string[] = [];
    vi.stubGlobal('window', { api: { call: async (name: string, input: unknown) => (seen.push(name), core.call(name, input, 'desktop')) } });
    const summary = await call('dashboard.summary', {});
    expect(summary.checkpoints).toBe(99);
    expect(seen).toEqual(['dashboard.summary']);
    vi.unstubAllGlobals();
  });
});
