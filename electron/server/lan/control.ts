import type { ApiErrorBody, Envelope } from '../../../shared/api';
import type { LanStatusData } from '../../../shared/api/lan';
import type { CallResult } from '../../core/api/call';
import type { Caller } from '../../core/api/types';
import type { LanSharing } from './sharing';

interface Callable {
  call(name: string, input: unknown, caller: Caller): Promise<CallResult>;
  precheck(name: string, caller: Caller): ApiErrorBody | null | Promise<ApiErrorBody | null>;
}

const answer = (envelope: Envelope, session: CallResult['session'] = {}): CallResult => ({ envelope, session });

/**
 * The desktop window's view of the core with 设置 → 局域网共享 attached: the core still
 * checks the permission, validates and logs every lan.* call (and refuses callers other
 * than the desktop window); this process, which owns the server, adds what only it knows
 * — the server's state and address — and carries out the change.
 */
export function withLanControl<C extends Callable>(core: C, sharing: LanSharing): C {
  const call = async (name: string, input: unknown, caller: Caller): Promise<CallResult> => {
    if (caller.client !== 'desktop') return core.call(name, input, caller);
    if (name === 'lan.status') {
      const denied = await core.precheck(name, caller);
      return answer(denied ? { ok: false, error: denied } : { ok: true, data: sharing.status() });
    }
    if (name === 'lan.update') {
      const result = await core.call(name, input, caller);
      if (!result.envelope.ok) return result;
      return answer({ ok: true, data: await sharing.apply((result.envelope.data as LanStatusData).config) }, result.session);
    }
    if (name === 'lan.pairingCreate') {
      const denied = await core.precheck(name, caller);
      if (denied) return answer({ ok: false, error: denied });
      const base = sharing.status().urls[0];
      if (!base) return answer({ ok: false, error: { code: 'BAD_REQUEST', message: '请先开启局域网共享，再生成配对二维码。' } });
      const result = await core.call(name, input, caller);
      if (!result.envelope.ok) return result;
      const data = result.envelope.data as { code: string };
      return answer({ ok: true, data: { ...data, url: `${base}/#/pair?code=${data.code}` } }, result.session);
    }
    return core.call(name, input, caller);
  };
  return new Proxy(core, { get: (target, key, receiver) => (key === 'call' ? call : Reflect.get(target, key, receiver)) });
}
