import { useEffect, useState } from 'react';
import { call } from '../api/client';

/**
 * The data version of the core, polled every few seconds while the page is visible: it
 * moves after any write by anyone (this window, another PC on the LAN, another process),
 * so views that depend on it reload by themselves. Polling a string is cheap for the
 * core and works the same over IPC and HTTP.
 */
export function useDataVersion(intervalMs = 3000): string {
  const [version, setVersion] = useState('');
  useEffect(() => {
    let stopped = false;
    const poll = () => {
      if (document.visibilityState !== 'visible') return;
      call('system.changes', {}).then(
        (r) => !stopped && setVersion(r.version),
        () => undefined,
      );
    };
    poll();
    const t = setInterval(poll, intervalMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      stopped = true;
      clearInterval(t);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [intervalMs]);
  return version;
}
