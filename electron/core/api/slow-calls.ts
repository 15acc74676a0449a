/**
 * The calls that took longer than SLOW_MS, newest first, for 设置 → 系统: which method and
 * how long, never its input (inputs hold residents' data). In memory, per process run.
 */
export const SLOW_MS = 100;
const KEEP = 200;

export interface SlowCall {
  at: string;
  method: string;
  ms: number;
}

const log: SlowCall[] = [];

export function noteCall(method: string, ms: number, at: Date): void {
  if (ms <= SLOW_MS) return;
  log.unshift({ at: at.toISOString(), method, ms: Math.round(ms) });
  if (log.length > KEEP) log.length = KEEP;
}

export const slowCalls = (): SlowCall[] => [...log];
