import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError, startupErrorFrom } from './startup-error';

/**
 * One process per data folder. Two processes on one file each believe their own
 * sessions, caches and restores (a restore in one silently dropped what the other had
 * acknowledged), so the second is refused, naming the holder. SQLite's own locks cannot
 * say who holds them, and an exclusive lock would also shut out this process's worker
 * threads; a lock file can say who, and is checked for staleness.
 */
export const LOCK_FILE = 'street-command.lock';

/** The holder rewrites the file this often; on another computer a file older than STALE_MS is a leftover of a crash. */
export const HEARTBEAT_MS = 60_000;
export const STALE_MS = 5 * 60_000;

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  app: string;
}

export interface DataLock {
  file: string;
  release(): void;
}

export interface LockOptions {
  pid?: number;
  host?: string;
  now?: () => Date;
  /** Whether a process of this computer is still running (injected by tests). */
  alive?: (pid: number) => boolean;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function readHolder(file: string): { holder: LockHolder | null; mtimeMs: number } | null {
  try {
    const mtimeMs = fs.statSync(file).mtimeMs;
    try {
      return { holder: JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder, mtimeMs };
    } catch {
      return { holder: null, mtimeMs };
    }
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const localMinute = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '时间不明' : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * Takes the data folder's lock or throws a Chinese StartupError ('locked') naming the
 * computer and process that hold it. A lock left by a process that is gone (same
 * computer) or silent for STALE_MS (another computer, e.g. a shared folder) is taken
 * over. Threads of the same process share the lock: only the thread that wrote it
 * removes it.
 */
export function acquireDataLock(dataDir: string, opts: LockOptions = {}): DataLock {
  const pid = opts.pid ?? process.pid;
  const host = opts.host ?? os.hostname();
  const now = opts.now ?? (() => new Date());
  const alive = opts.alive ?? isAlive;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw startupErrorFrom(e, dataDir);
  }
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid, host, since: now().toISOString(), app: 'street-command' };
  const write = (flag: 'wx' | 'w') => fs.writeFileSync(file, `${JSON.stringify(me)}\n`, { flag });

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      write('wx');
      const timer = setInterval(() => {
        try {
          fs.utimesSync(file, new Date(), new Date());
        } catch {
          // A full or vanished folder shows up elsewhere; the heartbeat only keeps the lock fresh.
        }
      }, HEARTBEAT_MS);
      timer.unref();
      let released = false;
      return {
        file,
        release: () => {
          if (released) return;
          released = true;
          clearInterval(timer);
          const current = readHolder(file)?.holder;
          if (current?.pid === pid && current.host === host) fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw startupErrorFrom(e, dataDir);
    }
    const found = readHolder(file);
    if (!found) continue;
    const { holder, mtimeMs } = found;
    if (holder && holder.host === host && holder.pid === pid) return { file, release: () => undefined };
    // A holder refreshes the file every HEARTBEAT_MS: silence means it is gone, even when its
    // pid now belongs to another program (after a restart); on this computer a dead pid says so at once.
    const silent = now().getTime() - mtimeMs > STALE_MS;
    const stale = silent || (holder !== null && holder.host === host && !alive(holder.pid));
    if (!stale) {
      const who = holder ? `电脑“${holder.host}”上的进程 ${holder.pid}（${localMinute(holder.since)} 起）` : '另一个程序';
      throw new StartupError(
        'locked',
        `数据目录 ${dataDir} 已被${who}打开。同一个数据目录只能由一个“街道防控指挥台”（桌面程序或局域网服务）使用，否则彼此的修改会互相覆盖。请使用已打开的那个，或先关闭它再启动。`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new StartupError('locked', `无法锁定数据目录 ${dataDir}：另一个程序正在同时启动。请稍后再试。`);
}
