import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { MAX_TILE_PACK_BYTES, TilePack, TOO_LARGE_MESSAGE } from '../../../shared/api/map-tiles';
import type { TilePackStore } from '../api/types';
import { inspectMbtiles, type MbtilesInfo, MbtilesError, MbtilesReader, type Tile, validTile } from './mbtiles';

export type TilePackEntry = z.output<typeof TilePack>;

/** What a transport sends for a tile request: the tile, or the status to answer with. */
export type TileReply = ({ status: 200 } & Tile) | { status: 401 | 403 | 404 };

/** Where imported packs live: <dataDir>/tiles/<id>.mbtiles, listed in <dataDir>/tiles/index.json. */
export const tilesDir = (dataDir: string) => path.join(dataDir, 'tiles');
const INDEX = 'index.json';
const SIDE_FILES = ['-wal', '-shm', '-journal'];

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The upload is the main file only. A WAL-mode header would make even a read-only open
 * create -wal/-shm files beside our copy; switch the copy to rollback mode (bytes 18–19
 * = 1, what `journal_mode = DELETE` writes), which reads the same pages.
 */
function toRollbackJournal(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const head = Buffer.alloc(20);
    if (fs.readSync(fd, head, 0, 20, 0) === 20 && head.subarray(0, 16).equals(SQLITE_MAGIC) && (head[18] === 2 || head[19] === 2)) {
      fs.writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function removeFile(file: string): void {
  for (const ext of ['', ...SIDE_FILES]) fs.rmSync(`${file}${ext}`, { force: true });
}

/**
 * The imported tile packs of one data directory. The index is read once (a core
 * restart reads it again) and rewritten atomically on every change; tiles are read
 * through cached read-only handles.
 */
export class TilePacks implements TilePackStore {
  private packs: TilePackEntry[];
  private readonly reader = new MbtilesReader();

  constructor(readonly dir: string) {
    // Leftovers of an import or index write cut short (power loss, crash).
    if (fs.existsSync(dir))
      for (const f of fs.readdirSync(dir)) if (/\.partial(-wal|-shm|-journal)?$|^index\.json\.\d+\.tmp$/.test(f)) fs.rmSync(path.join(dir, f), { force: true });
    this.packs = this.readIndex();
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}.mbtiles`);
  }

  private entry(id: string, fileName: string, info: MbtilesInfo, size: number, importedAt: string): TilePackEntry {
    const { name, ...rest } = info;
    return { id, name: name ?? (fileName.replace(/\.mbtiles$/i, '') || id), fileName, ...rest, size, importedAt };
  }

  /** index.json, or — when it is missing or unreadable but packs are there — the packs found in the folder. */
  private readIndex(): TilePackEntry[] {
    const indexFile = path.join(this.dir, INDEX);
    if (fs.existsSync(indexFile)) {
      try {
        const parsed = z.array(TilePack).safeParse(JSON.parse(fs.readFileSync(indexFile, 'utf8')));
        if (parsed.success) return parsed.data.filter((p) => fs.existsSync(this.fileOf(p.id)));
      } catch {
        // Rebuilt from the files below.
      }
      console.error('[tiles] index.json is unreadable; rebuilding it from the pack files');
    }
    if (!fs.existsSync(this.dir)) return [];
    const found: TilePackEntry[] = [];
    for (const f of fs.readdirSync(this.dir)) {
      const m = /^([a-z0-9]{1,32})\.mbtiles$/.exec(f);
      if (!m) continue;
      const file = path.join(this.dir, f);
      try {
        const stat = fs.statSync(file);
        found.push(this.entry(m[1]!, f, inspectMbtiles(file), stat.size, stat.mtime.toISOString()));
      } catch {
        // Not a usable pack: left alone, not listed.
      }
    }
    if (found.length) this.writeIndex(found);
    return found;
  }

  private writeIndex(packs: TilePackEntry[]): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const target = path.join(this.dir, INDEX);
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(packs, null, 2));
    fs.renameSync(tmp, target);
  }

  list(): TilePackEntry[] {
    return this.packs.map((p) => ({ ...p }));
  }

  get(id: string): TilePackEntry | null {
    return this.packs.find((p) => p.id === id) ?? null;
  }

  /**
   * Checks the file, copies it in as <id>.mbtiles and lists it. Synchronous on purpose:
   * two imports cannot interleave their index updates. Throws a Chinese VALIDATION
   * error naming the file when it is not a raster pack.
   */
  import(fileName: string, bytes: Buffer, now: Date): TilePackEntry {
    if (bytes.length > MAX_TILE_PACK_BYTES) throw new ApiError('VALIDATION', TOO_LARGE_MESSAGE);
    fs.mkdirSync(this.dir, { recursive: true });
    let id: string;
    do id = crypto.randomBytes(5).toString('hex');
    while (this.get(id) || fs.existsSync(this.fileOf(id)));
    const file = this.fileOf(id);
    const partial = `${file}.partial`;
    let info: MbtilesInfo;
    try {
      fs.writeFileSync(partial, bytes);
      toRollbackJournal(partial);
      info = inspectMbtiles(partial);
      fs.renameSync(partial, file);
    } catch (e) {
      if (e instanceof MbtilesError) throw new ApiError('VALIDATION', `无法导入“${fileName}”：${e.message}`);
      throw e;
    } finally {
      removeFile(partial);
    }
    const pack = this.entry(id, fileName, info, bytes.length, now.toISOString());
    try {
      this.writeIndex([...this.packs, pack]);
    } catch (e) {
      removeFile(file);
      throw e;
    }
    this.packs = [...this.packs, pack];
    return { ...pack };
  }

  /** Unlists the pack and deletes its file; false when there is no such pack. */
  remove(id: string): boolean {
    if (!this.get(id)) return false;
    const rest = this.packs.filter((p) => p.id !== id);
    this.writeIndex(rest);
    this.packs = rest;
    const file = this.fileOf(id);
    this.reader.close(file);
    removeFile(file);
    return true;
  }

  /** The tile at XYZ z/x/y of a listed pack, or null (unknown pack, no tile there, unreadable file). */
  tile(id: string, z: number, x: number, y: number): Tile | null {
    const pack = this.get(id);
    if (!pack || !validTile(z, x, y)) return null;
    const file = this.fileOf(id);
    try {
      return this.reader.readTile({ file, format: pack.format }, z, x, y);
    } catch (e) {
      console.error(`[tiles] reading pack ${id} failed: ${(e as Error)?.message ?? e}`);
      this.reader.close(file);
      return null;
    }
  }

  close(): void {
    this.reader.closeAll();
  }
}
