import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TILE_PACK_BYTES } from '../../../shared/api/map-tiles';
import { areaPack, makeMbtiles } from '../../../test/fixtures/map/make-mbtiles';
import { type Call, openTestCore, signInAs, type TestCore, TEST_PASSWORD, unwrap } from '../../../test/helpers/sessions';
import { createCore } from '../registry/core';
import { fileKeyStore } from '../db/key';
import { createHttpServer } from '../../server/http';
import { TilePacks, tilesDir } from './packs';
import { parseTilePath } from './tile-path';

type Pack = {
  id: string;
  name: string;
  fileName: string;
  format: string;
  bounds: number[] | null;
  minzoom: number;
  maxzoom: number;
  tiles: number;
  size: number;
  importedAt: string;
};

let t: TestCore;
let admin: Call & { token: string };
let server: http.Server;
let port: number;
let base: string;
let cookie: string;
let fixtures: string;

beforeAll(async () => {
  t = await openTestCore();
  admin = await signInAs(t.core, 'admin');
  fixtures = path.join(t.root, 'fixtures');
  const staticDir = path.join(t.root, 'static');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  fs.writeFileSync(path.join(t.dataDir, 'secret.txt'), 'TOP-SECRET');
  server = createHttpServer(t.core, staticDir);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

const fixture = (name: string) => path.join(fixtures, name);
const importFile = (fileName: string, file: string, call: Call = admin) => call('tiles.import', { fileName, base64: fs.readFileSync(file).toString('base64') });
const tile = (p: string, withCookie = true) => fetch(`${base}${p}`, { headers: withCookie ? { Cookie: cookie } : {} });

/** Raw request so the path is sent exactly as written (fetch would normalise ../). */
function raw(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, headers: { Cookie: cookie } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

describe('offline tile packs (.mbtiles)', () => {
  let pack: Pack;
  let made: ReturnType<typeof makeMbtiles>;

  beforeAll(async () => {
    made = makeMbtiles(fixture('city.mbtiles'), {
      name: '城区底图',
      bounds: [115.5, 34.3, 115.8, 34.5],
      minzoom: 0,
      maxzoom: 2,
      tiles: [
        { z: 0, x: 0, y: 0, color: [200, 220, 200] },
        { z: 2, x: 1, y: 0, color: [255, 0, 0] },
        { z: 2, x: 1, y: 3, color: [0, 0, 255] },
        { z: 2, x: 3, y: 1, color: '#00ff00' },
      ],
    });
    pack = unwrap<Pack>(await importFile('城区.mbtiles', made.file));
  });

  it('imports a pack into <dataDir>/tiles and lists it with what its metadata says', async () => {
    expect(pack).toMatchObject({
      name: '城区底图',
      fileName: '城区.mbtiles',
      format: 'png',
      bounds: [115.5, 34.3, 115.8, 34.5],
      minzoom: 0,
      maxzoom: 2,
      tiles: 4,
    });
    expect(pack.id).toMatch(/^[a-z0-9]+$/);
    expect(pack.size).toBe(fs.statSync(made.file).size);
    const stored = path.join(tilesDir(t.dataDir), `${pack.id}.mbtiles`);
    expect(fs.readFileSync(stored).equals(fs.readFileSync(made.file))).toBe(true);
    expect(unwrap<Pack[]>(await admin('tiles.list'))).toEqual([pack]);
    const index = JSON.parse(fs.readFileSync(path.join(tilesDir(t.dataDir), 'index.json'), 'utf8'));
    expect(index).toEqual([pack]);
    // Only the pack and its index: no temporary or journal files left behind.
    expect(fs.readdirSync(tilesDir(t.dataDir)).sort()).toEqual([`${pack.id}.mbtiles`, 'index.json'].sort());
    // Every role that sees the map may list the packs.
    expect(unwrap<Pack[]>(await (await signInAs(t.core, 'viewer'))('tiles.list'))).toHaveLength(1);
  });

  it('serves a tile over HTTP with its exact bytes and headers', async () => {
    const res = await tile(`/tiles/${pack.id}/0/0/0.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(Buffer.from(await res.arrayBuffer()).equals(made.bytes.get('0/0/0')!)).toBe(true);
    // The same tile under .jpg: the reply carries the real type.
    expect((await tile(`/tiles/${pack.id}/0/0/0.jpg`)).headers.get('content-type')).toBe('image/png');
    const head = await fetch(`${base}/tiles/${pack.id}/0/0/0.png`, { method: 'HEAD', headers: { Cookie: cookie } });
    expect(head.status).toBe(200);
  });

  it('flips XYZ rows to the TMS rows MBTiles stores (tile_row = 2^z - 1 - y)', async () => {
    const db = new Database(made.file, { readonly: true });
    const stored = (z: number, x: number, row: number) =>
      (db.prepare('SELECT tile_data AS d FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').get(z, x, row) as { d: Buffer }).d;
    try {
      for (const [x, y, row] of [
        [1, 0, 3],
        [1, 3, 0],
        [3, 1, 2],
      ] as const) {
        const res = await tile(`/tiles/${pack.id}/2/${x}/${y}.png`);
        expect(res.status, `2/${x}/${y}`).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(stored(2, x, row)), `2/${x}/${y} is row ${row}`).toBe(true);
      }
    } finally {
      db.close();
    }
    // Red was made for XYZ y=0 (the north), blue for y=3.
    expect(Buffer.from(await (await tile(`/tiles/${pack.id}/2/1/0.png`)).arrayBuffer()).equals(made.bytes.get('2/1/0')!)).toBe(true);
    expect(made.bytes.get('2/1/0')!.equals(made.bytes.get('2/1/3')!)).toBe(false);
  });

  it('answers 404 with an empty body for a tile the pack lacks or a pack that does not exist', async () => {
    for (const p of [`/tiles/${pack.id}/2/0/0.png`, `/tiles/${pack.id}/5/0/0.png`, '/tiles/nosuchpack/0/0/0.png']) {
      const res = await tile(p);
      expect(res.status, p).toBe(404);
      expect((await res.arrayBuffer()).byteLength, p).toBe(0);
    }
  });

  it('answers 401 without a session or with a revoked one, for existing and missing packs alike', async () => {
    expect((await tile(`/tiles/${pack.id}/0/0/0.png`, false)).status).toBe(401);
    expect((await tile('/tiles/nosuchpack/0/0/0.png', false)).status).toBe(401);
    const res = await fetch(`${base}/tiles/${pack.id}/0/0/0.png`, { headers: { Cookie: 'sc_session=forged' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const viewer = await signInAs(t.core, 'viewer');
    expect(t.core.tile(viewer.token, pack.id, 0, 0, 0).status).toBe(200);
    unwrap(await viewer('auth.logout'));
    expect(t.core.tile(viewer.token, pack.id, 0, 0, 0).status).toBe(401);
  });

  it('refuses malformed tile paths with 400 and never serves a file outside', async () => {
    const bad = [
      '/tiles/abc/1/99/0.png',
      '/tiles/../x',
      '/tiles/../secret.txt',
      `/tiles/${pack.id}/../../secret.txt`,
      `/tiles/${pack.id}/../index.json`,
      '/tiles/..%2f..%2fsecret.txt',
      `/tiles/${pack.id}/0/0/0.5.png`,
      `/tiles/${pack.id}/1.0/0/0.png`,
      `/tiles/${pack.id}/01/0/0.png`,
      `/tiles/${pack.id}/1/-1/0.png`,
      `/tiles/${pack.id}/1/0/2.png`,
      `/tiles/${pack.id}/23/0/0.png`,
      `/tiles/${pack.id}/1e1/0/0.png`,
      `/tiles/${pack.id}/0/0/0.gif`,
      `/tiles/${pack.id}/0/0/0`,
      `/tiles/${pack.id.toUpperCase()}/0/0/0.png`,
      `/tiles/${pack.id}/0/0/0.png/`,
      '/tiles/',
      '/tiles',
    ];
    for (const p of bad) {
      const res = await raw(p);
      expect([400, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain('TOP-SECRET');
      expect(res.body, p).not.toContain('index.json');
      expect(res.body, p).not.toContain('街道防控指挥台');
    }
    expect((await raw('/tiles/abc/1/99/0.png')).status).toBe(400);
    expect((await raw('/tiles/../x')).status).toBe(400);
  });

  it('parses tile paths strictly', () => {
    expect(parseTilePath('/tiles/ab12/22/4194303/0.jpg')).toEqual({ packId: 'ab12', z: 22, x: 4194303, y: 0 });
    expect(parseTilePath('/tiles/ab12/22/4194304/0.jpg')).toBeNull();
    expect(parseTilePath('/tiles/ab12/0/0/0.png?x')).toBeNull();
    expect(parseTilePath('/tiles/ab-12/0/0/0.png')).toBeNull();
  });

  it('an imported pack becomes the basemap; an unknown one cannot', async () => {
    expect(unwrap(await admin('map.setBasemap', { source: `pack:${pack.id}` }))).toMatchObject({ source: `pack:${pack.id}` });
    const refused = await admin('map.setBasemap', { source: 'pack:nosuchpack' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('离线瓦片包不存在') } });
    unwrap(await admin('map.setBasemap', { source: 'none' }));
  });

  it('only an administrator imports or removes packs; the audit log names the file, not its contents', async () => {
    const command = await signInAs(t.core, 'command');
    expect(await importFile('x.mbtiles', made.file, command)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await command('tiles.remove', { id: pack.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const log = t.core.db.prepare("SELECT detail FROM audit_log WHERE method = 'tiles.import' AND kind = 'write' ORDER BY id DESC LIMIT 1").get() as {
      detail: string;
    };
    expect(JSON.parse(log.detail).fileName).toBe('城区.mbtiles');
    expect(log.detail.length).toBeLessThan(500);
  });
});

describe('packs the app refuses, in Chinese, naming the file', () => {
  it('a file that is not SQLite at all', async () => {
    fs.mkdirSync(fixtures, { recursive: true });
    fs.writeFileSync(fixture('notes.txt'), '这不是瓦片包'.repeat(100));
    const res = await importFile('notes.txt', fixture('notes.txt'));
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!res.ok && res.error.message).toMatch(/^无法导入“notes\.txt”：不是有效的 \.mbtiles 文件/);
  });

  it('a SQLite file without the MBTiles tables', async () => {
    const db = new Database(fixture('other.db'));
    db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE things (a)');
    db.close();
    const res = await importFile('other.mbtiles', fixture('other.db'));
    expect(!res.ok && res.error.message).toBe('无法导入“other.mbtiles”：不是有效的 .mbtiles 文件：缺少 tiles 表');
  });

  it('a vector (pbf) pack', async () => {
    const vector = makeMbtiles(fixture('vector.mbtiles'), { format: 'pbf', tiles: [{ z: 0, x: 0, y: 0 }] });
    const res = await importFile('矢量.mbtiles', vector.file);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!res.ok && res.error.message).toContain('无法导入“矢量.mbtiles”：只支持栅格瓦片（png/jpg）的 .mbtiles 文件');
  });

  it('an empty upload and an oversized one', async () => {
    expect(await admin('tiles.import', { fileName: 'a.mbtiles', base64: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('文件是空的') },
    });
    const packs = new TilePacks(path.join(t.root, 'scratch-tiles'));
    expect(() => packs.import('big.mbtiles', Buffer.allocUnsafe(MAX_TILE_PACK_BYTES + 1), new Date())).toThrow(/超过 300 MB 上限/);
  });

  it('nothing is kept from a refused import', async () => {
    const files = fs.readdirSync(tilesDir(t.dataDir));
    expect(files.filter((f) => !/^[a-z0-9]+\.mbtiles$/.test(f) && f !== 'index.json')).toEqual([]);
    expect(files.filter((f) => f.endsWith('.mbtiles'))).toHaveLength(unwrap<Pack[]>(await admin('tiles.list')).length);
  });
});

describe('packs as other tools write them', () => {
  it('a WAL-mode pack, a deduplicated one (tiles is a view) and one without format, bounds or zooms', async () => {
    const wal = makeMbtiles(fixture('wal.mbtiles'), { wal: true, tiles: [{ z: 1, x: 1, y: 0, color: '#123456' }] });
    const view = makeMbtiles(fixture('view.mbtiles'), { asView: true, tiles: [{ z: 1, x: 0, y: 1, color: '#654321' }] });
    const bare = makeMbtiles(fixture('bare.mbtiles'), {
      format: null,
      tiles: [
        { z: 3, x: 6, y: 3 },
        { z: 4, x: 13, y: 6 },
      ],
    });
    for (const made of [wal, view, bare]) {
      const p = unwrap<Pack>(await importFile(path.basename(made.file), made.file));
      for (const [key, bytes] of made.bytes) {
        const res = await tile(`/tiles/${p.id}/${key}.png`);
        expect(res.status, `${made.file} ${key}`).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      }
      if (made === bare) {
        expect(p).toMatchObject({ format: 'png', minzoom: 3, maxzoom: 4, tiles: 2 });
        // Bounds worked out from the zoom-3 tile: x 6 → 90°..135°E, y 3 → 0°..40.98°N.
        expect(p.bounds).toEqual([90, 0, 135, 40.979898]);
      }
    }
    // The WAL pack was switched to rollback mode on import: reading it leaves no -wal/-shm beside it.
    expect(fs.readdirSync(tilesDir(t.dataDir)).filter((f) => /-(wal|shm|journal)$/.test(f))).toEqual([]);
  });

  it('jpg packs are served as image/jpeg', async () => {
    const jpg = makeMbtiles(fixture('photo.mbtiles'), { format: 'jpg', tiles: [{ z: 0, x: 0, y: 0 }] });
    const p = unwrap<Pack>(await importFile('photo.mbtiles', jpg.file));
    expect(p.format).toBe('jpg');
    const res = await tile(`/tiles/${p.id}/0/0/0.jpg`);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(jpg.bytes.get('0/0/0')!)).toBe(true);
  });

  it('the browser-test helper makes a pack around the demo office', async () => {
    const area = areaPack(fixture('area.mbtiles'), { minzoom: 11, maxzoom: 12 });
    const p = unwrap<Pack>(await admin('tiles.import', { fileName: '演示底图.mbtiles', base64: area.base64() }));
    expect(p).toMatchObject({ name: '演示离线底图', minzoom: 11, maxzoom: 12, tiles: area.tileCount, bounds: area.bounds });
    // 115.65°E 34.41°N is tile 12/3363/1630.
    expect(t.core.tile(admin.token, p.id, 12, 3363, 1630).status).toBe(200);
  });
});

describe('removing a pack and restarting', () => {
  it('remove deletes the file and the index entry, and the basemap falls back to none', async () => {
    const made = makeMbtiles(fixture('gone.mbtiles'), { tiles: [{ z: 0, x: 0, y: 0 }] });
    const p = unwrap<Pack>(await importFile('gone.mbtiles', made.file));
    const file = path.join(tilesDir(t.dataDir), `${p.id}.mbtiles`);
    expect((await tile(`/tiles/${p.id}/0/0/0.png`)).status).toBe(200); // its handle is open now
    unwrap(await admin('map.setBasemap', { source: `pack:${p.id}`, crs: 'GCJ02' }));
    expect(unwrap(await admin('tiles.remove', { id: p.id }))).toEqual({ ok: true });
    expect(fs.existsSync(file)).toBe(false);
    expect(unwrap<Pack[]>(await admin('tiles.list')).map((x) => x.id)).not.toContain(p.id);
    const index = JSON.parse(fs.readFileSync(path.join(tilesDir(t.dataDir), 'index.json'), 'utf8')) as Pack[];
    expect(index.map((x) => x.id)).not.toContain(p.id);
    expect((await tile(`/tiles/${p.id}/0/0/0.png`)).status).toBe(404);
    expect(unwrap(await admin('map.basemap'))).toMatchObject({ source: 'none', crs: 'GCJ02' });
    expect(await admin('tiles.remove', { id: p.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await admin('tiles.remove', { id: '../x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('packs survive a restart of the core (index.json is read again), and a lost index is rebuilt from the files', async () => {
    const dataDir = path.join(t.root, 'restart-data');
    const keyStore = fileKeyStore(path.join(t.root, 'restart.key'));
    const open = () => createCore({ dataDir, demoOnCreate: false, transport: 'http', keyStore, adminPassword: TEST_PASSWORD });
    const made = makeMbtiles(fixture('keep.mbtiles'), { name: '保留', tiles: [{ z: 1, x: 0, y: 0, color: '#abcdef' }] });

    let core = await open();
    let call = await signInAs(core, 'admin');
    const p = unwrap<Pack>(await importFile('keep.mbtiles', made.file, call));
    core.close();
    // What an import or index write cut short would leave: cleared on the next start.
    fs.writeFileSync(path.join(tilesDir(dataDir), 'abc.mbtiles.partial'), 'half');
    fs.writeFileSync(path.join(tilesDir(dataDir), 'index.json.999.tmp'), '[');

    core = await open();
    try {
      expect(fs.readdirSync(tilesDir(dataDir)).sort()).toEqual([`${p.id}.mbtiles`, 'index.json'].sort());
      call = await signInAs(core, 'admin');
      expect(unwrap<Pack[]>(await call('tiles.list'))).toEqual([p]);
      const reply = core.tile(call.token, p.id, 1, 0, 0);
      expect(reply.status === 200 && reply.bytes.equals(made.bytes.get('1/0/0')!)).toBe(true);
    } finally {
      core.close();
    }

    fs.writeFileSync(path.join(tilesDir(dataDir), 'index.json'), '{ broken');
    core = await open();
    try {
      call = await signInAs(core, 'admin');
      expect(unwrap<Pack[]>(await call('tiles.list'))).toEqual([expect.objectContaining({ id: p.id, name: '保留', tiles: 1, format: 'png' })]);
      expect(core.tile(call.token, p.id, 1, 0, 0).status).toBe(200);
    } finally {
      core.close();
    }
  });
});
