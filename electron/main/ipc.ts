import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { methodNames } from '../../shared/api';
import type { Core } from '../core/core';
import { isTrustedUrl } from './window';

/**
 * One ipcMain.handle per contract method, all forwarding to the core's call(). Only
 * the app's own page may call: a frame from anywhere else gets a refusal. The session
 * token stays in the main process, keyed by window: the page never sees it.
 */
export function registerApi(ipcMain: IpcMain, core: Pick<Core, 'call'>, trustedOrigin: string): string[] {
  const tokens = new Map<number, string>();
  const channels = methodNames.map((name) => {
    const channel = `api:${name}`;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url, trustedOrigin)) {
        return { ok: false, error: { code: 'BAD_REQUEST', message: '拒绝来自非本程序页面的请求' } };
      }
      const windowId = event.sender.id;
      const { envelope, session } = await core.call(name, input, { client: 'desktop', token: tokens.get(windowId) ?? null, local: true });
      if (session.set) tokens.set(windowId, session.set);
      if (session.clear) tokens.delete(windowId);
      return envelope;
    });
    return channel;
  });
  return channels;
}
