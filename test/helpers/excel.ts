import type { Envelope } from '../../shared/api';
import type { Call } from './sessions';

/** Uploads a file and waits for the background parse; resolves like a call: the upload or the Chinese error. */
export async function uploadFile(call: Call, table: string, fileName: string, base64: string): Promise<Envelope<{ uploadId: string }>> {
  const started = await call('excel.upload', { table, fileName, base64 });
  if (!started.ok) return started as Envelope<{ uploadId: string }>;
  const { jobId } = started.data as { jobId: string };
  for (let i = 0; i < 600; i++) {
    const job = await call('excel.job', { jobId });
    if (!job.ok) return job as Envelope<{ uploadId: string }>;
    const j = job.data as { state: string; error: string | null; uploadId: string | null };
    if (j.state === 'failed') return { ok: false, error: { code: 'VALIDATION', message: j.error ?? '' } };
    if (j.uploadId) return { ok: true, data: { uploadId: j.uploadId } };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('parse did not finish in time');
}
