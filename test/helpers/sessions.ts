import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Envelope } from '../../shared/api';
import type { Role } from '../../shared/domain/roles';
import { type Core, type CoreOptions, createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';
import { copyDemoTemplate } from './demo-template';

/** The password the scripted set-up gives `admin` and the demo users in tests. */
export const TEST_PASSWORD = 'Test-pass-2026';

/** The demo user of each role (see electron/core/auth/bootstrap.ts). */
export const ROLE_USER: Record<Role, string> = {
  admin: 'admin',
  command: 'zhihui',
  community: 'shequ',
  supplies: 'wuzi',
  roster: 'diaodu',
  viewer: 'lingdao',
};

export interface TestCore {
  core: Core;
  root: string;
  dataDir: string;
  cleanup(): void;
}

/** Options whose effect on a new demo office the template reproduces (the others build it afresh). */
const TEMPLATE_NEUTRAL = new Set(['demoResidents', 'transport', 'every', 'adminPassword']);

/** A real encrypted database in a temp folder, with `admin` and one demo user per role. */
export async function openTestCore(opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-test-'));
  const dataDir = path.join(root, 'data');
  // The plain demo office is copied from the run's template when nothing changes how it is made.
  if (Object.keys(opts).every((k) => TEMPLATE_NEUTRAL.has(k))) {
    const adminPassword = 'adminPassword' in opts ? opts.adminPassword : TEST_PASSWORD;
    await copyDemoTemplate(opts.demoResidents ? 'demo-residents' : 'demo', adminPassword, dataDir, path.join(root, 'db.key'));
  }
  const core = await createCore({
    dataDir,
    demoOnCreate: true,
    transport: 'http',
    keyStore: fileKeyStore(path.join(root, 'db.key')),
    adminPassword: TEST_PASSWORD,
    // The demo's 140,000 residents cost seconds; tests that need them ask.
    demoResidents: false,
    ...opts,
  });
  return {
    core,
    root,
    dataDir,
    cleanup: () => {
      core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export type Call = (name: string, input?: unknown) => Promise<Envelope>;

/** Signs in through auth.login and returns a caller bound to that session. */
export async function signIn(core: Pick<Core, 'call'>, username: string, password = TEST_PASSWORD, client = '127.0.0.1'): Promise<Call & { token: string }> {
  const { envelope, session } = await core.call('auth.login', { username, password }, { client, local: true });
  if (!envelope.ok || !session.set) throw new Error(`sign-in as ${username} failed: ${JSON.stringify(envelope)}`);
  const token = session.set;
  const fn = (name: string, input: unknown = {}) => core.call(name, input, { client, token, local: true }).then((r) => r.envelope);
  return Object.assign(fn, { token });
}

export const signInAs = (core: Pick<Core, 'call'>, role: Role) => signIn(core, ROLE_USER[role]);

/** A new user of `role` made by the administrator, past the forced first password change. */
export async function newUserAs(core: Core, role: Role, username = `u${role}${Date.now() % 100000}`): Promise<Call & { token: string }> {
  const admin = await signIn(core, 'admin');
  const made = await admin('users.create', { username, displayName: '测试用户', role, password: 'Temp-pass-1' });
  if (!made.ok) throw new Error(made.error.message);
  const first = await signIn(core, username, 'Temp-pass-1');
  const changed = await first('auth.changePassword', { oldPassword: 'Temp-pass-1', newPassword: TEST_PASSWORD });
  if (!changed.ok) throw new Error(changed.error.message);
  return first;
}

/** The data of a successful call, or a thrown error naming the code and Chinese message. */
export function unwrap<T>(e: Envelope): T {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
  return e.data as T;
}
