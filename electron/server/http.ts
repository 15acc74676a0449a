import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { api, type ErrorCode, methodNames } from '../../shared/api';
import { buildCsp } from '../../shared/domain/csp';
import type { SessionChange } from '../core/api/types';
import type { CoreApi } from '../core/registry/core';
import { isTilePath, parseTilePath } from '../core/map/tile-path';
import { hostCheck } from './host-check';
import { sendStatic } from './static';

/** Largest JSON body accepted; imports arrive as files, not through this route. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  IN_USE: 409,
  MIGRATION_FAILED: 500,
  KEY_INVALID: 500,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  LOCKED: 429,
  RECOVERY: 503,
  DISK_FULL: 507,
  READ_ONLY: 503,
  INTERNAL: 500,
};

/** Sent with every response; the CSP also names the online basemap's origin when one is configured. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': buildCsp(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function reply(res: http.ServerResponse, status: number, body: unknown, cookie?: string | null): void {
  const text = JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (cookie) headers['Set-Cookie'] = cookie;
  res.writeHead(status, headers);
  res.end(text);
}

const fail = (res: http.ServerResponse, status: number, code: ErrorCode, message: string) => reply(res, status, { ok: false, error: { code, message } });

export const SESSION_COOKIE = 'sc_session';

function readCookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

function sessionCookie(change: SessionChange, secure: boolean): string | null {
  const flags = `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  if (change.set) return `${SESSION_COOKIE}=${change.set}; ${flags}; Max-Age=${12 * 3600}`;
  if (change.clear) return `${SESSION_COOKIE}=; ${flags}; Max-Age=0`;
  return null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** After refusing a body, this much more is read and dropped so the client sees the reply; then the socket closes. */
const DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Replies before (or instead of) reading the body, then drops what the client is still
 * sending: reading nothing would leave a client stuck writing and it would see a reset
 * instead of the message.
 */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: { code: ErrorCode; message: string }): void {
  res.setHeader('Connection', 'close');
  reply(res, status, { ok: false, error });
  if (req.readableEnded) return;
  let dropped = 0;
  req.on('data', (c: Buffer) => {
    dropped += c.length;
    if (dropped > DRAIN_BYTES) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
}

/** The body's bytes, or null past the limit; never throws on size (a huge string would crash the process). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        req.off('data', onData);
        resolve(null);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (over) return;
      try {
        resolve(Buffer.concat(chunks));
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

/** Browsers send Origin on every POST; one missing or from another site is refused. */
function sameOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * GET /tiles/<pack>/<z>/<x>/<y>.<png|jpg>: a tile of an imported pack. The path is parsed
 * as sent (before any normalising of ../); the core decides on the session and the tile.
 */
async function sendTile(req: http.IncomingMessage, res: http.ServerResponse, core: CoreApi, rawPath: string): Promise<void> {
  const end = (status: number, body?: string) => {
    const headers: http.OutgoingHttpHeaders = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };
    if (body) headers['Content-Type'] = 'text/plain; charset=utf-8';
    res.writeHead(status, headers);
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return end(405, '不支持的请求方法');
  const t = parseTilePath(rawPath);
  if (!t) return end(400, '非法的瓦片地址');
  const reply = await core.tile(readCookie(req, SESSION_COOKIE), t.packId, t.z, t.x, t.y);
  if (reply.status !== 200) return end(reply.status);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': reply.contentType,
    'Content-Length': reply.bytes.length,
    'Cache-Control': 'private, max-age=86400',
  });
  res.end(req.method === 'HEAD' ? undefined : reply.bytes);
}

/**
 * The browser/LAN transport: POST /api/<method> for each method of the contract, GET
 * /tiles/… for imported tile packs, and the built renderer as static files. Routes are derived from the contract, not listed here.
 */
export function createHttpHandler(core: CoreApi, staticDir: string, secure = false, hostNames: string[] = []) {
  const hostAllowed = hostCheck(hostNames);
  const routes = new Map(methodNames.map((n) => [`/api/${n}`, n]));
  const indexHtml = path.join(staticDir, 'index.html');
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req.headers.host)) return fail(res, 421, 'BAD_REQUEST', '拒绝访问：地址不属于本服务器（请用本机地址或局域网地址打开）');
    if (url.pathname.startsWith('/api/')) {
      const name = routes.get(url.pathname);
      if (!name) return refuse(req, res, 404, { code: 'UNKNOWN_METHOD', message: `未知的接口：${url.pathname.slice(5)}` });
      if (req.method !== 'POST') return refuse(req, res, 405, { code: 'BAD_REQUEST', message: '接口只接受 POST 请求' });
      if (!sameOrigin(req)) return refuse(req, res, 403, { code: 'BAD_REQUEST', message: '拒绝来自其他网站的请求' });
      // A method that declares a binary field also takes the file itself as the body (no base64 in JSON).
      const binary = api[name].binary && /^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '') ? api[name].binary : null;
      if (!binary && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return refuse(req, res, 415, { code: 'BAD_REQUEST', message: '请求格式必须是 JSON' });
      }
      const address = req.socket.remoteAddress ?? 'unknown';
      const caller = { client: address, token: readCookie(req, SESSION_COOKIE), local: LOOPBACK.has(address) };
      // Session and permission first: a caller who may not call the method never gets a body read.
      const denied = await core.precheck(name, caller);
      if (denied) return refuse(req, res, STATUS[denied.code], denied);
      const limit = api[name].maxBodyBytes ?? MAX_BODY_BYTES;
      const tooLarge = { code: 'BAD_REQUEST' as const, message: `请求内容超过 ${Math.round(limit / 1024 / 1024)} MB 上限，未做任何修改` };
      if (Number(req.headers['content-length'] ?? 0) > limit) return refuse(req, res, 413, tooLarge);
      const body = await readBody(req, limit);
      if (body === null) return refuse(req, res, 413, tooLarge);
      let input: unknown;
      if (binary) input = { ...Object.fromEntries(url.searchParams), [binary]: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
      else {
        const text = body.toString('utf8');
        try {
          input = text.trim() ? JSON.parse(text) : {};
        } catch {
          return fail(res, 400, 'BAD_REQUEST', '请求内容不是有效的 JSON');
        }
      }
      const { envelope, session } = await core.call(name, input, caller);
      return reply(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope, sessionCookie(session, secure));
    }
    const rawPath = (req.url ?? '/').split('?')[0]!;
    if (isTilePath(rawPath) || isTilePath(url.pathname)) return sendTile(req, res, core, rawPath);
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'BAD_REQUEST', '不支持的请求方法');
    if (!fs.existsSync(indexHtml)) return fail(res, 503, 'INTERNAL', '界面尚未构建，请运行 npm run build');
    return sendStatic(req, res, staticDir, url.pathname, { ...SECURITY_HEADERS, 'Content-Security-Policy': buildCsp(core.imgOrigins()) });
  };
}

export interface TlsFiles {
  cert: string;
  key: string;
}

/** HTTPS when a certificate is given (LAN mode: passwords then never cross the network in clear). */
export function createHttpServer(core: CoreApi, staticDir: string, tls?: TlsFiles, hostNames: string[] = []): http.Server {
  const handle = createHttpHandler(core, staticDir, !!tls, hostNames);
  const listener: http.RequestListener = (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) fail(res, 500, 'INTERNAL', '服务器内部错误');
      else res.end();
    });
  };
  return tls ? https.createServer({ cert: fs.readFileSync(tls.cert), key: fs.readFileSync(tls.key) }, listener) : http.createServer(listener);
}
