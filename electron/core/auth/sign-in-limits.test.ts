import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HttpOffice, openHttpOffice } from '../../../test/helpers/http-office';
import { TEST_PASSWORD } from '../../../test/helpers/sessions';
import { clientDelayMs, resetClientFailures } from './login';

/** Over HTTP: 127.0.0.1 is the server's own machine; 127.0.0.2 … stand for other PCs on the office LAN. */
let o: HttpOffice;
beforeAll(async () => {
  o = await openHttpOffice();
});
afterAll(() => o.close());
afterEach(() => resetClientFailures());

const signIn = (username: string, password: string, from: string) => o.post('auth.login', { username, password }, { from });

describe('sign-in limits over HTTP', () => {
  it('five wrong guesses from another PC lock `admin` on that PC only; elsewhere and on the machine itself the right password works', async () => {
    const attacker = '127.0.0.2';
    for (let i = 0; i < 4; i++) expect((await signIn('admin', 'guess-number-' + i, attacker)).status).toBe(401);
    const fifth = await signIn('admin', 'guess-number-5', attacker);
    expect(fifth.status).toBe(429);
    expect(fifth.body).toMatchObject({ ok: false, error: { code: 'LOCKED', message: expect.stringContaining('锁定 15 分钟') } });
    expect((await signIn('admin', TEST_PASSWORD, attacker)).status).toBe(429);

    expect((await signIn('admin', TEST_PASSWORD, '127.0.0.3')).status).toBe(200);
    // The machine itself: never locked, whatever was tried from it.
    for (let i = 0; i < 6; i++) expect((await signIn('admin', 'local-guess-' + i, '127.0.0.1')).status).toBe(401);
    expect((await signIn('admin', TEST_PASSWORD, '127.0.0.1')).status).toBe(200);
    const events = o.t.core.db.prepare("SELECT client, detail FROM audit_log WHERE username = 'admin' AND kind = 'security'").all() as {
      client: string;
      detail: string;
    }[];
    expect(events.map((e) => [e.client, JSON.parse(e.detail).event])).toEqual(
      expect.arrayContaining([
        [attacker, 'locked'],
        [attacker, 'locked-attempt'],
      ]),
    );
  });

  it('signing in with one’s own account between guesses does not win back full speed', async () => {
    const attacker = '127.0.0.4';
    for (let i = 0; i < 5; i++) await signIn(`someone${i}`, 'wrong-password', attacker);
    expect(clientDelayMs(attacker)).toBeGreaterThan(0);
    expect((await signIn('zhihui', TEST_PASSWORD, attacker)).status).toBe(200);
    expect(clientDelayMs(attacker)).toBeGreaterThan(0);
    expect(clientDelayMs('127.0.0.5')).toBe(0);
  });

  it('修改密码 with wrong old passwords: the fifth ends the session', async () => {
    const from = '127.0.0.6';
    const cookie = await o.login('diaodu', TEST_PASSWORD, from);
    const change = (oldPassword: string) => o.post('auth.changePassword', { oldPassword, newPassword: 'Brand-new-pass-1' }, { cookie, from });
    for (let i = 0; i < 4; i++) {
      const r = await change('old-guess-' + i);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: { message: '原密码不正确' } });
    }
    const fifth = await change('old-guess-5');
    expect(fifth.status).toBe(401);
    expect(fifth.body).toMatchObject({ error: { message: expect.stringContaining('已退出登录') } });
    expect(fifth.cookie).toBe('sc_session=');
    // The stolen or unattended session is gone, right password or not.
    expect((await change(TEST_PASSWORD)).status).toBe(401);
    expect((await o.post('auth.me', {}, { cookie, from })).status).toBe(401);
    expect((await signIn('diaodu', TEST_PASSWORD, from)).status).toBe(200);
    const logged = o.t.core.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE username = 'diaodu' AND method = 'auth.changePassword' AND kind = 'security'")
      .get() as { n: number };
    expect(logged.n).toBe(1);
  });
});
