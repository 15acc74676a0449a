import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, type Envelope, methodNames } from '../../shared/api';
import { can, ROLES, type Role } from '../../shared/domain/roles';
import { handlers } from '../../electron/core/registry/handlers';
import { createHttpServer } from '../../electron/server/http';
import { FakeIpcMain, fakeElectron } from '../../electron/main/fake-electron';
import { openTestCore, ROLE_USER, type TestCore, TEST_PASSWORD } from '../helpers/sessions';

vi.mock('electron', () => fakeElectron);
const { registerApi } = await import('../../electron/main/ipc');
const { call } = await import('../../renderer/src/api/client');

/** The contract is the only method list: core, IPC, HTTP and the renderer client all follow it. */
let t: TestCore;
let server: ReturnType<typeof createHttpServer>;
let base: string;

beforeAll(async () => {
  t = await openTestCore();
  const staticDir = path.join(t.root, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  server = createHttpServer(t.core, staticDir);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

const post = async (name: string, body: unknown, cookie?: string) => {
  const res = await fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { res, body: (await res.json()) as Envelope, cookie: res.headers.get('set-cookie') };
};

async function httpSession(role: Role): Promise<string> {
  const { cookie } = await post('auth.login', { username: ROLE_USER[role], password: TEST_PASSWORD });
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie!.split(';')[0]!;
}

/** An IPC binding with its own fake ipcMain, and a caller for one window (sender id). */
function ipcBinding() {
  const ipc = new FakeIpcMain();
  registerApi(ipc as never, t.core, 'app://street-command');
  const invoke = (windowId: number, name: string, input: unknown = {}) =>
    ipc.handlers.get(`api:${name}`)!({ sender: { id: windowId }, senderFrame: { url: 'app://street-command/index.html' } }, input) as Promise<Envelope>;
  return { ipc, invoke };
}

/** For each permission-guarded method, a role that lacks the permission. */
const wrongRole = (perm: string): Role | undefined => ROLES.find((r) => !can(r, perm as never));

describe('one contract, three transports', () => {
  it('the core has a handler for exactly the declared methods', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it('IPC registers one channel per declared method and nothing else', () => {
    expect([...ipcBinding().ipc.handlers.keys()].sort()).toEqual(methodNames.map((n) => `api:${n}`).sort());
  });

  it('IPC keeps the session per window and refuses any other frame', async () => {
    const { ipc, invoke } = ipcBinding();
    expect((await invoke(1, 'dashboard.summary')).ok).toBe(false);
    expect((await invoke(1, 'auth.login', { username: 'zhihui', password: TEST_PASSWORD })).ok).toBe(true);
    const summary = (await invoke(1, 'dashboard.summary')) as { ok: true; data: { compounds: number } };
    expect(summary.data.compounds).toBe(168);
    expect(await invoke(2, 'dashboard.summary')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const foreign = (await ipc.handlers.get('api:dashboard.summary')!({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }, {})) as Envelope;
    expect(foreign.ok).toBe(false);
    expect((await invoke(1, 'auth.logout')).ok).toBe(true);
    expect(await invoke(1, 'dashboard.summary')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('HTTP routes every declared method and nothing else', async () => {
    for (const name of methodNames) {
      const { body } = await post(name, {});
      if (!body.ok) expect(body.error.code, name).not.toBe('UNKNOWN_METHOD');
    }
    const { res, body } = await post('compounds.drop', {});
    expect(res.status).toBe(404);
    expect(!body.ok && body.error.message).toContain('未知的接口');
  });

  it('every method declares a permission, and refuses callers without a session or with the wrong role — over HTTP and IPC', async () => {
    const { invoke } = ipcBinding();
    const cookies = new Map<Role, string>();
    const windows = new Map<Role, number>();
    for (const [i, role] of ROLES.entries()) {
      cookies.set(role, await httpSession(role));
      windows.set(role, 100 + i);
      expect((await invoke(100 + i, 'auth.login', { username: ROLE_USER[role], password: TEST_PASSWORD })).ok).toBe(true);
    }
    let checked = 0;
    for (const name of methodNames) {
      const perm = api[name].perm;
      expect(perm, name).toBeTruthy();
      if (perm === 'public') continue;
      expect((await post(name, {})).body, name).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await invoke(999, name), name).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const wrong = perm === 'session' ? undefined : wrongRole(perm);
      if (!wrong) continue;
      expect((await post(name, {}, cookies.get(wrong))).body, `${name} as ${wrong}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await invoke(windows.get(wrong)!, name), `${name} as ${wrong}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('the renderer client goes over HTTP in a browser and over window.api in Electron', async () => {
    // In a browser the client posts to the relative /api/<name> with its cookie; emulate that.
    const cookie = await httpSession('command');
    const realFetch = globalThis.fetch;
    const urls: string[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      urls.push(url);
      return realFetch(`${base}${url}`, { ...init, headers: { ...(init.headers as object), Origin: base, Cookie: cookie } });
    });
    const page = await call('compounds.list', { pageSize: 5 });
    expect(page.total).toBe(168);
    expect(page.rows).toHaveLength(5);
    expect(urls).toEqual(['/api/compounds.list']);
    await expect(call('compounds.create', { name: '' } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
    vi.unstubAllGlobals();

    const { invoke } = ipcBinding();
    await invoke(7, 'auth.login', { username: 'lingdao', password: TEST_PASSWORD });
    const seen: string[] = [];
    vi.stubGlobal('window', { api: { call: async (name: string, input: unknown) => (seen.push(name), invoke(7, name, input)) } });
    const summary = await call('dashboard.summary', {});
    expect(summary.checkpoints).toBe(99);
    expect(seen).toEqual(['dashboard.summary']);
    vi.unstubAllGlobals();
  });
});
