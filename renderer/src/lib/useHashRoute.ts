import { useEffect, useState } from 'react';

/**
 * The current section from location.hash (#/places → "places"), and the query after it
 * (#/residents?tab=daily → "tab=daily"); survives reloads. The shell remounts a page when
 * its query changes, so a link to another tab of the page already open opens that tab.
 */
export function useHashRoute(fallback: string): [string, (route: string) => void, string] {
  const read = () => {
    const [path, query = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
    return { route: path || fallback, query };
  };
  const [state, setState] = useState(read);
  useEffect(() => {
    const onChange = () =>
      setState((now) => {
        const next = read();
        return next.route === now.route && next.query === now.query ? now : next;
      });
    window.addEventListener('hashchange', onChange);
    // A link followed between the first render and this effect (right after sign-in, on a busy
    // PC) fired its hashchange before anyone listened: read the address once more.
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return [state.route, (next) => (window.location.hash = `#/${next}`), state.query];
}
