import { useEffect, useState } from 'react';

/**
 * When the whole database is swapped in place (重置为演示数据) the session survives, so
 * instead of a page reload the shell remounts the current page and every view loads afresh.
 */
const EVENT = 'street-command:data-replaced';

export function announceDataReplaced(): void {
  window.dispatchEvent(new Event(EVENT));
}

/** A number that changes each time the data was replaced; use it as a React key or a load dependency. */
export function useDataEpoch(): number {
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    const bump = () => setEpoch((n) => n + 1);
    window.addEventListener(EVENT, bump);
    return () => window.removeEventListener(EVENT, bump);
  }, []);
  return epoch;
}
