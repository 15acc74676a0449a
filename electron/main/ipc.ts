import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { methodNames } from '../../shared/api';
import type { Core } from '../core/registry/core';
import { isTrustedUrl } from './window';

export interface ApiBinding {
  /** The registered channels, one per contract method. */
  channels: string[];
  /** The session token of a window (webContents id), or null when it is signed out. */
  tokenFor(webContentsId: number): string | null;
  /** The token of the most recently signed-in window still signed in (the app has one window). */
  latestToken(): string | null;
}

/**
 * One ipcMain.handle per contract method, all forwarding to the core's call(). Only
 * the app's own page may call: a frame from anywhere else gets a refusal. The session
 * token stays in the main process, keyed by window: the page never sees it (the app://
 * tile route asks for it here).
 */
export function registerApi(ipcMain: IpcMain, core: Pick<Core, 'call'>, trustedOrigin: string): ApiBinding {
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
      if (session.set) {
        // Re-inserted so that latestToken() follows the most recent sign-in.
        tokens.delete(windowId);
        tokens.set(windowId, session.set);
      }
      if (session.clear) tokens.delete(windowId);
      return envelope;
    });
    return channel;
  });
  return {
    channels,
    tokenFor: (webContentsId) => tokens.get(webContentsId) ?? null,
    latestToken: () => [...tokens.values()].at(-1) ?? null,
  };
}
