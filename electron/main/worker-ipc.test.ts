import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { utils, write } from 'xlsx';
import type { Envelope } from '../../shared/api';
import { copyDemoTemplate } from '../../test/helpers/demo-template';
import { TEST_PASSWORD } from '../../test/helpers/sessions';
import { openWorkerOffice, type WorkerOffice } from '../../test/helpers/worker-office';
import { FakeIpcMain, fakeElectron } from './fake-electron';

vi.mock('electron', () => fakeElectron);
const { registerApi } = await import('./ipc');

let office: WorkerOffice;
const ipc = new FakeIpcMain();
const invoke = <T>(name: string, input: unknown = {}) =>
  ipc.handlers.get(`api:${name}`)!({ sender: { id: 1 }, senderFrame: { url: 'app://street-command/index.html' } }, input) as Promise<Envelope<T>>;

beforeAll(async () => {
  office = await openWorkerOffice((dataDir, keyFile) => copyDemoTemplate('demo', TEST_PASSWORD, dataDir, keyFile));
  registerApi(ipc as never, office.core, 'app://street-command');
}, 120_000);
afterAll(() => office.close());

describe('the desktop window and the core in its worker', () => {
  it('signs in over IPC and uploads a workbook as bytes (no base64), which the worker parses into rows', async () => {
    expect(await invoke('auth.login', { username: 'zhihui', password: TEST_PASSWORD })).toMatchObject({ ok: true });
    const book = utils.book_new();
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([
        ['小区名称', '所属社区', '管理类型', '楼栋数', '户数', '人口'],
        ['窗口小区', '建设路社区', '自管', 1, 10, 30],
      ]),
      '小区',
    );
    const bytes = new Uint8Array(write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const up = await invoke<{ jobId: string }>('excel.upload', { table: 'compounds', fileName: '小区.xlsx', bytes });
    expect(up).toMatchObject({ ok: true });
    // Moved to the core's thread, not copied: the main process's copy is emptied.
    expect(bytes.byteLength).toBe(0);
    const { jobId } = (up as { ok: true; data: { jobId: string } }).data;
    let uploadId: string | null = null;
    await expect
      // The parse runs in a thread of its own, which takes a while to start on a loaded machine.
      .poll(async () => (uploadId = ((await invoke('excel.job', { jobId })) as { ok: true; data: { uploadId: string | null } }).data.uploadId), {
        timeout: 60_000,
      })
      .not.toBeNull();
    expect(await invoke('excel.preview', { uploadId })).toMatchObject({ ok: true, data: { total: 1, rows: [{ values: { name: '窗口小区' } }] } });
  }, 120_000);
});
