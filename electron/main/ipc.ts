import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { methodNames } from '../../shared/api';
import type { Core } from '../core/core';
import { isTrustedUrl } from './window';

/**
 * One ipcMain.handle per contract method, all forwarding to the core's call(). Only
 * the app's own page may call: a frame from anywhere else gets a refusal.
 */
export function registerApi(ipcMain: IpcMain, core: Pick<Core, 'call'>, trustedOrigin: string): string[] {
  const channels = methodNames.map((name) => {
    const channel = `api:${name}`;
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url, trustedOrigin)) {
        return { ok: false, error: { code: 'BAD_REQUEST', message: '拒绝来自非本程序页面的请求' } };
      }
      return core.call(name, input, 'desktop');
    });
    return channel;
  });
  return channels;
}
