import { Worker } from 'node:worker_threads';

/**
 * Long jobs that need the core's own code (a read job's export, the demo build) run on
 * threads of their own. Under tsx or vitest those threads load the TypeScript through
 * tsx's loader; the built app has no TypeScript and no tsx, so electron-vite bundles one
 * thread file (registry/threads.ts, `?modulePath` in electron/main) whose path reaches the
 * core's worker host, which sets it here. Set, every such thread starts from it; unset,
 * each spawner keeps its TypeScript path.
 */
let bundled: string | null = null;

/** The built thread file, or null to go back to the TypeScript threads (the core's worker host sets it). */
export function useBundledThreads(file: string | null | undefined): void {
  bundled = file ?? null;
}

/** The thread file's answer for a read job its registry does not hold. */
export const NO_JOB = 'NO_JOB';

/** What the bundled thread file is told to do, with the job's own data. */
export type ThreadJob = { job: 'read' | 'demo' } & Record<string, unknown>;

/** The job on a thread started from the bundled file; null when there is none (not a built app). */
export function bundledThread(data: ThreadJob): Worker | null {
  return bundled ? new Worker(bundled, { workerData: data }) : null;
}

/** Starts `file` (TypeScript) through tsx's loader, as the core's own worker is started under tsx. */
export function tsxThread(file: URL, data: object): Worker {
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

export interface ThreadReply<T> {
  ok: boolean;
  out?: T;
  message?: string;
  code?: string;
}

/** The thread's one answer (a failure is thrown with its message and code); the thread is ended after it. */
export async function answerOf<T>(worker: Worker, what: string): Promise<ThreadReply<T>> {
  try {
    const reply = await new Promise<ThreadReply<T>>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error(`${what} thread ended without an answer`)));
    });
    if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
    return reply;
  } finally {
    void worker.terminate();
  }
}
