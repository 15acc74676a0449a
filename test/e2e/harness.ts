import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type ConsoleMessage, type Page, type Request, type Response } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Debian's Chromium, never a downloaded browser build. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

export function tempDataDir(prefix = 'sc-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /** What the server has printed so far (for a failure's message). */
  log?: () => string;
}

/** The data folders' names of the run's demo offices (test/e2e/global-setup.ts). */
export const E2E_TEMPLATE_DIR = 'light-demo';
export const E2E_FULL_TEMPLATE_DIR = 'full-demo';
const DB_FILE = 'street-command.db';

/**
 * A new data folder gets a copy of the run's template office (made by this same CLI at the
 * start of the run: test/e2e/global-setup.ts), as if the server had made it: the light demo,
 * or with `--full-demo` the demo with its 140,000 residents once the background build of it
 * is done. A folder that already holds a database (a restart) is left as it is.
 */
async function seedFromTemplate(dataDir: string, args: string[]): Promise<void> {
  if (args.includes('--empty') || fs.existsSync(path.join(dataDir, DB_FILE))) return;
  let template: string | undefined;
  try {
    template = inject(args.includes('--full-demo') ? 'e2eFullTemplate' : 'e2eTemplate');
  } catch {
    // Outside a test file (the global setup making the templates, the bench): the server makes its own demo.
  }
  if (!template) return;
  await templateReady(template);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(path.join(template, DB_FILE), path.join(dataDir, DB_FILE));
  // A server stopped before its close finished leaves its last writes in the WAL: the file and its WAL are one state.
  const wal = `${DB_FILE}-wal`;
  if (fs.existsSync(path.join(template, wal))) fs.copyFileSync(path.join(template, wal), path.join(dataDir, wal));
  fs.copyFileSync(`${template}.key`, `${dataDir}.key`);
}

/** Waits for a template the global setup builds in the background (`<dir>.ready`, or `<dir>.failed` with why). */
async function templateReady(dir: string): Promise<void> {
  for (;;) {
    if (fs.existsSync(`${dir}.failed`)) throw new Error(`the demo template was not made:\n${fs.readFileSync(`${dir}.failed`, 'utf8')}`);
    if (fs.existsSync(`${dir}.ready`) || !fs.existsSync(`${dir}.building`)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface LaunchedServer extends RunningServer {
  /** Settles when the server prints that it has started (or rejects with its output). */
  started: Promise<void>;
}

/**
 * Starts `npm run serve` exactly as a user would (same CLI), on a free port; returns before it
 * has started. `startLimitMs` bounds the start (the full demo is built during it).
 */
export async function launchServer(dataDir: string, extra: string[] = [], startLimitMs = 150_000): Promise<LaunchedServer> {
  const port = await freePort();
  // The demo's 140,000 residents take seconds to make: browser tests that need them pass --full-demo.
  const demo = extra.includes('--full-demo') ? [] : ['--light-demo'];
  const args = [
    'electron/server/cli.ts',
    '--port',
    String(port),
    '--data',
    dataDir,
    '--key-file',
    `${dataDir}.key`,
    ...demo,
    ...extra.filter((a) => a !== '--full-demo'),
  ];
  // `node --import tsx`, as `npm run serve` runs it: one process. tsx's own launcher relays a
  // SIGTERM and SIGKILLs its child when the child does not confirm it within 30 ms, which on a
  // loaded machine cut the template server's close short (its users were still in the WAL).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { ...process.env, STREET_COMMAND_ADMIN_PASSWORD: E2E_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    // Generous: the full demo is built at start-up, and CI machines are often busy with other runs.
    const timer = setTimeout(() => reject(new Error(`server did not start in ${startLimitMs / 1000} s:\n${output}`)), startLimitMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('已启动')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => output,
    started,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // The exit also settles `started` of a server stopped while it was starting (the full
        // demo of a run without the files that need it): the run's teardown waits on that.
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Starts `npm run serve` exactly as a user would (same CLI), on a free port, from the run's template office. */
export async function startServer(dataDir: string, extra: string[] = []): Promise<RunningServer> {
  await seedFromTemplate(dataDir, extra);
  const server = await launchServer(dataDir, extra);
  await server.started;
  return { url: server.url, stop: server.stop, log: server.log };
}

/** The scripted set-up password for `admin` and the demo users (zhihui, shequ, wuzi, diaodu, lingdao). */
export const E2E_PASSWORD = 'E2e-pass-2026';

const cookies = new Map<string, string>();

/** Calls the API of a running server directly (signed in as `as`), to check what the UI saved. */
export async function apiCall<T>(server: RunningServer, name: string, input: unknown, as = 'admin'): Promise<T> {
  const key = `${server.url}|${as}`;
  if (!cookies.has(key)) {
    const login = await fetch(`${server.url}/api/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ username: as, password: E2E_PASSWORD }),
    });
    cookies.set(key, login.headers.get('set-cookie')!.split(';')[0]!);
  }
  const res = await fetch(`${server.url}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url, Cookie: cookies.get(key)! },
    body: JSON.stringify(input),
  });
  const env = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!env.ok) throw new Error(env.error?.message);
  return env.data;
}

/** Signs in through the real login form. */
export async function signInUI(page: Page, server: RunningServer, username: string, password = E2E_PASSWORD): Promise<void> {
  await page.context().clearCookies();
  await page.goto('about:blank');
  await page.goto(`${server.url}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  // What the page asked and heard while signing in: a sign-in that never ends says where it stuck.
  const started = Date.now();
  const heard: string[] = [];
  const hear = (line: string) => heard.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${line}`);
  const api = (url: string) => (url.includes('/api/') ? new URL(url).pathname : null);
  const onRequest = (r: Request) => void (api(r.url()) && hear(`→ ${api(r.url())}`));
  const onResponse = (r: Response) => void (api(r.url()) && hear(`${r.status()} ${api(r.url())}`));
  const onConsole = (m: ConsoleMessage) => void (m.type() === 'error' && hear(`console: ${m.text().slice(0, 200)}`));
  page.on('response', onResponse);
  page.on('request', onRequest);
  page.on('console', onConsole);
  try {
    await page.getByRole('button', { name: '登录' }).click();
    // The first page after sign-in: over 30 s on a full-demo server while another run loads the machine.
    await page.getByTestId('user-menu').waitFor({ timeout: 120_000 });
  } catch (e) {
    const text = await page
      .locator('body')
      .innerText({ timeout: 5_000 })
      .catch(() => '(unreadable)');
    throw new Error(
      `sign-in as ${username} did not reach the first page: ${(e as Error).message}\nurl: ${page.url()}\npage: ${text.slice(0, 400)}\nheard:\n${heard.join('\n')}\nserver said (last lines):\n${(server.log?.() ?? '').slice(-1500)}`,
    );
  } finally {
    page.off('response', onResponse);
    page.off('request', onRequest);
    page.off('console', onConsole);
  }
}

/**
 * One browser, one `npm run serve` on a fresh data folder and one signed-in page for a
 * test file, torn down after it. The returned object is filled in beforeAll.
 */
export function browserSession(username: string, opts: { viewport?: { width: number; height: number }; serverArgs?: string[] } = {}) {
  const s = {} as { browser: Browser; server: RunningServer; page: Page };
  const dataDir = tempDataDir();
  beforeAll(async () => {
    s.browser = await launchBrowser();
    s.server = await startServer(dataDir, opts.serverArgs);
    s.page = await (await s.browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    await signInUI(s.page, s.server, username);
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.key`, { force: true });
  });
  return s;
}
