import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type ErrorCode, methodNames } from '../../shared/api';
import type { Core } from '../core/core';
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
  INTERNAL: 500,
};

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

const fail = (res: http.ServerResponse, status: number, code: ErrorCode, message: string) =>
  reply(res, status, { ok: false, error: { code, message } });

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Browsers send Origin on POST; a page from another site must not drive the API. */
function sameOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The browser/LAN transport: POST /api/<method> for each method of the contract, and the
 * built renderer as static files. Routes are derived from the contract, not listed here.
 */
export function createHttpHandler(core: Core, staticDir: string) {
  const routes = new Map(methodNames.map((n) => [`/api/${n}`, n]));
  const indexHtml = path.join(staticDir, 'index.html');
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      const name = routes.get(url.pathname);
      if (!name) return fail(res, 404, 'UNKNOWN_METHOD', `未知的接口：${url.pathname.slice(5)}`);
      if (req.method !== 'POST') return fail(res, 405, 'BAD_REQUEST', '接口只接受 POST 请求');
      if (!sameOrigin(req)) return fail(res, 403, 'BAD_REQUEST', '拒绝来自其他网站的请求');
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return fail(res, 415, 'BAD_REQUEST', '请求格式必须是 JSON');
      }
      const text = await readBody(req);
      if (text === null) return fail(res, 413, 'BAD_REQUEST', `请求内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB 上限`);
      let input: unknown;
      try {
        input = text.trim() ? JSON.parse(text) : {};
      } catch {
        return fail(res, 400, 'BAD_REQUEST', '请求内容不是有效的 JSON');
      }
      const env = await core.call(name, input, req.socket.remoteAddress ?? 'unknown');
      return reply(res, env.ok ? 200 : STATUS[env.error.code], env);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'BAD_REQUEST', '不支持的请求方法');
    if (!fs.existsSync(indexHtml)) return fail(res, 503, 'INTERNAL', '界面尚未构建，请运行 npm run build');
    return sendStatic(req, res, staticDir, url.pathname, SECURITY_HEADERS);
  };
}

export function createHttpServer(core: Core, staticDir: string): http.Server {
  const handle = createHttpHandler(core, staticDir);
  return http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) fail(res, 500, 'INTERNAL', '服务器内部错误');
      else res.end();
    });
  });
}
