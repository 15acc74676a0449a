import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { residentRoster } from '../../../test/helpers/worker-office';

let t: TestCore;
let call: Call;
beforeAll(async () => {
  t = await openTestCore();
  call = await signInAs(t.core, 'command');
});
afterAll(() => t.cleanup());

type Progress = { phase: 'preview' | 'commit'; done: number; total: number } | null;

/** Polls excel.progress until `work` settles: what the page's bar would have shown. */
async function watch<T>(uploadId: string, work: Promise<T>): Promise<{ result: T; seen: Progress[] }> {
  const seen: Progress[] = [];
  let settled = false;
  const result = work.finally(() => (settled = true));
  while (!settled) {
    seen.push(unwrap<Progress>(await call('excel.progress', { uploadId })));
    await new Promise((r) => setImmediate(r));
  }
  return { result: await result, seen };
}

describe('import progress', () => {
  it('the preview and the commit report rows done out of rows total while they run, and other calls are answered between steps', async () => {
    const compounds = unwrap<{ rows: { name: string }[] }>(await call('compounds.list', { pageSize: 20 })).rows.map((c) => c.name);
    const { uploadId } = unwrap<{ uploadId: string }>(await uploadFile(call, 'residents', '居民.xlsx', residentRoster(12_000, compounds).toString('base64')));

    const preview = await watch(uploadId, call('excel.preview', { uploadId }));
    expect(preview.result).toMatchObject({ ok: true, data: { total: 12_000 } });
    const midPreview = preview.seen.filter((p) => p && p.phase === 'preview' && p.done > 0 && p.done < p.total);
    expect(midPreview.length).toBeGreaterThan(0);
    expect(midPreview.every((p) => p!.total === 12_000)).toBe(true);

    const commit = await watch(uploadId, call('excel.commit', { uploadId }));
    expect(commit.result).toMatchObject({ ok: true, data: { created: 12_000 } });
    const midCommit = commit.seen.filter((p) => p && p.phase === 'commit' && p.done > 0 && p.done < p.total);
    expect(midCommit.length).toBeGreaterThan(0);
    // Done with: the upload has left memory.
    expect(await call('excel.progress', { uploadId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 120_000);
});
