import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import type { Envelope } from '../../shared/api';
import { fileKeyStore } from '../../electron/core/db/key';
import { createWorkerCore, type WorkerCore } from '../../electron/core/worker/worker-core';
import { createHttpServer } from '../../electron/server/http';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { TEST_PASSWORD } from './sessions';

/**
 * The LAN server as `npm run serve` runs it — the core in its worker thread — on a random
 * port, with clients that keep their connection open as browsers do. Used by the
 * concurrency test and by `npm run bench`.
 */
export interface WorkerOffice {
  core: WorkerCore;
  root: string;
  dataDir: string;
  keyFile: string;
  post<T = unknown>(
    name: string,
    body: unknown,
    cookie?: string | null,
    agent?: http.Agent,
  ): Promise<{ status: number; body: Envelope<T>; cookie: string | null }>;
  login(username: string, agent?: http.Agent): Promise<string>;
  close(): Promise<void>;
}

/** `prepare` may put a database in place first (the tests copy the run's demo template). */
export async function openWorkerOffice(prepare?: (dataDir: string, keyFile: string) => Promise<unknown>): Promise<WorkerOffice> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-worker-'));
  const dataDir = path.join(root, 'data');
  const keyFile = path.join(root, 'db.key');
  await prepare?.(dataDir, keyFile);
  const core = await createWorkerCore({
    dataDir,
    demoOnCreate: true,
    demoResidents: false,
    transport: 'http',
    adminPassword: TEST_PASSWORD,
    keyStore: fileKeyStore(keyFile),
  });
  const staticDir = path.join(root, 'static');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>街道防控指挥台</title>');
  const server = createHttpServer(core, staticDir);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const post: WorkerOffice['post'] = (name, body, cookie, agent) =>
    new Promise((resolve, reject) => {
      const text = JSON.stringify(body);
      const headers: http.OutgoingHttpHeaders = {
        Host: `127.0.0.1:${port}`,
        'Content-Type': 'application/json',
        Origin: base,
        'Content-Length': Buffer.byteLength(text),
      };
      if (cookie) headers.Cookie = cookie;
      // Without an agent of its own, each request gets a new connection: a kept-alive one left idle
      // for the server's 5 s keep-alive timeout may be closed just as it is reused.
      const req = http.request({ host: '127.0.0.1', port, path: `/api/${name}`, method: 'POST', headers, agent: agent ?? false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie']?.[0];
          resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), cookie: set ? set.split(';')[0]! : null });
        });
      });
      req.on('error', reject);
      req.end(text);
    });
  return {
    core,
    root,
    dataDir,
    keyFile,
    post,
    login: async (username, agent) => {
      const r = await post('auth.login', { username, password: TEST_PASSWORD }, null, agent);
      if (!r.cookie) throw new Error(`sign-in as ${username} failed: ${JSON.stringify(r.body)}`);
      return r.cookie;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A resident roster of n rows over the given compounds, as an .xlsx an office would send. */
export function residentRoster(n: number, compounds: string[]): Buffer {
  const rows: unknown[][] = [['姓名', '身份证号', '手机号', '小区', '社区', '楼栋', '单元', '房号', '人员类型', '来源地', '返回日期', '备注']];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(i / 1000);
    const birth = `19${50 + (k % 50)}${String(1 + Math.floor(k / 50)).padStart(2, '0')}${String(1 + (k % 28)).padStart(2, '0')}`;
    const c = compounds[i % compounds.length]!;
    rows.push([
      `居民${i}`,
      makeId('411402', birth, i % 1000),
      `139${String(10_000_000 + i).slice(-8)}`,
      c,
      '',
      String(1 + (Math.floor(i / compounds.length) % 12)),
      String(1 + (i % 2)),
      String(101 + (Math.floor(i / 24) % 30)),
      '常住',
      '',
      '',
      '',
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '排查表');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

const ok = <T>(r: { body: Envelope<T> }, what: string): T => {
  if (!r.body.ok) throw new Error(`${what}: ${r.body.error.message}`);
  return r.body.data;
};

/** Upload, wait for the parse, preview, commit: what the import page does, over HTTP. */
export interface Phases {
  previewStart?: number;
  previewEnd?: number;
  commitStart?: number;
  commitEnd?: number;
}

export async function importOverHttp(
  office: WorkerOffice,
  cookie: string,
  bytes: Buffer,
  phases: Phases = {},
): Promise<{ created: number; previewed: number }> {
  const { jobId } = ok(
    await office.post<{ jobId: string }>('excel.upload', { table: 'residents', fileName: '居民排查.xlsx', base64: bytes.toString('base64') }, cookie),
    'upload',
  );
  let uploadId: string | null = null;
  while (!uploadId) {
    const job = ok(await office.post<{ state: string; error: string | null; uploadId: string | null }>('excel.job', { jobId }, cookie), 'job');
    if (job.state === 'failed') throw new Error(job.error ?? 'parse failed');
    uploadId = job.uploadId;
    if (!uploadId) await new Promise((r) => setTimeout(r, 50));
  }
  phases.previewStart = performance.now();
  const preview = ok(await office.post<{ counts: { new: number } }>('excel.preview', { uploadId, pageSize: 10 }, cookie), 'preview');
  phases.previewEnd = performance.now();
  phases.commitStart = performance.now();
  const done = ok(await office.post<{ created: number }>('excel.commit', { uploadId }, cookie), 'commit');
  phases.commitEnd = performance.now();
  return { created: done.created, previewed: preview.counts.new };
}

export interface Latencies {
  light: number[];
  registration: number[];
  /** Every answer: what, when sent and when answered (performance.now()), and whether it succeeded. */
  answers: { kind: 'light' | 'registration'; sent: number; answered: number; ok: boolean }[];
  failures: string[];
  registered: number;
}

/**
 * `clients` PCs, each on its own kept-alive connection, until `until` settles: half of
 * them read (office.get, a light call) again and again, the other half register at a
 * checkpoint (a write), so a write that waits never holds up the reads.
 */
export async function loadUntil(
  office: WorkerOffice,
  clients: number,
  checkpointId: number,
  until: Promise<unknown> | (() => Promise<unknown>),
  /** Between one answer and the next request: none for the bench's pressure; a test's PCs pause as people do. */
  pauseMs = 0,
): Promise<Latencies> {
  const out: Latencies = { light: [], registration: [], answers: [], failures: [], registered: 0 };
  let running = true;
  const stopOn = (p: Promise<unknown>) => void p.finally(() => (running = false)).catch(() => {});
  if (typeof until !== 'function') stopOn(until);
  // Signed in first: on a loaded machine the sign-ins (scrypt) alone may outlast a fixed window.
  const agents = Array.from({ length: clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const cookies = await Promise.all(agents.map((a) => office.login('zhihui', a)));
  if (typeof until === 'function') stopOn(until());
  const client = async (n: number) => {
    const agent = agents[n]!;
    const cookie = cookies[n]!;
    const light = n % 2 === 0;
    while (running) {
      const t0 = performance.now();
      try {
        const r = light
          ? await office.post('office.get', {}, cookie, agent)
          : await office.post('registrations.create', { checkpointId, name: `来访${n}`, phone: '13900000000', temperature: 36.5 }, cookie, agent);
        const t1 = performance.now();
        (light ? out.light : out.registration).push(t1 - t0);
        out.answers.push({ kind: light ? 'light' : 'registration', sent: t0, answered: t1, ok: r.body.ok });
        if (!r.body.ok) out.failures.push(r.body.error.message);
        else if (!light) out.registered++;
      } catch (e) {
        out.failures.push((e as Error).message);
      }
      if (pauseMs > 0 && running) await new Promise((r) => setTimeout(r, pauseMs));
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return out;
}

export const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
