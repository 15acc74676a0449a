import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Envelope } from '../../shared/api';
import type { CoreOptions } from '../../electron/core/registry/core';
import { createHttpServer } from '../../electron/server/http';
import { openTestCore, type TestCore, TEST_PASSWORD } from './sessions';

export interface HttpReply<T = unknown> {
  status: number;
  body: T;
  /** The `name=value` part of a Set-Cookie header, when one was sent. */
  cookie: string | null;
  headers: http.IncomingHttpHeaders;
}

export interface HttpOffice {
  t: TestCore;
  base: string;
  port: number;
  /** The folder served as the built renderer (holds index.html and assets/). */
  staticDir: string;
  /**
   * POST /api/<name> as a browser would. `from` is the client's own address: 127.0.0.1 is
   * the server's machine itself; 127.0.0.2, .3 … reach it as if from other office PCs.
   */
  post<T = Envelope>(name: string, body: unknown, opts?: { cookie?: string | null; from?: string }): Promise<HttpReply<T>>;
  /** GET a path exactly as written (no ../ normalising). */
  get(pathname: string, opts?: { cookie?: string | null }): Promise<HttpReply<string>>;
  /** Signs in and returns the session cookie, failing the test otherwise. */
  login(username: string, password?: string, from?: string): Promise<string>;
  close(): Promise<void>;
}

/** A real office database behind the real LAN server on a random port of 127.0.0.1. */
export async function openHttpOffice(opts: Partial<CoreOptions> = {}): Promise<HttpOffice> {
  const t = await openTestCore(opts);
  const staticDir = path.join(t.root, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  const server = createHttpServer(t.core, staticDir);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  const request = <T>(method: string, pathname: string, body: string | null, cookie: string | null | undefined, from: string, json: boolean) =>
    new Promise<HttpReply<T>>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { Host: `127.0.0.1:${port}` };
      if (body !== null) Object.assign(headers, { 'Content-Type': 'application/json', Origin: base, 'Content-Length': Buffer.byteLength(body) });
      if (cookie) headers.Cookie = cookie;
      const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers, localAddress: from }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const set = res.headers['set-cookie']?.[0];
          resolve({ status: res.statusCode!, body: (json ? JSON.parse(text) : text) as T, cookie: set ? set.split(';')[0]! : null, headers: res.headers });
        });
      });
      req.on('error', reject);
      req.end(body ?? undefined);
    });

  const post: HttpOffice['post'] = (name, body, o = {}) => request('POST', `/api/${name}`, JSON.stringify(body), o.cookie, o.from ?? '127.0.0.1', true);
  return {
    t,
    base,
    port,
    staticDir,
    post,
    get: (pathname, o = {}) => request<string>('GET', pathname, null, o.cookie, '127.0.0.1', false),
    login: async (username, password = TEST_PASSWORD, from = '127.0.0.1') => {
      const r = await post('auth.login', { username, password }, { from });
      if (r.status !== 200 || !r.cookie) throw new Error(`sign-in as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.cookie;
    },
    close: async () => {
      await new Promise((r) => server.close(r));
      t.cleanup();
    },
  };
}
