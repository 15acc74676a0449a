import type { Envelope } from './errors';

/** What the preload exposes as window.api and what the HTTP client implements. */
export interface Bridge {
  call(name: string, input: unknown): Promise<Envelope>;
  /**
   * Desktop only: the current page through Chromium's print pipeline (print CSS, A4) to
   * a PDF the user saves; `path` is null when the save dialog was cancelled.
   */
  printToPdf?(fileName: string): Promise<PdfResult>;
}

export type PdfResult = { ok: true; path: string | null } | { ok: false; message: string };

/** Method names are `<feature>.<verb>`; anything else is refused before it reaches IPC. */
export const METHOD_NAME_RE = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;
