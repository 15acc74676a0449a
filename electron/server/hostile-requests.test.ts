import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore, TEST_PASSWORD } from '../../test/helpers/sessions';
import { createHttpServer, MAX_BODY_BYTES } from './http';

/** What an attacker on the office LAN (or a web page rebinding its name to the PC) can send. */

interface Reply {
  status: number;
  body: string;
}

/** A raw request: its own Host header, a declared length, a body streamed in chunks (the client stops when the server replies). */
function send(
  port: number,
  opts: { path: string; host: string; headers?: Record<string, string>; chunks?: number; chunkBytes?: number; declared?: number },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: opts.host, 'Content-Type': 'application/json', Origin: `http://${opts.host}`, ...opts.headers };
    if (opts.declared !== undefined) headers['Content-Length'] = String(opts.declared);
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: 'POST', headers });
    let replied = false;
    req.on('response', (res) => {
      replied = true;
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', (e) => (replied ? undefined : reject(e)));
    const chunk = Buffer.alloc(opts.chunkBytes ?? 1024 * 1024, 0x61);
    let left = opts.chunks ?? 0;
    const pump = () => {
      while (left > 0 && !replied && !req.destroyed) {
        left--;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!replied && !req.destroyed) req.end();
    };
    pump();
  });
}

let t: TestCore;
let server: http.Server;
let port: number;
let host: string;
let cookie: string;

beforeAll(async () => {
  t = await openTestCore({ demoOnCreate: false });
  const staticDir = path.join(t.root, 'static');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  server = createHttpServer(t.core, staticDir, undefined, ['zhihui.office.lan']);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  const login = await send(port, { path: '/api/auth.login', host, chunks: 0 });
  expect(login.status).toBe(400);
  const res = await fetch(`http://${host}/api/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: `http://${host}` },
    body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
  });
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

const stillAnswers = async () => {
  const res = await fetch(`http://${host}/api/auth.status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: `http://${host}` },
    body: '{}',
  });
  expect(res.status).toBe(200);
};

describe('a body is read only for a caller who may send it', () => {
  it('answers an anonymous 600 MB restore upload with 401 at once and keeps serving', async () => {
    const reply = await send(port, { path: '/api/backup.restore', host, declared: 600 * 1024 * 1024, chunks: 40 });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).error.message).toBe('请先登录');
    await stillAnswers();
  });

  it('answers an anonymous chunked upload without a length the same way', async () => {
    const reply = await send(port, { path: '/api/backup.restore', host, chunks: 40, headers: { 'Transfer-Encoding': 'chunked' } });
    expect(reply.status).toBe(401);
    await stillAnswers();
  });

  it('tells a signed-in caller that the body is over the limit (413 with the message, not a reset)', async () => {
    const declared = await send(port, { path: '/api/office.get', host, headers: { Cookie: cookie }, declared: MAX_BODY_BYTES + 1024, chunks: 6 });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toBe('请求内容超过 5 MB 上限，未做任何修改');
    const chunked = await send(port, { path: '/api/office.get', host, headers: { Cookie: cookie, 'Transfer-Encoding': 'chunked' }, chunks: 7 });
    expect(chunked.status).toBe(413);
    await stillAnswers();
  });
});

describe('DNS rebinding: only names of this server are answered', () => {
  it('refuses a foreign Host for the API, sign-in, first set-up and the page', async () => {
    const evil = `rebind.evil.example:${port}`;
    const setup = await send(port, { path: '/api/auth.setup', host: evil, chunks: 0 });
    expect(setup.status).toBe(421);
    expect(setup.body).toContain('拒绝访问');
    const login = await new Promise<Reply>((resolve, reject) => {
      const body = JSON.stringify({ username: 'admin', password: TEST_PASSWORD });
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/auth.login',
          method: 'POST',
          headers: { Host: evil, Origin: `http://${evil}`, 'Content-Type': 'application/json' },
        },
        (res) => {
          let b = '';
          res.on('data', (c) => (b += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: b }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(login.status).toBe(421);
    expect(login.body).not.toContain('sc_session');
    const page = await new Promise<number>((resolve) =>
      http.get({ host: '127.0.0.1', port, path: '/', headers: { Host: evil } }, (res) => resolve(res.statusCode!)),
    );
    expect(page).toBe(421);
  });

  it('answers loopback names, the configured office name and the machine’s own addresses', async () => {
    for (const name of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `zhihui.office.lan:${port}`]) {
      const status = await new Promise<number>((resolve) =>
        http.get({ host: '127.0.0.1', port, path: '/', headers: { Host: name } }, (res) => (res.resume(), resolve(res.statusCode!))),
      );
      expect(status, name).toBe(200);
    }
  });

  it('creates the first administrator only from the machine itself', async () => {
    const fresh = await openTestCore({ demoOnCreate: false, adminPassword: undefined });
    try {
      const input = { username: 'boss', displayName: '管理员', password: 'Long-enough-1' };
      const remote = await fresh.core.call('auth.setup', input, { client: '192.168.1.23', local: false });
      expect(remote.envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const local = await fresh.core.call('auth.setup', input, { client: '127.0.0.1', local: true });
      expect(local.envelope.ok).toBe(true);
    } finally {
      fresh.cleanup();
    }
  });
});
