import { parentPort, workerData } from 'node:worker_threads';
import type { Core } from '../registry/core';
import { useBundledThreads } from '../db/job-thread';
import { inRecovery, openCore } from '../registry/recovery-core';
import { bridgedKeyStore } from './key-bridge';
import type { CoreState, HostData, Reply, Request } from './messages';

/**
 * The worker thread the app's and the server's core runs in (see worker-core.ts): it
 * opens the office database and answers requests one message at a time; calls that
 * await (backups, parse jobs) let the next message in meanwhile.
 */
const data = workerData as HostData;
const port = parentPort!;
const send = (m: Reply) => port.postMessage(m);
useBundledThreads(data.threadFile);

let core: Core;
try {
  core = await openCore({ ...data.opts, keyStore: bridgedKeyStore(data.key) });
} catch (e) {
  const err = e as { message?: string; code?: string; problem?: string };
  send({ type: 'failed', error: { message: String(err?.message ?? e), code: err?.code, problem: err?.problem } });
  process.exit(0);
}

const state = (): CoreState => {
  let imgOrigins: string[] = [];
  try {
    imgOrigins = core.imgOrigins();
  } catch {
    // The recovery core has no database to read the basemap from.
  }
  return { imgOrigins, recovering: inRecovery(core) };
};

send({ type: 'ready', ...state() });

port.on('message', (m: Request) => {
  // call() never throws; anything else that does is one failed request, not a dead worker.
  answer(m).catch((e: unknown) => {
    console.error(`[core-worker] ${m.op} failed: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? ''}`);
    const value =
      m.op === 'call'
        ? { envelope: { ok: false, error: { code: 'INTERNAL', message: '操作失败，数据未改动。请重试，或联系技术人员。' } }, session: {} }
        : m.op === 'tile'
          ? { status: 404 }
          : null;
    send({ type: 'reply', id: m.id, value: value as never, ...state() });
  });
});

async function answer(m: Request): Promise<void> {
  switch (m.op) {
    case 'call':
      send({ type: 'reply', id: m.id, value: await core.call(m.name, m.input, m.caller), ...state() });
      return;
    case 'precheck':
      send({ type: 'reply', id: m.id, value: core.precheck(m.name, m.caller), ...state() });
      return;
    case 'tile':
      send({ type: 'reply', id: m.id, value: core.tile(m.token, m.packId, m.z, m.x, m.y), ...state() });
      return;
    case 'close':
      core.close();
      send({ type: 'reply', id: m.id, value: null, imgOrigins: [], recovering: false });
      port.close();
  }
}
