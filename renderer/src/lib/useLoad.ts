import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads data for a view and reloads when `deps` change. Late answers from an older
 * request are dropped, so a fast typist never sees stale search results.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    load().then(
      (d) => mine === seq.current && (setData(d), setError(null), setLoading(false)),
      (e: Error) => mine === seq.current && (setError(e.message), setLoading(false)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { data, error, loading, reload: run };
}
