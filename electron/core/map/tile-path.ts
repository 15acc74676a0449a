import { validTile } from './mbtiles';

/**
 * The URL both transports serve imported tiles at: tiles/<pack>/<z>/<x>/<y>.<png|jpg>
 * (relative to the page, so the renderer's Leaflet URL is the same in the browser and in
 * Electron). The extension is not checked against the pack: the reply carries the real type.
 */
export interface TileRequest {
  packId: string;
  z: number;
  x: number;
  y: number;
}

/** True for any path under /tiles: such a path is a tile request or an error, never a page. */
export const isTilePath = (pathname: string) => pathname === '/tiles' || pathname.startsWith('/tiles/');

const TILE_PATH = /^\/tiles\/([a-z0-9]{1,32})\/(0|[1-9]\d{0,1})\/(0|[1-9]\d{0,6})\/(0|[1-9]\d{0,6})\.(?:png|jpg)$/;

/**
 * Parses the path exactly as sent (no decoding, no normalising): plain decimal integers
 * without leading zeros, z 0–22, x and y within 0..2^z-1. Null for anything else.
 */
export function parseTilePath(pathname: string): TileRequest | null {
  const m = TILE_PATH.exec(pathname);
  if (!m) return null;
  const [z, x, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return validTile(z, x, y) ? { packId: m[1]!, z, x, y } : null;
}
