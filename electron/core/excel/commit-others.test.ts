import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { residentRoster } from '../../../test/helpers/worker-office';

let t: TestCore;
let importer: Call;
let gate: Call;
let viewer: Call;
let compounds: string[];
let checkpointId: number;
// Each test on its own office: both import the same generated residents.
beforeEach(async () => {
  t = await openTestCore();
  importer = await signInAs(t.core, 'command');
  gate = await signInAs(t.core, 'command');
  viewer = await signInAs(t.core, 'viewer');
  compounds = unwrap<{ rows: { name: string }[] }>(await importer('compounds.list', { pageSize: 50 })).rows.map((c) => c.name);
  checkpointId = unwrap<{ rows: { id: number }[] }>(await importer('checkpoints.list', { pageSize: 1 })).rows[0]!.id;
});
afterEach(() => t.cleanup());

const count = (sql: string) => (t.core.db.prepare(sql).get() as { n: number }).n;
const nextTick = () => new Promise((r) => setImmediate(r));

async function previewed(call: Call, bytes: Buffer): Promise<string> {
  const { uploadId } = unwrap<{ uploadId: string }>(await uploadFile(call, 'residents', '居民排查.xlsx', bytes.toString('base64')));
  unwrap(await call('excel.preview', { uploadId, pageSize: 10 }));
  return uploadId;
}

interface Answer {
  /** Sent while the import's transaction was open on the writer connection. */
  inTransaction: boolean;
  /** Answered before the commit was. */
  beforeCommitEnded: boolean;
  envelope: Envelope;
}

/** Another PC calling `fn` again and again, one call at a time, until the commit settles. */
async function keepCalling(fn: () => Promise<Envelope>, commit: Promise<unknown>): Promise<Answer[]> {
  let ended = false;
  void commit.finally(() => (ended = true));
  const out: Answer[] = [];
  while (!ended) {
    const inTransaction = t.core.db.inTransaction;
    const envelope = await fn();
    out.push({ inTransaction, beforeCommitEnded: !ended, envelope });
    await nextTick();
  }
  return out;
}

const register = (n: number) => gate('registrations.create', { checkpointId, name: `来访${n}`, phone: '13900000000', temperature: 36.5 });

describe('other users during an import commit', () => {
  it('registrations are answered while the rows are staged, all are kept, and a refusal reads as it does without an import', async () => {
    const refusedAlone = await viewer('users.list', {});
    expect(refusedAlone).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const uploadId = await previewed(importer, residentRoster(25_000, compounds));
    const registrationsBefore = count('SELECT count(*) AS n FROM registrations');
    const refusalsBefore = count("SELECT count(*) AS n FROM audit_log WHERE method = 'users.list' AND kind = 'security'");

    const commit = importer('excel.commit', { uploadId });
    let n = 0;
    const [registrations, refusals] = await Promise.all([keepCalling(() => register(n++), commit), keepCalling(() => viewer('users.list', {}), commit)]);
    expect(await commit).toMatchObject({ ok: true, data: { created: 25_000 } });

    // Registrations sent during the commit were answered before it ended, not queued behind it.
    expect(registrations.filter((a) => a.envelope.ok && a.beforeCommitEnded).length).toBeGreaterThan(0);
    expect(registrations.every((a) => a.envelope.ok)).toBe(true);
    expect(count('SELECT count(*) AS n FROM registrations')).toBe(registrationsBefore + registrations.length);

    // Refused from the read connection while the transaction was open: the same answer, and its audit row is written after.
    const duringTx = refusals.filter((a) => a.inTransaction);
    expect(duringTx.length).toBeGreaterThan(0);
    for (const a of refusals) expect(a.envelope).toEqual(refusedAlone);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE method = 'users.list' AND kind = 'security'")).toBe(refusalsBefore + refusals.length);
  }, 180_000);

  it('when the import fails at its final write (another PC imported one of its residents meanwhile), nothing of it is kept and every registration is', async () => {
    const big = residentRoster(20_000, compounds.slice(0, 10));
    const bigId = await previewed(importer, big);
    // The other PC's file holds the big file's second resident (a header and that row).
    const second = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(big).Sheets['排查表']!, { header: 1 }).slice(0, 3);
    second.splice(1, 1);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(second), '排查表');
    const smallId = await previewed(gate, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const residentsBefore = count('SELECT count(*) AS n FROM residents');
    const registrationsBefore = count('SELECT count(*) AS n FROM registrations');

    const commit = importer('excel.commit', { uploadId: bigId });
    let n = 0;
    let small: Promise<Envelope> | null = null;
    const registrations = await keepCalling(async () => {
      const progress = unwrap<{ done: number } | null>(await importer('excel.progress', { uploadId: bigId }));
      // While the big file is being staged, the other PC commits its one resident.
      if (!small && progress && progress.done > 0 && !t.core.db.inTransaction) small = gate('excel.commit', { uploadId: smallId });
      return register(n++);
    }, commit);
    expect(await small).toMatchObject({ ok: true, data: { created: 1 } });
    const failed = await commit;
    expect(failed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!failed.ok && failed.error.message).toContain('本次导入未写入任何数据');

    expect(count('SELECT count(*) AS n FROM residents')).toBe(residentsBefore + 1);
    expect(registrations.filter((a) => a.envelope.ok && a.beforeCommitEnded).length).toBeGreaterThan(0);
    expect(registrations.every((a) => a.envelope.ok)).toBe(true);
    expect(count('SELECT count(*) AS n FROM registrations')).toBe(registrationsBefore + registrations.length);
  }, 180_000);
});
