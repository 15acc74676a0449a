import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemoTemplate } from '../../../test/helpers/demo-template';
import { TEST_PASSWORD } from '../../../test/helpers/sessions';
import { residentRoster } from '../../../test/helpers/worker-office';
import type { Caller } from '../api/types';
import { fileKeyStore } from '../db/key';
import { LOCK_FILE } from '../db/lock';
import { CRASHED, createWorkerCore, type WorkerCore } from './worker-core';

let root: string;
let core: WorkerCore;
const workers: Worker[] = [];
let caller: Caller;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-restart-'));
  const dataDir = path.join(root, 'data');
  const keyFile = path.join(root, 'db.key');
  await copyDemoTemplate('demo', TEST_PASSWORD, dataDir, keyFile);
  core = await createWorkerCore({
    dataDir,
    demoOnCreate: true,
    demoResidents: false,
    transport: 'http',
    adminPassword: TEST_PASSWORD,
    keyStore: fileKeyStore(keyFile),
    spawned: (w) => workers.push(w),
  });
  const login = await core.call('auth.login', { username: 'zhihui', password: TEST_PASSWORD }, { client: '10.0.0.5' });
  caller = { client: '10.0.0.5', token: login.session.set! };
}, 120_000);
afterAll(async () => {
  await core.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the core worker dies', () => {
  it('the call it held is answered in Chinese, the worker is started again, and the next calls work with the same sign-in', async () => {
    const compounds = await core.call('compounds.list', { pageSize: 20 }, caller);
    if (!compounds.envelope.ok) throw new Error(compounds.envelope.error.message);
    const names = (compounds.envelope.data as { rows: { name: string }[] }).rows.map((c) => c.name);
    const bytes = new Uint8Array(residentRoster(20_000, names));
    const up = await core.call('excel.upload', { table: 'residents', fileName: '居民.xlsx', bytes }, caller);
    const { jobId } = (up.envelope as { ok: true; data: { jobId: string } }).data;
    let uploadId: string | null = null;
    await expect
      .poll(
        async () => (uploadId = ((await core.call('excel.job', { jobId }, caller)).envelope as { ok: true; data: { uploadId: string | null } }).data.uploadId),
        {
          timeout: 60_000,
        },
      )
      .not.toBeNull();

    // A long preview is under way when the worker dies (as from a crash in native code).
    const preview = core.call('excel.preview', { uploadId, pageSize: 10 }, caller);
    await expect
      .poll(async () => ((await core.call('excel.progress', { uploadId }, caller)).envelope as { ok: true; data: { done: number } | null }).data?.done ?? 0, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await workers[0]!.terminate();

    expect((await preview).envelope).toEqual({ ok: false, error: CRASHED });
    expect(CRASHED.message).toContain('后台数据线程意外停止');
    // Answered by a new worker: the session lives in the database, so the same sign-in still works.
    expect((await core.call('office.get', {}, caller)).envelope).toMatchObject({ ok: true });
    expect(workers.length).toBe(2);
    const checkpoints = (await core.call('checkpoints.list', { pageSize: 1 }, caller)).envelope as { ok: true; data: { rows: { id: number }[] } };
    const checkpointId = checkpoints.data.rows[0]!.id;
    const reg = await core.call('registrations.create', { checkpointId, name: '来访', phone: '13900000000', temperature: 36.5 }, caller);
    expect(reg.envelope).toMatchObject({ ok: true });
    // The new thread holds the data folder's lock in this process's name.
    expect(JSON.parse(fs.readFileSync(path.join(root, 'data', LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  }, 180_000);
});
