import Database from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKey, applyPassword, fileKeyStore } from '../../electron/core/db/key';
import { DB_FILE } from '../../electron/core/db/open';
import { NO_JOB } from '../../electron/core/db/job-thread';
import { ALL_COMMUNITIES } from '../../electron/core/kernel/entity';
import { createWorkerCore, type WorkerCore } from '../../electron/core/worker/worker-core';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { copyDemoTemplate } from '../helpers/demo-template';
import { uploadFile } from '../helpers/excel';
import { buildMain, type MainBuild } from '../helpers/main-build';
import { type Call, signInAs, TEST_PASSWORD } from '../helpers/sessions';
import { dataOf, makeTempDir } from '../helpers/temp-core';

// The desktop app as electron-vite builds it, run in plain Node (Electron cannot run here):
// the bundled core host in its worker, and the bundled thread file its long jobs start
// from, against a real office. Under vitest every other test runs the TypeScript instead.
const root = fileURLToPath(new URL('../../', import.meta.url));
let build: MainBuild;
let office: string;
let keyHex: string;
let core: WorkerCore;
let command: Call;
let admin: Call;
/** Each thread started from the thread file, as [job, fn]: written by a shim in front of it. */
let started: () => [string, string | null][];

beforeAll(async () => {
  build = await buildMain(root);
  const log = path.join(build.dir, 'threads.log');
  fs.writeFileSync(log, '');
  const shim = path.join(path.dirname(build.threadFile), 'logged-threads.js');
  fs.writeFileSync(
    shim,
    `import fs from 'node:fs';
import { workerData } from 'node:worker_threads';
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify([workerData.job, workerData.fn ?? null]) + '\\n');
await import(${JSON.stringify(pathToFileURL(build.threadFile).href)});
`,
  );
  started = () =>
    fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as [string, string | null]);
  office = makeTempDir();
  const keyFile = path.join(office, 'key.bin');
  // The run's light demo office (users with passwords hashed at the tests' cost), copied.
  await copyDemoTemplate('demo', TEST_PASSWORD, path.join(office, 'data'), keyFile);
  const keyStore = fileKeyStore(keyFile);
  core = await createWorkerCore({
    dataDir: path.join(office, 'data'),
    keyStore,
    demoOnCreate: true,
    demoResidents: false,
    transport: 'desktop',
    adminPassword: TEST_PASSWORD,
    hostFile: build.hostFile,
    threadFile: shim,
  });
  keyHex = keyStore.read()!.toString('hex');
  command = await signInAs(core, 'command');
  admin = await signInAs(core, 'admin');
}, 180_000);

afterAll(async () => {
  await core?.close();
  build?.cleanup();
});

/** A residents roster of `n` people in one compound, as an .xlsx file (base64). */
function roster(n: number, compound: string): string {
  const rows: unknown[][] = [['姓名', '身份证号', '手机号', '小区', '楼栋', '单元', '房号', '人员类型']];
  for (let i = 0; i < n; i++) rows.push([`居民${i}`, makeId('411402', `1980010${i + 1}`, i), `1391000000${i}`, compound, '1', '1', `10${i + 1}`, '常住']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '居民');
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' });
}

async function sheetRows(base64: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => void out.push((row.values as unknown[]).slice(1)));
  return out;
}

/** Opens a copy of the office with the office's key (a backup) or a password (an exported backup). */
function openCopy(file: string, secret: { keyHex: string } | { password: string }): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  if ('keyHex' in secret) applyKey(db, Buffer.from(secret.keyHex, 'hex'));
  else applyPassword(db, secret.password);
  return db;
}

const countOf = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** The bundled thread file started directly, in plain Node, with one job's data. */
function threadAnswer<T>(data: object): Promise<{ ok: boolean; out?: T; message?: string; code?: string }> {
  const worker = new Worker(build.threadFile, { workerData: data });
  return new Promise<{ ok: boolean; out?: T }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => void worker.terminate());
}

describe('the built desktop app’s long jobs run on threads of their own', () => {
  it('an upload is parsed, imported and exported by the built core', async () => {
    const compound = dataOf<{ rows: { name: string }[] }>(await command('compounds.list', { pageSize: 1 })).rows[0]!.name;
    const { uploadId } = dataOf<{ uploadId: string }>(await uploadFile(command, 'residents', '居民.xlsx', roster(3, compound)));
    expect(dataOf<{ counts: Record<string, number> }>(await command('excel.preview', { uploadId })).counts).toMatchObject({ new: 3, error: 0 });
    expect(dataOf<{ created: number }>(await command('excel.commit', { uploadId })).created).toBe(3);

    const exported = dataOf<{ base64: string; rowCount: number }>(await command('residents.export', { full: true }));
    expect(exported.rowCount).toBe(3);
    const rows = await sheetRows(exported.base64);
    expect(rows.flat()).toEqual(expect.arrayContaining(['居民0', '居民2', makeId('411402', '19800101', 0)]));
  });

  it('a backup opens with the office key, and an exported backup with its password, its sealing done on the thread file', async () => {
    const backup = dataOf<{ file: string }>(await admin('system.backupNow'));
    const copy = openCopy(path.join(office, 'data', 'backups', backup.file), { keyHex });
    try {
      expect([countOf(copy, 'communities'), countOf(copy, 'residents')]).toEqual([15, 3]);
    } finally {
      copy.close();
    }

    const password = 'Backup-pass-2026';
    const exported = dataOf<{ base64: string }>(await admin('backup.export', { password }));
    const file = path.join(office, 'exported.scbak');
    fs.writeFileSync(file, Buffer.from(exported.base64, 'base64'));
    const sealed = openCopy(file, { password });
    try {
      expect(countOf(sealed, 'residents')).toBe(3);
    } finally {
      sealed.close();
    }
    // Not the fallback on the core's thread: the built app's read job started from the thread file.
    expect(started()).toContainEqual(['read', 'sealExport']);
  });

  it('the thread file on its own writes the residents export from the office file, and refuses a job it does not hold', async () => {
    const input = { input: { full: false }, scope: ALL_COMMUNITIES, nowMs: Date.now() };
    const file = path.join(office, 'data', DB_FILE);
    const reply = await threadAnswer<{ base64: string; rowCount: number }>({ job: 'read', file, keyHex, fn: 'residentsExport', input });
    expect(reply).toMatchObject({ ok: true, out: { rowCount: 3 } });
    const cells = (await sheetRows(reply.out!.base64)).flat();
    // Masked, as asked: the ID number does not appear whole.
    expect(cells).not.toContain(makeId('411402', '19800101', 0));
    expect(cells.some((c) => typeof c === 'string' && c.startsWith('居'))).toBe(true);

    expect(await threadAnswer({ job: 'read', file, keyHex, fn: 'noSuchJob', input })).toMatchObject({ ok: false, code: NO_JOB });
  });

  it('the thread file on its own builds the demo office into a copy', async () => {
    const backup = dataOf<{ file: string }>(await admin('system.backupNow'));
    const copy = path.join(office, 'demo-copy.db');
    fs.copyFileSync(path.join(office, 'data', 'backups', backup.file), copy);
    // The light demo (no residents): the office's 3 imported residents are gone after it.
    expect(await threadAnswer({ job: 'demo', file: copy, keyHex, nowMs: Date.now(), residents: false })).toEqual({ ok: true });
    const db = openCopy(copy, { keyHex });
    try {
      expect([countOf(db, 'communities'), countOf(db, 'compounds'), countOf(db, 'checkpoints'), countOf(db, 'residents')]).toEqual([15, 168, 99, 0]);
    } finally {
      db.close();
    }
  });
});
