import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { resolveInside } from '../core/kernel/paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * The real path of `file` when it is a regular file whose real location is inside root,
 * else null: a symlink in the built folder must not lead to the data or the key file.
 */
export function regularFileInside(root: string, file: string): string | null {
  try {
    const realRoot = fs.realpathSync(root);
    const real = fs.realpathSync(file);
    if (!real.startsWith(realRoot + path.sep)) return null;
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Serves a built file; unknown paths without an extension get index.html (the app's own routes). */
export function sendStatic(req: http.IncomingMessage, res: http.ServerResponse, root: string, urlPath: string, headers: Record<string, string>): void {
  const file = resolveInside(root, urlPath === '/' ? '/index.html' : urlPath);
  if (file === null) {
    res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('非法路径');
    return;
  }
  const notFound = () => {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('未找到');
  };
  let target = regularFileInside(root, file);
  if (target === null) {
    if (path.extname(urlPath)) return notFound();
    target = regularFileInside(root, path.join(root, 'index.html'));
    if (target === null) return notFound();
  }
  const type = TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  // Hashed assets never change; index.html must always be fresh after an update.
  const cache = target.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(target).pipe(res);
}
