// `npm test`: the type checks and lint run beside the test suite, not before it. They are
// single-threaded and the suite leaves part of a two-core machine idle (browser pages and
// servers wait on each other), so side by side the whole takes about as long as the suite.
// Any arguments go to vitest (.ci/run passes its reporters). Exits non-zero when any part fails.
import { spawn } from 'node:child_process';
import process from 'node:process';

const checks = ['typecheck', 'lint'];
const vitestArgs = process.argv.slice(2);

/** Runs a command; its output is kept (checks) or passed through (the suite). */
function run(command, args, { quiet }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { shell: process.platform === 'win32', stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

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
const suite = run(npx, ['vitest', 'run', ...vitestArgs], { quiet: false });

const [failedChecks, { code: suiteCode }] = await Promise.all([checking, suite]);
for (const { script, output } of failedChecks) process.stderr.write(`\n[npm test] npm run ${script} failed:\n${output}\n`);
process.exit(failedChecks.length || suiteCode !== 0 ? 1 : 0);
