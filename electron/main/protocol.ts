import fs from 'node:fs';
import path from 'node:path';
import type { Protocol, Session } from 'electron';
import { resolveInside } from '../server/static';
import { APP_SCHEME } from './window';

export const DESKTOP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer with a strict CSP; anything outside rendererDir is refused. */
export function appSchemeHandler(rendererDir: string) {
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    const file = resolveInside(rendererDir, pathname === '/' ? '/index.html' : pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('未找到', { status: 404 });
    const body = await fs.promises.readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': DESKTOP_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}

/** No remote content and no device permissions: the app is fully offline. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    // The dev server (electron-vite dev) is the one allowed exception.
    const dev = process.env.ELECTRON_RENDERER_URL;
    callback({ cancel: !(dev && details.url.startsWith(dev)) });
  });
}
