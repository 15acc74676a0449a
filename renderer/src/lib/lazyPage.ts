import { type ComponentType, createElement, lazy } from 'react';

/**
 * A page whose code loads on first visit, with preload() to start that load early (at
 * boot, for the page the address already names). Once loaded, the page renders directly
 * instead of through React.lazy: a suspended boundary costs a fallback and React's reveal
 * throttle (about 300 ms) even when the code is already there.
 */
export function lazyPage<P extends object = Record<string, never>>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = null; // a later visit tries again (e.g. the server was restarting)
        throw e;
      },
    ));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  function Page(props: P) {
    return createElement(loaded ?? (Lazy as unknown as ComponentType<P>), props);
  }
  return { Page, preload };
}
