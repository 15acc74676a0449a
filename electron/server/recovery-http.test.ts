import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeyStore } from '../core/db/key';
import { DB_FILE } from '../core/db/open';
import { openCore } from '../core/registry/recovery-core';
import type { Core } from '../core/registry/core';
import { makeTempDir } from '../../test/helpers/temp-core';
import { signIn, TEST_PASSWORD, unwrap } from '../../test/helpers/sessions';
import { createHttpServer } from './http';

const open: { core: Core; server: http.Server }[] = [];
afterEach(async () => {
  for (const { core, server } of open.splice(0)) {
    await new Promise((r) => server.close(r));
    core.close();
  }
});

/** This machine's LAN address: a request to it arrives from a non-loopback address, as a colleague's would. */
const lanAddress = () =>
  Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)!.address;

describe('the recovery page in serve mode', () => {
  it('shows the backups and restores only for the machine itself; a LAN user sees why and nothing more', async () => {
    const root = makeTempDir();
    const opts = {
      dataDir: path.join(root, 'data'),
      keyStore: fileKeyStore(path.join(root, 'db.key')),
      demoOnCreate: false,
      transport: 'http' as const,
      adminPassword: TEST_PASSWORD,
    };
    const first = await openCore(opts);
    unwrap(await (await signIn(first, 'admin'))('system.backupNow'));
    first.close();
    fs.writeFileSync(path.join(opts.dataDir, DB_FILE), '');

    const core = await openCore(opts);
    const staticDir = path.join(root, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
    const server = createHttpServer(core, staticDir);
    open.push({ core, server });
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    const port = (server.address() as AddressInfo).port;
    const post = async (host: string, method: string, body: unknown = {}) => {
      const base = `http://${host}:${port}`;
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base },
        body: JSON.stringify(body),
      });
      return {
        status: res.status,
        body: (await res.json()) as { ok: boolean; data?: { local: boolean; backups: { file: string }[] }; error?: { code: string; message: string } },
      };
    };

    const signInPage = await post('127.0.0.1', 'auth.status');
    expect(signInPage).toMatchObject({ status: 503, body: { ok: false, error: { code: 'RECOVERY', message: expect.stringContaining('0 字节') } } });

    const lan = lanAddress();
    const remote = await post(lan, 'recovery.status');
    expect(remote.body).toMatchObject({ ok: true, data: { problem: 'missing', local: false, backups: [], dataDir: null } });
    const local = await post('127.0.0.1', 'recovery.status');
    expect(local.body.data!.local).toBe(true);
    const newest = local.body.data!.backups[0]!.file;
    expect(await post(lan, 'recovery.restore', { backup: newest })).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } });
    expect(fs.statSync(path.join(opts.dataDir, DB_FILE)).size).toBe(0);

    expect(await post('127.0.0.1', 'recovery.restore', { backup: newest })).toMatchObject({ status: 200, body: { ok: true } });
    // The same server now serves the office: a LAN colleague signs in as usual.
    expect(await post(lan, 'auth.login', { username: 'admin', password: TEST_PASSWORD })).toMatchObject({ status: 200, body: { ok: true } });
  });
});
