import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { KeyStore } from '../db/key';

/**
 * The database key is kept by the thread that started the core (Electron's safeStorage
 * works only in the main process), while the core opens the database in its worker and
 * needs the key synchronously. The worker posts a request and waits on a shared flag;
 * the starting thread is free meanwhile, answers through the shared buffer and wakes it.
 */
const SLOTS = 4; // [state, kind, length, spare]
const BYTES = 8192;
const WAIT_MS = 30_000;

export interface KeyBridge {
  port: MessagePort;
  shared: SharedArrayBuffer;
  where: string;
}

/** Serves a key store to one worker; returns what the worker needs (transfer `port`). */
export function serveKeyStore(store: KeyStore): { bridge: KeyBridge; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const shared = new SharedArrayBuffer(SLOTS * 4 + BYTES);
  const head = new Int32Array(shared, 0, SLOTS);
  const body = new Uint8Array(shared, SLOTS * 4);
  port1.on('message', (m: { op: 'read' | 'write'; key?: Uint8Array }) => {
    let kind = 0;
    let payload: Uint8Array = new Uint8Array();
    try {
      if (m.op === 'read') {
        const key = store.read();
        if (key) ((kind = 1), (payload = key));
      } else store.write(Buffer.from(m.key!));
    } catch (e) {
      kind = 2;
      payload = Buffer.from(String((e as Error)?.message ?? e), 'utf8').subarray(0, BYTES);
    }
    body.set(payload);
    head[1] = kind;
    head[2] = payload.length;
    Atomics.store(head, 0, 1);
    Atomics.notify(head, 0);
  });
  port1.unref();
  return { bridge: { port: port2, shared, where: store.where }, close: () => port1.close() };
}

/** The worker's side: a KeyStore whose calls block until the starting thread has answered. */
export function bridgedKeyStore(bridge: KeyBridge): KeyStore {
  const head = new Int32Array(bridge.shared, 0, SLOTS);
  const body = new Uint8Array(bridge.shared, SLOTS * 4);
  const ask = (op: 'read' | 'write', key?: Buffer): Buffer | null => {
    Atomics.store(head, 0, 0);
    bridge.port.postMessage({ op, key });
    if (Atomics.wait(head, 0, 0, WAIT_MS) === 'timed-out') throw new Error(`读取数据库密钥超时（${bridge.where}）`);
    const kind = head[1];
    const bytes = Buffer.from(body.slice(0, head[2]));
    if (kind === 2) throw new Error(bytes.toString('utf8'));
    return kind === 1 ? bytes : null;
  };
  return { read: () => ask('read'), write: (key) => void ask('write', key), where: bridge.where };
}
