import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore, TEST_PASSWORD } from '../../test/helpers/sessions';
import { createHttpServer, MAX_BODY_BYTES } from './http';

let dir: string;
let t: TestCore;
let cookie: string;
let server: http.Server;
let port: number;
let base: string;

beforeAll(async () => {
  t = await openTestCore({ demoOnCreate: false });
  dir = t.root;
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  server = createHttpServer(t.core, staticDir);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});

const json = () => ({ 'Content-Type': 'application/json', Origin: base, Cookie: cookie });

afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

/** Raw request so the path is sent exactly as written (fetch would normalise ../). */
function raw(pathname: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

describe('LAN server', () => {
  it('serves the app with security headers', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('街道防控指挥台');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('names the configured online basemap in the page CSP, and nothing else', async () => {
    const set = (body: unknown) => fetch(`${base}/api/map.setBasemap`, { method: 'POST', headers: json(), body: JSON.stringify(body) });
    expect((await set({ source: 'online', url: 'https://tiles.example.cn/{z}/{x}/{y}.png' })).status).toBe(200);
    expect((await fetch(`${base}/`)).headers.get('content-security-policy')).toContain("img-src 'self' data: blob: https://tiles.example.cn;");
    expect((await set({ source: 'none' })).status).toBe(200);
    expect((await fetch(`${base}/`)).headers.get('content-security-policy')).toContain("img-src 'self' data: blob:;");
  });

  it('falls back to index.html for app routes but 404s missing assets', async () => {
    expect((await fetch(`${base}/places`)).status).toBe(200);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
  });

  it('never serves files outside the built renderer', async () => {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await raw(p);
      expect(res.body, p).not.toContain('TOP-SECRET');
    }
  });

  it('answers API calls with the envelope and Chinese errors', async () => {
    const ok = await fetch(`${base}/api/office.get`, { method: 'POST', headers: json(), body: '{}' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    const bad = await fetch(`${base}/api/office.update`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ name: '', kind: 'community', divisionCode: '12' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('请填写街道名称');
    const anonymous = await fetch(`${base}/api/office.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  it('refuses GET, non-JSON, cross-site and oversized requests', async () => {
    expect((await fetch(`${base}/api/office.get`)).status).toBe(405);
    const form = await fetch(`${base}/api/office.get`, { method: 'POST', headers: { ...json(), 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const cross = await fetch(`${base}/api/office.get`, {
      method: 'POST',
      headers: { ...json(), Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    const noOrigin = await fetch(`${base}/api/office.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    const big = await fetch(`${base}/api/office.get`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES + 10) }),
    }).catch(() => null);
    expect(big === null || big.status === 413).toBe(true);
    const broken = await fetch(`${base}/api/office.get`, { method: 'POST', headers: json(), body: '{"a":' });
    expect(broken.status).toBe(400);
  });

  it('serves HTTPS with a Secure session cookie when given a certificate', async () => {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], {
      stdio: 'ignore',
    });
    const tls = createHttpServer(t.core, path.join(dir, 'static'), { cert, key });
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    const tlsPort = (tls.address() as AddressInfo).port;
    const origin = `https://127.0.0.1:${tlsPort}`;
    const res = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: tlsPort,
          path: '/api/auth.login',
          method: 'POST',
          rejectUnauthorized: false,
          headers: { 'Content-Type': 'application/json', Origin: origin, Host: `127.0.0.1:${tlsPort}` },
        },
        (r) => {
          r.resume();
          r.on('end', () => resolve({ status: r.statusCode!, cookie: String(r.headers['set-cookie'] ?? '') }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ username: 'admin', password: TEST_PASSWORD }));
    });
    await new Promise((r) => tls.close(r));
    expect(res.status).toBe(200);
    expect(res.cookie).toMatch(/HttpOnly; SameSite=Strict; Secure/);
  });
});
