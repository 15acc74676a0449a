import type { KeyStore } from '../core/db/key';
import { StartupError, type StartupProblem } from '../core/db/startup-error';
import { createWorkerCore, type WorkerCore, type WorkerCoreOptions } from '../core/worker/worker-core';

const TITLES: Partial<Record<StartupProblem, string>> = {
  locked: '数据目录已被占用',
  key: '无法解密数据库',
  readonly: '数据目录不可写',
  full: '磁盘空间不足',
  newer: '需要升级程序',
};

/**
 * The desktop's start, in a worker thread (the window's assets, IPC and tiles are served
 * by the main process, which an import or a backup must not stop): the office's core, or the recovery core (the window then shows
 * the recovery page), or — for what no page can fix (folder in use, wrong key,
 * read-only, full disk, newer data) — an error box with that failure's own Chinese
 * message, and null (the app quits).
 */
export async function startCore(
  opts: WorkerCoreOptions & { keyStore: KeyStore; hostFile?: string; threadFile?: string },
  dialog: { showErrorBox(title: string, content: string): void },
): Promise<WorkerCore | null> {
  try {
    return await createWorkerCore(opts);
  } catch (e) {
    const title = (e instanceof StartupError && TITLES[e.problem]) || '无法打开数据库';
    dialog.showErrorBox(title, e instanceof Error ? e.message : String(e));
    return null;
  }
}
