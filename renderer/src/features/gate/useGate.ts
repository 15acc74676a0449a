import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, Output } from '../../../../shared/api';
import { splitPayload } from '../../../../shared/domain/pass-code';
import { retryable, tryCall } from './net';
import { dequeue, enqueue, exitsOf, loadKit, queued, recordExit, saveKit } from './store';
import { type GateKit, verifyOffline } from './verify';

export type GateResult = { ok: boolean; reason: string | null; passNo: string | null; holder: string | null; offline: boolean; at: string };
type Base = Omit<Input<'registrations.create'>, 'passCode' | 'passNo' | 'clientId' | 'at'>;

const KIT_EVERY = 60_000;
const FLUSH_EVERY = 10_000;

/** A v4 UUID; crypto.randomUUID exists only on HTTPS pages, getRandomValues everywhere. */
function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The gate's pass check and delivery. A scan is checked on the phone first (signature,
 * revoked list, dates, this phone's exits), then by the office when it answers (which also
 * knows every gate's exits). A pass that passes is registered through the queue: stored on
 * the phone with its own id first, then sent, and sent again until the office has it.
 */
export function useGate(onDelivered?: (registration: Output<'registrations.create'>) => void) {
  const delivered = useRef(onDelivered);
  useEffect(() => void (delivered.current = onDelivered));
  const [kit, setKit] = useState<GateKit | null>(loadKit);
  const [pending, setPending] = useState(() => queued().length);
  const [lastError, setLastError] = useState<string | null>(null);
  const flushing = useRef(false);

  const refreshKit = useCallback(async () => {
    const r = await tryCall('passes.gateKit', {});
    if (r.kind === 'ok') {
      saveKit(r.data);
      setKit(r.data);
    }
  }, []);

  const again = useRef(false);

  const flush = useCallback(async () => {
    // An entry queued while a flush is under way is sent by that flush, not left for the timer.
    if (flushing.current) return void (again.current = true);
    flushing.current = true;
    try {
      do {
        again.current = false;
        for (const item of queued()) {
          const r = await tryCall('registrations.create', { ...item.input, clientId: item.clientId });
          if (r.kind !== 'ok' && retryable(r)) {
            setLastError(r.kind === 'error' ? r.message : null);
            return;
          }
          // Delivered, or refused for good (it would be refused again): either way it leaves the queue.
          dequeue(item.clientId);
          setPending(queued().length);
          if (r.kind === 'ok') delivered.current?.(r.data);
          setLastError(r.kind === 'error' ? `一条登记未被接受：${r.message}` : null);
        }
      } while (again.current);
    } finally {
      flushing.current = false;
      setPending(queued().length);
    }
  }, []);

  useEffect(() => {
    void refreshKit().then(flush);
    const back = () => void refreshKit().then(flush);
    window.addEventListener('online', back);
    const kitTimer = setInterval(() => void refreshKit(), KIT_EVERY);
    const flushTimer = setInterval(() => void (queued().length && flush()), FLUSH_EVERY);
    return () => {
      window.removeEventListener('online', back);
      clearInterval(kitTimer);
      clearInterval(flushTimer);
    };
  }, [refreshKit, flush]);

  /** Checks a scanned payload and, when it passes, registers the person through the queue. */
  const scan = useCallback(
    async (payload: string, base: Base): Promise<GateResult> => {
      const now = new Date();
      const at = now.toISOString();
      const direction = base.direction ?? 'in';
      const parts = splitPayload(payload);
      if ('error' in parts) return { ok: false, reason: parts.error, passNo: null, holder: null, offline: false, at };
      const local = kit ? verifyOffline(payload, kit, direction, now, exitsOf(parts.claims.passNo)) : null;
      if (local && !local.claims) return { ok: false, reason: local.reason, passNo: null, holder: null, offline: false, at };
      const server = await tryCall('passes.check', { payload, direction });
      let result: GateResult;
      if (server.kind === 'ok') result = { ...server.data, offline: false, at };
      else if (local) result = { ok: local.ok, reason: local.reason, passNo: parts.claims.passNo, holder: parts.claims.holder, offline: true, at };
      else
        return {
          ok: false,
          reason: server.kind === 'error' ? server.message : '未取得核验公钥：请先在联网时打开本页',
          passNo: null,
          holder: null,
          offline: true,
          at,
        };
      if (result.ok) {
        const clientId = newId();
        enqueue({ clientId, input: { ...base, passCode: payload.trim().toUpperCase(), at } });
        if (direction === 'out') recordExit(parts.claims.passNo, at);
        setPending(queued().length);
        void flush();
      }
      return result;
    },
    [kit, flush],
  );

  /**
   * A registration typed at the gate goes the same way as a scanned one: queued with its own
   * id at once (the form is free for the next person straight away), then delivered in order,
   * once each, even if the LAN drops or a reply is lost.
   */
  const submit = useCallback(
    (input: Omit<Input<'registrations.create'>, 'clientId' | 'at'>) => {
      enqueue({ clientId: newId(), input: { ...input, at: new Date().toISOString() } });
      setPending(queued().length);
      void flush();
    },
    [flush],
  );

  return { kit, pending, lastError, scan, submit, flush };
}
