import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, signIn, type TestCore, TEST_PASSWORD } from '../../../test/helpers/sessions';
import { clientDelayMs, resetClientFailures } from './login';
import { setTestPasswordCost } from './password';

let t: TestCore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
  resetClientFailures();
});

/** A clock the test moves by hand, for lock-outs and session timeouts. */
function clock(start = '2026-11-24T08:00:00.000Z') {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (minutes: number) => (at += minutes * 60_000) };
}

const login = (tc: TestCore, username: string, password: string, client = '10.1.1.1') =>
  tc.core.call('auth.login', { username, password }, { client, local: false });

describe('first administrator', () => {
  it('a new database without the environment password has no users and is set up only from this machine', async () => {
    t = await openTestCore({ adminPassword: undefined });
    const status = await t.core.call('auth.status', {}, { client: '10.0.0.8', local: false });
    expect(status.envelope).toMatchObject({ ok: true, data: { needsSetup: true, setupAllowedHere: false, me: null } });
    const remote = await t.core.call('auth.setup', { username: 'admin', displayName: '管理员', password: TEST_PASSWORD }, { client: '10.0.0.8', local: false });
    expect(remote.envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!remote.envelope.ok && remote.envelope.error.message).toContain('本机');
    const local = await t.core.call('auth.setup', { username: 'admin', displayName: '管理员', password: TEST_PASSWORD }, { client: '127.0.0.1', local: true });
    expect(local.envelope).toMatchObject({ ok: true, data: { role: 'admin' } });
    expect(local.session.set).toBeTruthy();
    const again = await t.core.call('auth.setup', { username: 'x2', displayName: '第二', password: TEST_PASSWORD }, { client: '127.0.0.1', local: true });
    expect(again.envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses passwords shorter than 8 characters', async () => {
    t = await openTestCore({ adminPassword: undefined });
    const r = await t.core.call('auth.setup', { username: 'admin', displayName: '管理员', password: 'short' }, { client: '127.0.0.1', local: true });
    expect(r.envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('密码至少 8 位') } });
  });

  it('stores passwords as salted scrypt hashes with their cost parameters, at the production cost', async () => {
    t = await openTestCore();
    const rows = t.core.db.prepare('SELECT password_hash AS h FROM users').all() as { h: string }[];
    expect(rows.length).toBe(6);
    for (const { h } of rows) expect(h).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(new Set(rows.map((r) => r.h)).size).toBe(6);
    // The suite hashes at a lower cost (test/setup/fast-passwords.ts); the app at this one.
    setTestPasswordCost(null);
    try {
      const admin = await signIn(t.core, 'admin');
      expect((await admin('users.create', { username: 'cost', displayName: '成本', role: 'viewer', password: 'Temp-pass-1' })).ok).toBe(true);
      const row = t.core.db.prepare(`SELECT password_hash AS h FROM users WHERE username = 'cost'`).get() as { h: string };
      expect(row.h).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect((await login(t, 'cost', 'Temp-pass-1')).envelope.ok).toBe(true);
    } finally {
      setTestPasswordCost({ N: 1024, r: 8, p: 1 });
    }
  });
});

