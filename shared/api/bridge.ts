import type { Envelope } from './errors';

/** What the preload exposes as window.api and what the HTTP client implements. */
export interface Bridge {
  call(name: string, input: unknown): Promise<Envelope>;
}

/** Method names are `<feature>.<verb>`; anything else is refused before it reaches IPC. */
export const METHOD_NAME_RE = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;
