import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module at its one seam, for unit tests of the thin
 * desktop layer (Electron itself cannot be downloaded on the build machines).
 */
type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents {
  listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  on(event: string, fn: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = fn;
  }
  /** Fires an event the way Electron does and says whether a listener prevented it. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const e = { preventDefault: () => (prevented = true) };
    for (const fn of this.listeners.get(event) ?? []) fn(e, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(public options: Record<string, unknown>) {
    FakeBrowserWindow.created.push(this);
  }
  once() {
    return this;
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
}

export class FakeIpcMain {
  handlers = new Map<string, Listener>();
  handle(channel: string, fn: Listener) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
}

export const exposed: Record<string, unknown> = {};
export const ipcRenderer = { invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } })) };

export const fakeElectron = {
  BrowserWindow: FakeBrowserWindow,
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer,
};
