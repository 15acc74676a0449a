import { describe, expect, it, vi } from 'vitest';
import { exposed, fakeElectron, ipcRenderer } from './fake-electron';

vi.mock('electron', () => fakeElectron);
await import('../preload/index');

type Bridge = { call(name: string, input: unknown): Promise<{ ok: boolean }> };

describe('preload', () => {
  it('exposes exactly one object, api, with call and printToPdf', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed.api as object)).toEqual(['call', 'printToPdf']);
  });

  it('sends printToPdf to its one channel with a string file name', async () => {
    const api = exposed.api as { printToPdf(name: unknown): Promise<unknown> };
    await api.printToPdf('物资分配表-FP-20260203-001.pdf');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('app:printToPdf', '物资分配表-FP-20260203-001.pdf');
  });

  it('forwards a method to its own IPC channel', async () => {
    const api = exposed.api as Bridge;
    await api.call('compounds.list', { q: '馨苑' });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('api:compounds.list', { q: '馨苑' });
  });

  it('refuses malformed names without touching IPC', async () => {
    ipcRenderer.invoke.mockClear();
    const api = exposed.api as Bridge;
    const res = await api.call('../../evil', {});
    expect(res.ok).toBe(false);
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});
