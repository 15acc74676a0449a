import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeIpcMain, fakeElectron } from './fake-electron';

vi.mock('electron', () => fakeElectron);
const { PRINT_CHANNEL, registerPrint, safePdfName } = await import('./print');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-print-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const PDF = Buffer.from('%PDF-1.7 物资分配表');

function setup(savePath: string | null) {
  const ipc = new FakeIpcMain();
  const printToPDF = vi.fn(async () => PDF);
  const showSaveDialog = vi.fn(async (_options: { defaultPath?: string }) => ({ canceled: savePath === null, filePath: savePath ?? undefined }));
  registerPrint(ipc as never, { showSaveDialog } as never, () => null, 'app://street-command');
  const invoke = (url: string, name: unknown) => ipc.handlers.get(PRINT_CHANNEL)!({ sender: { printToPDF }, senderFrame: { url } }, name);
  return { invoke, printToPDF, showSaveDialog };
}

describe('导出 PDF (desktop)', () => {
  it('prints the page to A4 with print CSS and saves it where the user chooses', async () => {
    const target = path.join(dir, '分配表.pdf');
    const { invoke, printToPDF, showSaveDialog } = setup(target);
    expect(await invoke('app://street-command/index.html#/print/plan/1', '物资分配表-FP-001')).toEqual({ ok: true, path: target });
    expect(printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(showSaveDialog.mock.calls[0]![0]).toMatchObject({ defaultPath: '物资分配表-FP-001.pdf' });
    expect(fs.readFileSync(target).equals(PDF)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does nothing when the dialog is cancelled, and refuses other origins', async () => {
    const { invoke, printToPDF } = setup(null);
    expect(await invoke('app://street-command/index.html', 'x')).toEqual({ ok: true, path: null });
    expect(await invoke('https://evil.example/', 'x')).toEqual({ ok: false, message: '拒绝来自外部页面的请求' });
    expect(printToPDF).toHaveBeenCalledTimes(1);
  });

  it('keeps suggested names to plain file names', () => {
    expect(safePdfName('../../etc/passwd')).toBe('.._.._etc_passwd.pdf');
    expect(safePdfName('签收单:FP*1')).toBe('签收单_FP_1.pdf');
    expect(safePdfName('')).toBe('打印.pdf');
  });
});
