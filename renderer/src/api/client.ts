import type { Envelope, Input, MethodName, Output } from '../../../shared/api';
import type { Bridge } from '../../../shared/api/bridge';
import { ApiError } from '../../../shared/api/errors';

/**
 * The renderer's one client for the contract. Under Electron the preload exposes
 * window.api (IPC); in a browser (serve/LAN mode) the same call goes over HTTP.
 * Neither path lists methods: the name is forwarded as given and checked by the core.
 */
export type { Bridge };

declare global {
  interface Window {
    api?: Bridge;
  }
}

/** A file field (Uint8Array) goes as the body itself, the other fields in the query (see MethodSpec.binary). */
function request(name: string, input: unknown): { url: string; init: RequestInit } {
  const url = `/api/${encodeURIComponent(name)}`;
  const fields = Object.entries((input ?? {}) as Record<string, unknown>);
  const file = fields.find(([, v]) => v instanceof Uint8Array);
  if (!file) return { url, init: { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) } };
  const query = new URLSearchParams(fields.filter(([k]) => k !== file[0]).map(([k, v]) => [k, String(v)]));
  return { url: `${url}?${query}`, init: { headers: { 'Content-Type': 'application/octet-stream' }, body: file[1] as Uint8Array<ArrayBuffer> } };
}

export const httpBridge: Bridge = {
  async call(name, input) {
    let res: Response;
    try {
      const { url, init } = request(name, input);
      res = await fetch(url, { method: 'POST', credentials: 'same-origin', ...init });
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: '无法连接到指挥台服务，请检查网络或服务是否已启动。' } };
    }
    try {
      return (await res.json()) as Envelope;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `服务返回了无法识别的内容（HTTP ${res.status}）。` } };
    }
  },
};

export const bridge = (): Bridge => (typeof window !== 'undefined' && window.api ? window.api : httpBridge);

/** Subscribers hear when the server says the session is gone (expired, signed out elsewhere). */
const sessionLost = new Set<(message: string) => void>();
export function onSessionLost(fn: (message: string) => void): () => void {
  sessionLost.add(fn);
  return () => sessionLost.delete(fn);
}

/** Calls a contract method; resolves with its output or throws ApiError (Chinese message). */
export async function call<N extends MethodName>(name: N, input: Input<N>): Promise<Output<N>> {
  const env = await bridge().call(name, input);
  if (!env.ok) {
    if (env.error.code === 'UNAUTHENTICATED' && name !== 'auth.login') sessionLost.forEach((fn) => fn(env.error.message));
    throw new ApiError(env.error.code, env.error.message, env.error.issues);
  }
  return env.data as Output<N>;
}
