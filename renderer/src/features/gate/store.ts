import type { Input } from '../../../../shared/api';
import type { GateKit } from './verify';

/**
 * What a gate phone keeps in localStorage, so a page opened once goes on checking passes
 * and taking registrations while the LAN is down: the gate kit, the registrations not yet
 * delivered (each with the id the phone made), and the exits this phone saw per pass.
 */
export type Queued = { clientId: string; input: Input<'registrations.create'> };

const KIT = 'street-command.gate.kit';
const QUEUE = 'street-command.gate.queue';
const EXITS = 'street-command.gate.exits';
const MONTH = 31 * 86_400_000;

function read<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}
const write = (key: string, value: unknown) => localStorage.setItem(key, JSON.stringify(value));

export const loadKit = () => read<GateKit | null>(KIT, null);
export const saveKit = (kit: GateKit) => write(KIT, kit);

export const queued = () => read<Queued[]>(QUEUE, []);
/** Written before the first attempt to send, so a reply lost on the way cannot lose the entry. */
export const enqueue = (item: Queued) => write(QUEUE, [...queued(), item]);
export const dequeue = (clientId: string) =>
  write(
    QUEUE,
    queued().filter((q) => q.clientId !== clientId),
  );

export const exitsOf = (passNo: string) => read<Record<string, string[]>>(EXITS, {})[passNo] ?? [];
export function recordExit(passNo: string, at: string) {
  const all = read<Record<string, string[]>>(EXITS, {});
  const cutoff = Date.parse(at) - MONTH;
  for (const [k, v] of Object.entries(all)) all[k] = v.filter((t) => Date.parse(t) >= cutoff);
  all[passNo] = [...(all[passNo] ?? []), at];
  write(EXITS, Object.fromEntries(Object.entries(all).filter(([, v]) => v.length)));
}
