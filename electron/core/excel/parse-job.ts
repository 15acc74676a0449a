import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { type ParsePlan, planParse, type Sheet, toSheets } from './read-workbook';

/**
 * Parsing a big workbook is one long synchronous SheetJS call (seconds for 150,000
 * rows), so it runs in a worker thread: the app keeps answering, the user sees the
 * stage reached, and 取消 terminates the worker — parsing writes nothing, so nothing
 * needs undoing. The worker is plain JavaScript loading SheetJS by absolute path, so
 * the same code runs under tsx, vitest and the bundled Electron main process.
 */
/** Rows per message from the parse worker (about 20 ms to decode). */
const SLICE_ROWS = 5000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const XLSX = require(workerData.xlsxPath);
XLSX.set_cptable(require(workerData.cptablePath));
const { plan } = workerData;
parentPort.postMessage({ stage: 'parsing' });
try {
  const input = plan.kind === 'text' ? plan.text : Buffer.from(plan.bytes.buffer, plan.bytes.byteOffset, plan.bytes.byteLength);
  const book = XLSX.read(input, plan.options);
  parentPort.postMessage({ stage: 'rows' });
  const sheets = book.SheetNames.map((name) => {
    const ws = book.Sheets[name];
    return { name, rows: XLSX.utils.sheet_to_json(ws, { header: 1, raw: true, defval: null, blankrows: true }), merges: ws['!merges'] || [] };
  });
  // Rows go over in slices, each when the receiving thread asks for it: decoding 150,000 rows
  // at once would hold the core's thread for half a second.
  const slices = [];
  for (const s of sheets) for (let i = 0; i < s.rows.length; i += ${SLICE_ROWS}) slices.push({ sheet: s.name, rows: s.rows.slice(i, i + ${SLICE_ROWS}) });
  const done = { stage: 'done', sheets: sheets.map((s) => ({ name: s.name, rows: [], merges: s.merges })) };
  const next = () => parentPort.postMessage(slices.length ? { stage: 'slice', ...slices.shift() } : done);
  parentPort.on('message', next);
  next();
} catch (e) {
  parentPort.postMessage({ stage: 'failed', message: String((e && e.message) || e) });
}
`;

const xlsxPath = createRequire(import.meta.url).resolve('xlsx');
/** Code pages for Excel 2.x–95 text (GBK in China), as read-workbook.ts sets them on this thread. */
const cptablePath = createRequire(import.meta.url).resolve('xlsx/dist/cpexcel.js');

export type JobState = 'queued' | 'parsing' | 'rows' | 'done' | 'failed' | 'cancelled';

interface Job {
  id: string;
  userId: number;
  state: JobState;
  error?: string;
  sheets?: Sheet[];
  worker?: Worker;
  finished: Promise<void>;
}

const jobs = new Map<string, Job>();

/** Starts parsing in a worker; format checks that need no parsing fail at once. */
export function startParse(bytes: Buffer, fileName: string, userId: number): Job {
  const plan: ParsePlan = planParse(bytes, fileName);
  const id = crypto.randomUUID();
  let resolveFinished!: () => void;
  const job: Job = { id, userId, state: 'queued', finished: new Promise((r) => (resolveFinished = r)) };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { xlsxPath, cptablePath, plan } });
  job.worker = worker;
  const received = new Map<string, unknown[][]>();
  worker.on('message', (m: { stage: JobState | 'slice'; sheets?: Sheet[]; sheet?: string; rows?: unknown[][]; message?: string }) => {
    if (job.state === 'cancelled') return;
    if (m.stage === 'slice') {
      const rows = received.get(m.sheet!) ?? [];
      for (const r of m.rows!) rows.push(r);
      received.set(m.sheet!, rows);
      // The next slice after this thread has had a turn for other callers.
      setImmediate(() => worker.postMessage('next'));
    } else if (m.stage === 'done') {
      try {
        job.sheets = toSheets(
          m.sheets!.map((s) => ({ ...s, rows: received.get(s.name) ?? [] })),
          fileName,
        );
        job.state = 'done';
      } catch (e) {
        job.state = 'failed';
        job.error = (e as Error).message;
      } finally {
        received.clear();
        // It waits for more requests for slices: done, it is ended here.
        void worker.terminate();
      }
    } else if (m.stage === 'failed') {
      job.state = 'failed';
      job.error = parseFailure(m.message ?? '', fileName);
    } else job.state = m.stage;
  });
  worker.on('error', (e) => {
    job.state = 'failed';
    job.error = parseFailure(e.message, fileName);
  });
  worker.on('exit', () => {
    job.worker = undefined;
    if (job.state !== 'done' && job.state !== 'failed' && job.state !== 'cancelled') {
      job.state = 'failed';
      job.error = parseFailure('', fileName);
    }
    resolveFinished();
  });
  jobs.set(id, job);
  return job;
}

function parseFailure(message: string, fileName: string): string {
  if (/password|encrypt/i.test(message)) return `文件“${fileName}”设置了打开密码，请在 Excel/WPS 中取消密码后再导入`;
  return `文件“${fileName}”不是可识别的表格文件（支持 .xlsx、.xls、.et、.csv、.ods）`;
}

export function getJob(id: string, userId: number): Job {
  const job = jobs.get(id);
  if (!job || job.userId !== userId) throw new ApiError('NOT_FOUND', '导入任务不存在或已结束，请重新选择文件');
  return job;
}

export async function cancelJob(id: string, userId: number): Promise<void> {
  const job = getJob(id, userId);
  if (job.state === 'done' || job.state === 'failed') return;
  job.state = 'cancelled';
  await job.worker?.terminate();
  await job.finished;
}

export const forgetJob = (id: string) => jobs.delete(id);

/** Rough progress for the bar: parsing dominates, so the stages are weighted by measured time. */
export const PROGRESS: Record<JobState, number> = { queued: 5, parsing: 20, rows: 80, done: 100, failed: 100, cancelled: 100 };
