import fs from 'node:fs';
import path from 'node:path';
import type { Protocol, Session } from 'electron';
import type { TileReply } from '../core/map/packs';
import { isTilePath, parseTilePath, type TileRequest } from '../core/map/tile-path';
import { resolveInside } from '../core/kernel/paths';
import { regularFileInside } from '../server/static';
import { buildCsp } from '../../shared/domain/csp';
import { APP_SCHEME } from './window';

export const DESKTOP_CSP = buildCsp();

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Must run before app 'ready': app:// behaves like https (secure, standard origin). */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** A tile for the window's session (see Core.tile); the default has none. */
export type TileSource = (t: TileRequest) => TileReply | Promise<TileReply>;

/** app://street-command/tiles/<pack>/<z>/<x>/<y>.<png|jpg>, answered like the LAN server's route. */
async function tileResponse(pathname: string, tiles: TileSource): Promise<Response> {
  const t = parseTilePath(pathname);
  if (!t) return new Response('非法的瓦片地址', { status: 400 });
  const reply = await tiles(t);
  if (reply.status !== 200) return new Response(null, { status: reply.status, headers: { 'Cache-Control': 'no-store' } });
  return new Response(new Uint8Array(reply.bytes), {
    headers: { 'Content-Type': reply.contentType, 'Cache-Control': 'private, max-age=86400', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * Serves the built renderer with a strict CSP (anything outside rendererDir is refused)
 * and the tiles of imported packs under /tiles/.
 */
export function appSchemeHandler(rendererDir: string, imgOrigins: () => string[] = () => [], tiles: TileSource = () => ({ status: 401 })) {
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (isTilePath(pathname)) return tileResponse(pathname, tiles);
    const inside = resolveInside(rendererDir, pathname === '/' ? '/index.html' : pathname);
    const file = inside && regularFileInside(rendererDir, inside);
    if (!file) return new Response('未找到', { status: 404 });
    const body = await fs.promises.readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': buildCsp(imgOrigins()),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}

/** True when url's origin is one of the allowed ones (an entry may be https://*.example.cn). */
export function originAllowed(url: string, allowed: string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return allowed.some((a) => {
    const m = /^(https?:)\/\/(\*\.)?(.+)$/.exec(a);
    if (!m || m[1] !== u.protocol) return false;
    return m[2] ? u.host.endsWith(`.${m[3]}`) : u.host === m[3];
  });
}

/**
 * No remote content and no device permissions: the app is offline except for the one
 * basemap server an administrator configured (and the dev server in development).
 */
export function hardenSession(session: Session, imgOrigins: () => string[] = () => []): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    const dev = process.env.ELECTRON_RENDERER_URL;
    const basemapTile = details.resourceType === 'image' && originAllowed(details.url, imgOrigins());
    callback({ cancel: !((dev && details.url.startsWith(dev)) || basemapTile) });
  });
}
