import { Card, Result, Spin } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { MeData } from '../../../../shared/api/auth';
import { call, onSessionLost } from '../../api/client';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LoginForm } from './LoginForm';
import { type Session, SessionContext } from './me';
import { SetupForm } from './SetupForm';
import { RecoveryPage } from '../recovery/RecoveryPage';
import type { ApiError } from '../../../../shared/api/errors';
import { useIdle } from './useIdle';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'recovery'; message: string }
  | { kind: 'setup'; allowed: boolean }
  | { kind: 'signedOut'; notice: string | null; lockedUser?: string }
  | { kind: 'signedIn'; me: MeData };

/**
 * Nothing of the app renders before sign-in. Idle time or a lost session shows the
 * sign-in form in place; the hash route is untouched, so the user returns to where
 * they were.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    // Opened from a pairing QR code (#/pair?code=…): spend the code, then forget it.
    const pairCode = /^#\/pair\?code=([\w-]+)/.exec(window.location.hash)?.[1];
    if (pairCode) {
      window.history.replaceState(null, '', `${window.location.pathname}#/`);
      call('auth.pair', { code: pairCode }).then(
        (me) => setState({ kind: 'signedIn', me }),
        (e: ApiError) => setState({ kind: 'signedOut', notice: `扫码登录失败：${e.message}` }),
      );
      return onSessionLost((message) => setState((s) => (s.kind === 'signedIn' ? { kind: 'signedOut', notice: message, lockedUser: s.me.username } : s)));
    }
    call('auth.status', {}).then(
      (s) =>
        setState(s.me ? { kind: 'signedIn', me: s.me } : s.needsSetup ? { kind: 'setup', allowed: s.setupAllowedHere } : { kind: 'signedOut', notice: null }),
      (e: ApiError) => setState({ kind: e.code === 'RECOVERY' ? 'recovery' : 'error', message: e.message }),
    );
    return onSessionLost((message) => setState((s) => (s.kind === 'signedIn' ? { kind: 'signedOut', notice: message, lockedUser: s.me.username } : s)));
  }, []);

  const signOut = useCallback(async (everywhere = false) => {
    await call('auth.logout', { everywhere }).catch(() => undefined);
    setState({ kind: 'signedOut', notice: everywhere ? '已在所有设备上退出登录' : '已退出登录' });
  }, []);
  const lock = useCallback(() => {
    setState((s) => (s.kind === 'signedIn' ? { kind: 'signedOut', notice: '长时间未操作，屏幕已锁定', lockedUser: s.me.username } : s));
    void call('auth.logout', { everywhere: false }).catch(() => undefined);
  }, []);
  const me = state.kind === 'signedIn' ? state.me : null;
  useIdle(me?.idleTimeoutMinutes ?? 30, lock, !!me);

  const session = useMemo<Session | null>(() => (me ? { me, can: (p) => me.permissions.includes(p), signOut, lock } : null), [me, signOut, lock]);

  switch (state.kind) {
    case 'loading':
      return <Spin fullscreen />;
    case 'recovery':
      return <RecoveryPage reason={state.message} />;
    case 'error':
      return <Result status="error" title="无法连接到指挥台服务" subTitle={state.message} />;
    case 'setup':
      return <SetupForm allowed={state.allowed} onDone={(m) => setState({ kind: 'signedIn', me: m })} />;
    case 'signedOut':
      return <LoginForm notice={state.notice} lockedUser={state.lockedUser} onSignedIn={(m) => setState({ kind: 'signedIn', me: m })} />;
    case 'signedIn':
      if (state.me.mustChangePassword) {
        return (
          <div className="login-page">
            <Card className="login-card" title="首次登录，请修改密码">
              <ChangePasswordForm onDone={() => setState({ kind: 'signedIn', me: { ...state.me, mustChangePassword: false } })} />
            </Card>
          </div>
        );
      }
      return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
  }
}
