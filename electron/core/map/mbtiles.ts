import Database from 'better-sqlite3-multiple-ciphers';

/**
 * MBTiles (https://github.com/mapbox/mbtiles-spec): a plain SQLite file with
 * metadata(name, value) and tiles(zoom_level, tile_column, tile_row, tile_data). Rows are
 * TMS: row 0 is the south edge, so an XYZ request for y reads tile_row = 2^z - 1 - y.
 * Packs are opened read-only and without a key: they are the user's files, not the
 * office database.
 */

export const MAX_ZOOM = 22;
export type TileFormat = 'png' | 'jpg';

export interface MbtilesInfo {
  name: string | null;
  format: TileFormat;
  /** West, south, east, north. */
  bounds: [number, number, number, number] | null;
  minzoom: number;
  maxzoom: number;
  tiles: number;
}

/** A pack file and the format it declares (used when a tile's bytes do not say). */
export interface PackFile {
  file: string;
  format: TileFormat;
}

export interface Tile {
  bytes: Buffer;
  contentType: string;
}

/** A pack refused, with the reason in Chinese (the caller adds the file name). */
export class MbtilesError extends Error {
  override name = 'MbtilesError';
}

export const RASTER_ONLY = '只支持栅格瓦片（png/jpg）的 .mbtiles 文件';

/** True for z/x/y an XYZ tile can have (integers, z 0–22, x and y within 0..2^z-1). */
export function validTile(z: number, x: number, y: number): boolean {
  if (![z, x, y].every(Number.isSafeInteger) || z < 0 || z > MAX_ZOOM) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}

const CONTENT_TYPE: Record<TileFormat, string> = { png: 'image/png', jpg: 'image/jpeg' };

/** The image type from the first bytes; the pack's declared format when neither PNG nor JPEG. */
function sniff(bytes: Buffer): TileFormat | null {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return null;
}

function open(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // The file comes from outside: its views may not call anything but innocuous functions.
  db.pragma('trusted_schema = OFF');
  return db;
}

function hasColumns(db: Database.Database, table: string, columns: string[]): boolean {
  const kind = db.prepare("SELECT type FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')").get(table);
  if (!kind) return false;
  const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name.toLowerCase()));
  return columns.every((c) => have.has(c));
}

function parseFormat(db: Database.Database, declared: string | undefined): TileFormat {
  const f = declared?.trim().toLowerCase();
  if (f === 'png') return 'png';
  if (f === 'jpg' || f === 'jpeg') return 'jpg';
  if (f) throw new MbtilesError(`${RASTER_ONLY}，该文件的瓦片格式是“${declared!.trim().slice(0, 20)}”`);
  // Old (1.0) packs may not declare a format: look at one tile.
  const row = db.prepare('SELECT tile_data AS data FROM tiles WHERE tile_data IS NOT NULL LIMIT 1').get() as { data: unknown } | undefined;
  const sniffed = Buffer.isBuffer(row?.data) ? sniff(row.data) : null;
  if (!sniffed) throw new MbtilesError(`${RASTER_ONLY}，无法识别该文件的瓦片格式`);
  return sniffed;
}

function parseBounds(text: string | undefined): [number, number, number, number] | null {
  if (!text) return null;
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || !parts.every(Number.isFinite)) return null;
  const [w, s, e, n] = parts as [number, number, number, number];
  if (w < -180 || e > 180 || s < -90 || n > 90 || w >= e || s >= n) return null;
  return [w, s, e, n];
}

const tileToLng = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const tileToLat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The extent covered by the tiles of one zoom level, when the metadata gives none. */
function boundsFromTiles(db: Database.Database, z: number): [number, number, number, number] | null {
  const r = db
    .prepare('SELECT min(tile_column) AS x0, max(tile_column) AS x1, min(tile_row) AS r0, max(tile_row) AS r1 FROM tiles WHERE zoom_level = ?')
    .get(z) as { x0: number | null; x1: number | null; r0: number | null; r1: number | null };
  if (r.x0 === null || r.x1 === null || r.r0 === null || r.r1 === null) return null;
  const n = 2 ** z;
  // TMS rows: the highest row is the northernmost.
  const north = tileToLat(n - 1 - r.r1, z);
  const south = tileToLat(n - r.r0, z);
  return [round6(tileToLng(r.x0, z)), round6(south), round6(tileToLng(r.x1 + 1, z)), round6(north)];
}

