import { contextBridge, ipcRenderer } from 'electron';
import { type Bridge, METHOD_NAME_RE } from '../../shared/api/bridge';

/**
 * The only thing the sandboxed page gets: one typed `api` (`call`, and `printToPdf` for documents). Each contract method
 * has its own IPC channel `api:<name>` registered by the main process, so an unknown
 * name finds no handler. This file is bundled to CommonJS (sandboxed preloads must be).
 */
const api: Bridge = {
  call: (name, input) =>
    METHOD_NAME_RE.test(name)
      ? ipcRenderer.invoke(`api:${name}`, input)
      : Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口：${String(name)}` } }),
  // The one thing outside the contract: printing is the window's, not the core's.
  printToPdf: (fileName) => ipcRenderer.invoke('app:printToPdf', String(fileName)),
};

contextBridge.exposeInMainWorld('api', api);
