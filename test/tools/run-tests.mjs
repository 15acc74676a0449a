// `npm test`: the unit files, the browser files, the type checks and lint, side by side.
//
// The unit files keep both cores busy; the browser files mostly wait on a server and a page
// and ran one after another for minutes once the unit files were done. So they run in a
// vitest process of their own from the start, beside the unit files' process, and the type
// checks and lint run beside both. Any arguments go to both vitest processes (.ci/run passes
// its reporters; a JSON report asked for is written as one report of the two). With
// `--project`, one vitest process runs as asked. Exits non-zero when any part fails.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import process from 'node:process';

const checks = ['typecheck', 'lint'];
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs a command; its output is kept (checks) or passed through (the suites). */
function run(command, commandArgs, { quiet }) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { shell: process.platform === 'win32', stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const checking = (async () => {
  const failed = [];
  for (const script of checks) {
    const started = Date.now();
    const { code, output } = await run(npm, ['run', '--silent', script], { quiet: true });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (code !== 0) failed.push({ script, output });
    process.stderr.write(`\n[npm test] npm run ${script}: ${code === 0 ? 'passed' : 'FAILED'} (${seconds} s)\n`);
  }
  return failed;
})();

/** The JSON report asked for (`--outputFile.json=…` or `--outputFile.json …`), and the other arguments. */
function splitReport(list) {
  const rest = [];
  let report = null;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (a.startsWith('--outputFile.json=')) report = a.slice('--outputFile.json='.length);
    else if (a === '--outputFile.json') report = list[++i];
    else rest.push(a);
  }
  return { report, rest };
}

/** One report of several: what .ci/run and a reader of the JSON expect of a single run. */
function mergeReports(files, into) {
  const parts = files.filter((f) => fs.existsSync(f) && fs.statSync(f).size > 0).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  if (parts.length === 0) return;
  const sum = (k) => parts.reduce((a, p) => a + (p[k] ?? 0), 0);
  const merged = {
    ...parts[0],
    success: parts.every((p) => p.success),
    startTime: Math.min(...parts.map((p) => p.startTime)),
    testResults: parts.flatMap((p) => p.testResults),
  };
  for (const k of Object.keys(parts[0])) if (typeof parts[0][k] === 'number' && k !== 'startTime') merged[k] = sum(k);
  fs.writeFileSync(into, JSON.stringify(merged));
  for (const f of files) fs.rmSync(f, { force: true });
}

const vitest = (extra, report) => run(npx, ['vitest', 'run', ...extra, ...(report ? [`--outputFile.json=${report}`] : [])], { quiet: false });

/** Both vitest processes at once, as one result (and one JSON report when one is asked for). */
async function unitAndBrowserFiles() {
  const { report, rest } = splitReport(args);
  const parts = report ? [`${report}.unit`, `${report}.e2e`] : [null, null];
  // A file filter may name files of one process only: the other then has nothing to run, which is not a failure.
  const done = await Promise.all([
    vitest(['--project', 'unit', '--project', 'unit-electron', '--passWithNoTests', ...rest], parts[0]),
    vitest(['--project', 'e2e', '--passWithNoTests', ...rest], parts[1]),
  ]);
  if (report) mergeReports(parts, report);
  return { code: done.some((d) => d.code !== 0) ? 1 : 0 };
}

const suite = args.includes('--project') ? vitest(args, null) : unitAndBrowserFiles();
const [failedChecks, { code: suiteCode }] = await Promise.all([checking, suite]);
for (const { script, output } of failedChecks) process.stderr.write(`\n[npm test] npm run ${script} failed:\n${output}\n`);
process.exit(failedChecks.length || suiteCode !== 0 ? 1 : 0);
