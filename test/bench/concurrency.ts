import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { importOverHttp, type Latencies, loadUntil, openWorkerOffice, percentile, type Phases, residentRoster } from '../helpers/worker-office';

const CLIENTS = 10;
const QUIET_MS = 5000;

function row(label: string, l: Latencies, ms: number): string {
  const f = (xs: number[]) =>
    `p50 ${percentile(xs, 50).toFixed(0)} ms, p99 ${percentile(xs, 99).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length})`;
  return `${label.padEnd(16)} light: ${f(l.light)} | registration: ${f(l.registration)} | ${Math.round(((l.light.length + l.registration.length) / ms) * 1000)} req/s, ${l.failures.length} failed`;
}

/**
 * Ten office PCs reading and registering against `npm run serve`'s arrangement (the core in
 * its worker thread), first alone, then while one of them imports `rows` residents.
 */
export async function benchConcurrency(rows = 150_000): Promise<void> {
  console.log(
    `\n## LAN server under load: ${CLIENTS} clients (office.get + registrations.create), alone and during a ${rows.toLocaleString()}-row resident import`,
  );
  const office = await openWorkerOffice();
  try {
    const cookie = await office.login('zhihui');
    const compounds = (await office.post<{ rows: { name: string }[] }>('compounds.list', { pageSize: 200 }, cookie)).body;
    const checkpoints = (await office.post<{ rows: { id: number }[] }>('checkpoints.list', { pageSize: 1 }, cookie)).body;
    if (!compounds.ok || !checkpoints.ok) throw new Error('demo office not readable');
    const checkpointId = checkpoints.data.rows[0]!.id;
    const file = residentRoster(
      rows,
      compounds.data.rows.map((c) => c.name),
    );

    let t0 = performance.now();
    const quiet = await loadUntil(office, CLIENTS, checkpointId, () => ((t0 = performance.now()), new Promise((r) => setTimeout(r, QUIET_MS))));
    console.log(row('no import', quiet, performance.now() - t0));

    t0 = performance.now();
    const phases: Phases = {};
    const importing = importOverHttp(office, cookie, file, phases);
    const busy = await loadUntil(office, CLIENTS, checkpointId, importing);
    const imported = await importing;
    const took = performance.now() - t0;
    console.log(row('during import', busy, took));
    // Sent while the commit ran (the preview is the other half of the import).
    const inCommit = busy.answers.filter((a) => a.sent >= phases.commitStart! && a.sent <= phases.commitEnd!);
    const part = (kind: string) => inCommit.filter((a) => a.kind === kind).map((a) => a.answered - a.sent);
    const commitMs = phases.commitEnd! - phases.commitStart!;
    console.log(row('during commit', { ...busy, light: part('light'), registration: part('registration'), failures: [] }, commitMs));
    console.log(
      `import: ${imported.created.toLocaleString()} residents in ${(took / 1000).toFixed(1)} s; target p99 < 300 ms during the import, no connection reset (${busy.failures.length === 0 ? 'none' : busy.failures.slice(0, 3).join('; ')})`,
    );
  } finally {
    await office.close();
  }
  // Hostile uploads in a fresh process, so its peak memory is theirs alone.
  const run = fileURLToPath(new URL('../helpers/hostile-upload-run.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', run], { env: { ...process.env, BOMB_MB: '400' }, maxBuffer: 1 << 20 });
  const hostile = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    sizes: { bomb: number; far: number };
    messages: { bomb: string[]; far: string[] };
    maxRssMb: number;
  };
  console.log(`zip bomb (${(hostile.sizes.bomb / 1024).toFixed(0)} KB, a 400 MB shared string) ×3: ${hostile.messages.bomb[0]}`);
  console.log(`17-billion-cell sheet (${(hostile.sizes.far / 1024).toFixed(0)} KB) ×3: ${hostile.messages.far[0]}`);
  console.log(`peak memory of that process: ${hostile.maxRssMb} MB (target < 1024 MB)`);
}