const zoomOf = (v: string | undefined) => {
  const n = v === undefined ? NaN : Number(v.trim());
  return Number.isInteger(n) && n >= 0 && n <= MAX_ZOOM ? n : null;
};

/**
 * Checks that a file is a raster MBTiles pack and reads what the app shows about it.
 * Throws MbtilesError with a Chinese reason otherwise.
 */
export function inspectMbtiles(file: string): MbtilesInfo {
  let db: Database.Database;
  try {
    db = open(file);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw new MbtilesError('不是有效的 .mbtiles 文件（无法作为 SQLite 数据库打开，或文件已加密/损坏）');
  }
  try {
    if (!hasColumns(db, 'metadata', ['name', 'value'])) throw new MbtilesError('不是有效的 .mbtiles 文件：缺少 metadata 表');
    if (!hasColumns(db, 'tiles', ['zoom_level', 'tile_column', 'tile_row', 'tile_data'])) throw new MbtilesError('不是有效的 .mbtiles 文件：缺少 tiles 表');
    const meta = new Map<string, string>();
    for (const r of db.prepare('SELECT name, value FROM metadata').all() as { name: unknown; value: unknown }[]) {
      if (typeof r.name === 'string' && r.value !== null && r.value !== undefined) meta.set(r.name.toLowerCase(), String(r.value));
    }
    const format = parseFormat(db, meta.get('format'));
    const tiles = (db.prepare('SELECT count(*) AS n FROM tiles').get() as { n: number }).n;
    const span = db.prepare('SELECT min(zoom_level) AS lo, max(zoom_level) AS hi FROM tiles').get() as { lo: number | null; hi: number | null };
    const minzoom = zoomOf(meta.get('minzoom')) ?? span.lo ?? 0;
    const maxzoom = Math.max(minzoom, zoomOf(meta.get('maxzoom')) ?? span.hi ?? minzoom);
    const bounds = parseBounds(meta.get('bounds')) ?? (span.lo === null ? null : boundsFromTiles(db, span.lo));
    const name = meta.get('name')?.trim().slice(0, 100) || null;
    return { name, format, bounds, minzoom, maxzoom, tiles };
  } catch (e) {
    if (e instanceof MbtilesError) throw e;
    throw new MbtilesError(`不是有效的 .mbtiles 文件（读取失败：${(e as Error)?.message ?? e}）`);
  } finally {
    db.close();
  }
}

interface Handle {
  db: Database.Database;
  select: Database.Statement;
  format: TileFormat;
}

/**
 * Open read-only handles, one per pack file, kept while the packs are in use (a map view
 * asks for dozens of tiles at once). Close a file's handle before deleting it.
 */
export class MbtilesReader {
  private handles = new Map<string, Handle>();

  private handle(file: string, format: TileFormat): Handle {
    let h = this.handles.get(file);
    if (!h) {
      const db = open(file);
      const select = db.prepare('SELECT tile_data AS data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
      this.handles.set(file, (h = { db, select, format }));
    }
    return h;
  }

  /** The tile at XYZ z/x/y, or null when the pack has none there (or z/x/y cannot exist). */
  readTile(pack: PackFile, z: number, x: number, y: number): Tile | null {
    if (!validTile(z, x, y)) return null;
    const h = this.handle(pack.file, pack.format);
    const row = h.select.get(z, x, 2 ** z - 1 - y) as { data: unknown } | undefined;
    if (!row || !Buffer.isBuffer(row.data) || row.data.length === 0) return null;
    return { bytes: row.data, contentType: CONTENT_TYPE[sniff(row.data) ?? h.format] };
  }

  close(file: string): void {
    this.handles.get(file)?.db.close();
    this.handles.delete(file);
  }

  closeAll(): void {
    for (const file of [...this.handles.keys()]) this.close(file);
  }
}
