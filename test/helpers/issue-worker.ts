import { parentPort, workerData } from 'node:worker_threads';
import { createCore } from '../../electron/core/registry/core';
import { signIn } from './sessions';

/**
 * One process-like writer for the ledger race test: its own connection to the same
 * database file, waiting at a barrier so both workers issue at the same moment.
 */
const { dataDir, planId, barrier } = workerData as { dataDir: string; planId: number; barrier: SharedArrayBuffer };
const core = await createCore({ dataDir, demoOnCreate: false, transport: 'http' });
const call = await signIn(core, 'zhihui');
const flag = new Int32Array(barrier);
Atomics.add(flag, 0, 1);
while (Atomics.load(flag, 0) < 2) Atomics.wait(flag, 0, Atomics.load(flag, 0), 5);
const envelope = await call('plans.issue', { id: planId });
core.close();
parentPort!.postMessage(envelope);
