import type { Input, MethodName, Output } from '../../../../shared/api';
import { call } from '../../api/client';

export type Reply<N extends MethodName> = { kind: 'ok'; data: Output<N> } | { kind: 'offline' } | { kind: 'error'; code: string; message: string };

/**
 * A call that tells "the LAN is down" apart from a refusal, which the shared client does
 * not: a registration not delivered stays queued, one refused is reported. A lapsed
 * session keeps the queue too (it is sent after the next sign-in).
 */
export async function tryCall<N extends MethodName>(name: N, input: Input<N>): Promise<Reply<N>> {
  if (window.api) {
    try {
      return { kind: 'ok', data: await call(name, input) };
    } catch (e) {
      return { kind: 'error', code: (e as { code?: string }).code ?? 'INTERNAL', message: (e as Error).message };
    }
  }
  try {
    const res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
    const env = (await res.json()) as { ok: true; data: Output<N> } | { ok: false; error: { code: string; message: string } };
    return env.ok ? { kind: 'ok', data: env.data } : { kind: 'error', code: env.error.code, message: env.error.message };
  } catch {
    return { kind: 'offline' };
  }
}

/** Errors after which sending the same entry again may succeed. */
export const retryable = (r: Reply<MethodName>) =>
  r.kind === 'offline' ||
  (r.kind === 'error' && ['UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED', 'INTERNAL', 'DISK_FULL', 'READ_ONLY', 'RECOVERY'].includes(r.code));
