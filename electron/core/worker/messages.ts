import type { ApiErrorBody } from '../../../shared/api';
import type { CallResult } from '../api/call';
import type { Caller } from '../api/types';
import type { CoreOptions } from '../registry/core';
import type { TileReply } from '../map/packs';
import type { KeyBridge } from './key-bridge';

/** The options of a core that can cross to a worker (functions cannot). */
export type WorkerCoreOptions = Pick<CoreOptions, 'dataDir' | 'demoOnCreate' | 'demoResidents' | 'resetWithResidents' | 'transport' | 'adminPassword'>;

export interface HostData {
  opts: WorkerCoreOptions;
  key: KeyBridge;
  /** The built app's thread file for long jobs (db/job-thread.ts); absent under tsx. */
  threadFile?: string;
}

export type Request =
  | { id: number; op: 'call'; name: string; input: unknown; caller: Caller }
  | { id: number; op: 'precheck'; name: string; caller: Caller }
  | { id: number; op: 'tile'; token: string | null; packId: string; z: number; x: number; y: number }
  | { id: number; op: 'close' };

/** Sent with every reply: what the transports read synchronously between calls. */
export interface CoreState {
  imgOrigins: string[];
  recovering: boolean;
}

export type Reply =
  | ({ type: 'ready' } & CoreState)
  | { type: 'failed'; error: { message: string; code?: string; problem?: string } }
  | ({ type: 'reply'; id: number; value: CallResult | ApiErrorBody | TileReply | null } & CoreState);
