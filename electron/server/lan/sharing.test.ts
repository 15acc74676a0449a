import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import type { LanStatusData } from '../../../shared/api/lan';
import { fileKeyStore } from '../../core/db/key';
import { openTestCore, type TestCore, TEST_PASSWORD } from '../../../test/helpers/sessions';
import { withLanControl } from './control';
import { LanSharing } from './sharing';

let t: TestCore;
let clock = new Date('2026-12-03T09:00:00Z');
let sharing: LanSharing;
let desktop: (name: string, input?: unknown) => Promise<Envelope>;
let staticDir: string;

/** A port nobody listens on now (and the next one, for the certificate's download page). */
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

interface Reply {
  status: number;
  body: { ok: boolean; data?: { username?: string }; error?: { code: string; message: string } };
  cookie: string | null;
}

/** POST over HTTPS trusting only `ca` (no system roots). */
function post(url: string, ca: string | undefined, method: string, input: unknown, cookie?: string): Promise<Reply> {
  const u = new URL(url);
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: u.hostname,
        port: u.port,
        path: `/api/${method}`,
        method: 'POST',
        ca: ca ? [ca] : [],
        agent: false,
        headers: { 'Content-Type': 'application/json', Origin: u.origin, ...(cookie ? { Cookie: cookie } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), cookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const status = async () => {
  const r = await desktop('lan.status');
  if (!r.ok) throw new Error(r.error.message);
  return r.data as LanStatusData;
};

beforeAll(async () => {
  t = await openTestCore({ now: () => clock });
  staticDir = path.join(t.root, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  sharing = new LanSharing(t.core, { dir: path.join(t.dataDir, 'lan'), caKeys: fileKeyStore(path.join(t.root, 'lan-ca.key')), staticDir: () => staticDir });
  const login = await t.core.call('auth.login', { username: 'admin', password: TEST_PASSWORD }, { client: 'desktop', local: true });
  const token = login.session.set!;
  // The window's core with whichever sharing instance is current (a test restarts it).
  desktop = (name, input = {}) =>
    withLanControl(t.core, sharing)
      .call(name, input, { client: 'desktop', token, local: true })
      .then((r) => r.envelope);
});

afterAll(async () => {
  await sharing.close();
  t.cleanup();
});

describe('设置 → 局域网共享', () => {
  let port: number;
  let url: string;
  let ca: string;

  it('starts HTTPS sharing through the settings API; a client trusting only the office CA connects', async () => {
    port = await freePort();
    const r = await desktop('lan.update', { enabled: true, port, iface: 'all', https: true });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const s = r.ok ? (r.data as LanStatusData) : null;
    expect(s?.running).toBe(true);
    expect(s?.error).toBeNull();
    url = s!.urls[0]!;
    expect(url).toMatch(new RegExp(`^https://[\\d.]+:${port}$`));
    expect(s!.ca!.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    ca = s!.ca!.pem;
    const me = await post(url, ca, 'auth.status', {});
    expect(me.status).toBe(200);
    expect(me.body.ok).toBe(true);
    // Without the office CA the same server is not trusted.
    await expect(post(url, undefined, 'auth.status', {})).rejects.toThrow(/self.signed|unable to (get|verify)/i);
  });

  it('signs a phone in with a one-time pairing code, once', async () => {
    const users = await desktop('users.list', { page: 1, pageSize: 50 });
    const zhihui = (users.ok ? (users.data as { rows: { id: number; username: string }[] }).rows : []).find((u) => u.username === 'zhihui')!;
    const made = await desktop('lan.pairingCreate', { userId: zhihui.id });
    expect(made.ok, JSON.stringify(made)).toBe(true);
    const pairing = made.ok ? (made.data as { url: string; code: string; expiresAt: string }) : null;
    expect(pairing!.url).toBe(`${url}/#/pair?code=${pairing!.code}`);
    expect(Date.parse(pairing!.expiresAt) - clock.getTime()).toBe(10 * 60_000);

    const first = await post(url, ca, 'auth.pair', { code: pairing!.code });
    expect(first.status).toBe(200);
    expect(first.body.data?.username).toBe('zhihui');
    const me = await post(url, ca, 'auth.me', {}, first.cookie!);
    expect(me.body.data?.username).toBe('zhihui');

    const again = await post(url, ca, 'auth.pair', { code: pairing!.code });
    expect(again.status).toBe(401);
    expect(again.body.error?.message).toContain('已使用过');
    expect(again.cookie).toBeNull();

    const devices = await status();
    expect(devices.clients.length).toBeGreaterThan(0);

    const logged = t.core.db
      .prepare("SELECT method, kind, client FROM audit_log WHERE method IN ('lan.update', 'lan.pairingCreate', 'auth.pair') ORDER BY id")
      .all();
    expect(logged).toEqual([
      { method: 'lan.update', kind: 'write', client: 'desktop' },
      { method: 'lan.pairingCreate', kind: 'write', client: 'desktop' },
      { method: 'auth.pair', kind: 'auth', client: expect.not.stringMatching(/^desktop$/) },
    ]);
    // A one-time code is a secret like a password: it never reaches the audit log.
    const details = (t.core.db.prepare('SELECT detail FROM audit_log WHERE detail IS NOT NULL').all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(details).not.toContain(pairing!.code);
  });

  it('refuses a pairing code after its 10 minutes, and a made-up one', async () => {
    const made = await desktop('lan.pairingCreate', { userId: 1 });
    const code = made.ok ? (made.data as { code: string }).code : '';
    clock = new Date(clock.getTime() + 10 * 60_000 + 1000);
    const late = await post(url, ca, 'auth.pair', { code });
    expect(late.status).toBe(401);
    expect(late.body.error?.message).toContain('已过期');
    const forged = await post(url, ca, 'auth.pair', { code: 'x'.repeat(22) });
    expect(forged.status).toBe(401);
  });

  it('lets only the desktop window change sharing or mint codes, and only for the administrator', async () => {
    const fromLan = await post(url, ca, 'auth.login', { username: 'admin', password: TEST_PASSWORD });
    for (const method of ['lan.update', 'lan.pairingCreate']) {
      const r = await post(url, ca, method, { enabled: false, port, iface: 'all', https: true, userId: 1 }, fromLan.cookie!);
      expect(r.status, method).toBe(403);
    }
    const seen = await post(url, ca, 'lan.status', {}, fromLan.cookie!);
    expect(seen.body.data).toMatchObject({ available: false, running: false, ca: null });
    const core = withLanControl(t.core, sharing);
    const login = await core.call('auth.login', { username: 'zhihui', password: TEST_PASSWORD }, { client: 'desktop', local: true });
    const r = await core.call('lan.update', { enabled: false, port, iface: 'all', https: true }, { client: 'desktop', token: login.session.set, local: true });
    expect(r.envelope.ok ? null : r.envelope.error.code).toBe('FORBIDDEN');
    expect((await status()).running).toBe(true);
  });

  it('serves the CA certificate and its install page over plain HTTP on the next port', async () => {
    const s = await status();
    const page = await fetch(s.ca!.downloadUrl!);
    expect(await page.text()).toContain(s.ca!.fingerprint);
    const cert = await fetch(new URL('/ca.crt', s.ca!.downloadUrl!));
    expect(cert.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    expect(await cert.text()).toBe(ca);
  });

  it('remembers the choice across restarts with the same CA, and stops on request', async () => {
    const before = (await status()).ca!.fingerprint;
    await sharing.close();
    await expect(post(url, ca, 'auth.status', {})).rejects.toThrow(/ECONNREFUSED/);
    sharing = new LanSharing(t.core, { dir: path.join(t.dataDir, 'lan'), caKeys: fileKeyStore(path.join(t.root, 'lan-ca.key')), staticDir: () => staticDir });
    const restored = await sharing.restore();
    expect(restored.running).toBe(true);
    expect(restored.ca!.fingerprint).toBe(before);
    expect((await post(url, ca, 'auth.status', {})).status).toBe(200);
    // The CA's private key is stored encrypted.
    const sealed = fs.readFileSync(path.join(t.dataDir, 'lan', 'ca-key.enc'), 'utf8');
    expect(sealed).not.toContain('PRIVATE KEY');

    const core = withLanControl(t.core, sharing);
    const login = await core.call('auth.login', { username: 'admin', password: TEST_PASSWORD }, { client: 'desktop', local: true });
    const off = await core.call(
      'lan.update',
      { enabled: false, port, iface: 'all', https: true },
      { client: 'desktop', token: login.session.set, local: true },
    );
    expect(off.envelope.ok && (off.envelope.data as LanStatusData).running).toBe(false);
    await expect(post(url, ca, 'auth.status', {})).rejects.toThrow(/ECONNREFUSED/);
  });

  it('says so in Chinese when the port is taken', async () => {
    const taken = http.createServer();
    const p = await freePort();
    await new Promise<void>((r) => taken.listen(p, '0.0.0.0', r));
    try {
      const r = await desktop('lan.update', { enabled: true, port: p, iface: 'all', https: true });
      const s = r.ok ? (r.data as LanStatusData) : null;
      expect(s?.running).toBe(false);
      expect(s?.error).toContain(`端口 ${p} 已被其他程序占用`);
    } finally {
      await desktop('lan.update', { enabled: false, port: p, iface: 'all', https: true });
      await new Promise((r) => taken.close(r));
    }
  });
});

describe('a new address', () => {
  it('gets a server certificate naming it, without a restart', async () => {
    let address = '127.0.0.2';
    const iface = () => ({ eth9: [{ address, family: 'IPv4' as const, internal: false, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: null }] });
    const moving = new LanSharing(t.core, {
      dir: path.join(t.root, 'lan-moving'),
      caKeys: fileKeyStore(path.join(t.root, 'lan-moving.key')),
      staticDir: () => staticDir,
      interfaces: iface,
      watchMs: 50,
    });
    try {
      const port = await freePort();
      const s = await moving.apply({ enabled: true, port, iface: 'all', https: true });
      expect(s.urls).toEqual([`https://127.0.0.2:${port}`]);
      // Trusting only the office CA, the certificate must name the address connected to.
      const handshake = (host: string) =>
        new Promise<void>((resolve, reject) => {
          const socket = tls.connect({ host, port, ca: [s.ca!.pem] }, () => {
            socket.end();
            resolve();
          });
          socket.on('error', reject);
        });
      await handshake('127.0.0.2');
      await expect(handshake('127.0.0.3')).rejects.toThrow(/IP: 127\.0\.0\.3 is not in the cert's list/);
      address = '127.0.0.3';
      await expect.poll(() => moving.status().urls, { timeout: 5000 }).toEqual([`https://127.0.0.3:${port}`]);
      await expect
        .poll(
          () =>
            handshake('127.0.0.3').then(
              () => 'trusted',
              (e: Error) => e.message,
            ),
          { timeout: 5000 },
        )
        .toBe('trusted');
    } finally {
      await moving.close();
    }
  });
});

describe('plain HTTP, when the administrator chooses it', () => {
  it('serves over HTTP and offers no certificate', async () => {
    const port = await freePort();
    const r = await desktop('lan.update', { enabled: true, port, iface: 'all', https: false });
    const s = r.ok ? (r.data as LanStatusData) : null;
    try {
      expect(s?.running).toBe(true);
      expect(s?.urls[0]).toMatch(new RegExp(`^http://[\\d.]+:${port}$`));
      expect(s?.ca).toBeNull();
      const res = await fetch(`${s!.urls[0]}/api/auth.status`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: s!.urls[0]! },
        body: '{}',
      });
      expect(res.status).toBe(200);
    } finally {
      await desktop('lan.update', { enabled: false, port, iface: 'all', https: false });
    }
  });
});
