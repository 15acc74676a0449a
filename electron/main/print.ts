import fs from 'node:fs';
import type { BrowserWindow, Dialog, IpcMain, WebContents } from 'electron';
import type { PdfResult } from '../../shared/api/bridge';
import { isTrustedUrl } from './window';

export const PRINT_CHANNEL = 'app:printToPdf';

/** Keeps a suggested file name to a plain name: no folders, no characters Windows refuses. */
export function safePdfName(name: unknown): string {
  const base =
    String(name ?? '')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what Windows refuses
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .trim()
      .slice(0, 120) || '打印';
  return base.toLowerCase().endsWith('.pdf') ? base : `${base}.pdf`;
}

/**
 * 导出 PDF on the desktop: the page the user sees goes through Chromium's print pipeline
 * (print CSS, A4, backgrounds on) and is saved where the user chooses. Only the app's own
 * page may ask. The browser/LAN mode prints through the browser's dialog instead.
 */
export function registerPrint(
  ipcMain: IpcMain,
  dialog: Pick<Dialog, 'showSaveDialog'>,
  windowOf: (contents: WebContents) => BrowserWindow | null,
  trustedOrigin: string,
): void {
  ipcMain.handle(PRINT_CHANNEL, async (event, fileName: unknown): Promise<PdfResult> => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '', trustedOrigin)) return { ok: false, message: '拒绝来自外部页面的请求' };
    try {
      const pdf = await event.sender.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      const win = windowOf(event.sender);
      const options = { title: '导出 PDF', defaultPath: safePdfName(fileName), filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] };
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { ok: true, path: null };
      // Written beside and renamed, so a full disk or a crash never leaves half a PDF under the chosen name.
      const tmp = `${choice.filePath}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, pdf);
      await fs.promises.rename(tmp, choice.filePath);
      return { ok: true, path: choice.filePath };
    } catch (e) {
      return { ok: false, message: `导出 PDF 失败：${e instanceof Error ? e.message : String(e)}` };
    }
  });
}
