import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LanStatusData } from '../../shared/api/lan';
import { openTestCore, type TestCore, TEST_PASSWORD } from '../../test/helpers/sessions';
import { desktopLanSharing } from './lan';

/** A stand-in for Electron's safeStorage: reversible, but never the plain text. */
const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
  decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
};

let t: TestCore;
let lan: ReturnType<typeof desktopLanSharing>;

beforeAll(async () => {
  t = await openTestCore();
  const rendererDir = path.join(t.root, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  lan = desktopLanSharing(t.core, t.dataDir, fakeSafeStorage, rendererDir);
});

afterAll(async () => {
  await lan.sharing.close();
  t.cleanup();
});

it('the desktop window switches sharing on; the CA key is sealed under a key only safeStorage can read; the pages are served over HTTPS', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const login = await lan.windowCore.call('auth.login', { username: 'admin', password: TEST_PASSWORD }, { client: 'desktop', local: true });
  const r = await lan.windowCore.call(
    'lan.update',
    { enabled: true, port, iface: 'all', https: true },
    { client: 'desktop', token: login.session.set, local: true },
  );
  const s = (r.envelope.ok ? r.envelope.data : null) as LanStatusData;
  expect(s.running).toBe(true);

  const wrapped = fs.readFileSync(path.join(t.dataDir, 'lan-ca-key.bin'));
  const wrapKey = fakeSafeStorage.decryptString(wrapped);
  expect(wrapKey).toMatch(/^[0-9a-f]{64}$/);
  expect(wrapped.toString()).not.toContain(wrapKey);
  expect(fs.readFileSync(path.join(t.dataDir, 'lan', 'ca-key.enc'), 'utf8')).not.toContain(wrapKey);

  const page = await new Promise<string>((resolve, reject) => {
    https
      .get(`${s.urls[0]}/`, { ca: [s.ca!.pem], agent: false }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
  expect(page).toContain('街道防控指挥台');
});