describe('sign-in', () => {
  it('gives the same message for a wrong password and an unknown user name', async () => {
    t = await openTestCore();
    const wrong = await login(t, 'admin', 'not-the-password');
    const unknown = await login(t, 'nobody', 'not-the-password');
    expect(wrong.envelope).toEqual(unknown.envelope);
    expect(wrong.envelope).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } });
  });

  it('locks a user name on one address for 15 minutes after five failures there, logs it, and unlocks after', async () => {
    const c = clock();
    t = await openTestCore({ now: c.now });
    for (let i = 0; i < 4; i++) expect((await login(t, 'zhihui', 'wrong-password', '10.0.0.9')).envelope).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await login(t, 'zhihui', 'wrong-password', '10.0.0.9')).envelope).toMatchObject({ error: { code: 'LOCKED' } });
    expect((await login(t, 'zhihui', TEST_PASSWORD, '10.0.0.9')).envelope).toMatchObject({ error: { code: 'LOCKED' } });
    const events = t.core.db.prepare("SELECT detail FROM audit_log WHERE kind = 'security' AND username = 'zhihui'").all() as { detail: string }[];
    expect(events.map((e) => JSON.parse(e.detail).event)).toEqual(expect.arrayContaining(['locked', 'locked-attempt']));
    expect((await login(t, 'zhihui', TEST_PASSWORD, '10.0.0.10')).envelope.ok).toBe(true);
    c.advance(16);
    expect((await login(t, 'zhihui', TEST_PASSWORD, '10.0.0.9')).envelope.ok).toBe(true);
  });

  it('slows down an address that keeps failing, across user names', async () => {
    t = await openTestCore();
    for (let i = 0; i < 5; i++) await login(t, `name${i}`, 'wrong-password', '10.9.9.9');
    expect(clientDelayMs('10.9.9.9')).toBeGreaterThan(0);
    expect(clientDelayMs('10.9.9.10')).toBe(0);
    const events = t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE client = '10.9.9.9' AND kind = 'auth'").get() as { n: number };
    expect(events.n).toBe(5);
  });

  it('locks unknown user names the same way, so a lock does not reveal that a name exists', async () => {
    t = await openTestCore();
    for (let i = 0; i < 4; i++) await login(t, 'ghost', 'wrong-password', '10.0.1.9');
    expect((await login(t, 'ghost', 'wrong-password', '10.0.1.9')).envelope).toMatchObject({ error: { code: 'LOCKED' } });
  });

  it('a disabled user cannot sign in and is signed out', async () => {
    t = await openTestCore();
    const admin = await signIn(t.core, 'admin');
    const viewer = await signIn(t.core, 'lingdao');
    const users = (await admin('users.list', { q: 'lingdao' })) as { ok: true; data: { rows: { id: number; displayName: string }[] } };
    const u = users.data.rows[0]!;
    expect((await admin('users.update', { id: u.id, displayName: u.displayName, role: 'viewer', disabled: true })).ok).toBe(true);
    expect(await viewer('dashboard.summary')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await login(t, 'lingdao', TEST_PASSWORD)).envelope.ok).toBe(false);
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes, and after 12 hours however active', async () => {
    const c = clock();
    t = await openTestCore({ now: c.now });
    const me = await signIn(t.core, 'zhihui');
    c.advance(29);
    expect((await me('auth.me')).ok).toBe(true);
    c.advance(31);
    expect(await me('auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' } });

    const active = await signIn(t.core, 'zhihui');
    for (let step = 0; step < 36; step++) {
      c.advance(20);
      expect((await active('auth.me')).ok).toBe(true);
    }
    c.advance(1);
    expect((await active('auth.me')).ok).toBe(false);
  });

  it('stores only a hash of the token', async () => {
    t = await openTestCore();
    const me = await signIn(t.core, 'zhihui');
    const stored = t.core.db.prepare('SELECT token_hash AS h FROM sessions').all() as { h: string }[];
    expect(stored.some((s) => s.h === me.token)).toBe(false);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.h))).toBe(true);
  });

  it('sign out everywhere ends every session of the user', async () => {
    t = await openTestCore();
    const a = await signIn(t.core, 'zhihui');
    const b = await signIn(t.core, 'zhihui');
    expect((await a('auth.logout', { everywhere: true })).ok).toBe(true);
    expect((await b('auth.me')).ok).toBe(false);
  });
});

describe('passwords set by an administrator', () => {
  it('must be changed at first sign-in before anything else works', async () => {
    t = await openTestCore();
    const admin = await signIn(t.core, 'admin');
    const created = await admin('users.create', { username: 'wangwei', displayName: '王伟', role: 'command', password: 'Temp-pass-1' });
    expect(created).toMatchObject({ ok: true, data: { mustChangePassword: true } });
    const user = await signIn(t.core, 'wangwei', 'Temp-pass-1');
    expect(await user('dashboard.summary')).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(await user('auth.changePassword', { oldPassword: 'wrong', newPassword: 'New-pass-123' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect((await user('auth.changePassword', { oldPassword: 'Temp-pass-1', newPassword: 'New-pass-123' })).ok).toBe(true);
    expect((await user('dashboard.summary')).ok).toBe(true);
    expect((await login(t, 'wangwei', 'New-pass-123')).envelope.ok).toBe(true);
  });
});

describe('audit retention', () => {
  it('purges entries older than the retention period at start-up and keeps the rest', async () => {
    t = await openTestCore();
    const insert = t.core.db.prepare("INSERT INTO audit_log (ts, client, method, kind) VALUES (?, 'desktop', 'test.old', 'write')");
    const old = new Date();
    old.setFullYear(old.getFullYear() - 4);
    insert.run(old.toISOString());
    insert.run(new Date().toISOString());
    expect(() => t!.core.db.prepare("DELETE FROM audit_log WHERE method = 'test.old'").run()).toThrow(/不可删除/);
    const { purgeAudit } = await import('./audit');
    expect(purgeAudit(t.core.db, new Date())).toBe(1);
    expect((t.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'test.old'").get() as { n: number }).n).toBe(1);
  });
});
