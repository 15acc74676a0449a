import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Debian's Chromium, never a downloaded browser build. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
}

/** Starts `npm run serve` exactly as a user would (same CLI), on a free port. */
export async function startServer(dataDir: string, extra: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const args = ['electron/server/cli.ts', '--port', String(port), '--data', dataDir, '--key-file', `${dataDir}.key`, ...extra];
  const child: ChildProcess = spawn(tsx, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
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
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Calls the API of a running server directly, to check what the UI saved. */
export async function apiCall<T>(server: RunningServer, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const env = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!env.ok) throw new Error(env.error?.message);
  return env.data;
}
