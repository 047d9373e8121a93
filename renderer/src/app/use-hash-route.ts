import { useEffect, useState } from 'react';

export type Route = { view: 'library' } | { view: 'call'; id: string } | { view: 'models' } | { view: 'agents' } | { view: 'scorecard'; id: string };

function parse(hash: string): Route {
  if (hash === '#/models') return { view: 'models' };
  if (hash === '#/agents') return { view: 'agents' };
  const scorecard = /^#\/scorecard\/(.+)$/.exec(hash);
  if (scorecard) return { view: 'scorecard', id: decodeURIComponent(scorecard[1]) };
  const match = /^#\/call\/(.+)$/.exec(hash);
  return match ? { view: 'call', id: decodeURIComponent(match[1]) } : { view: 'library' };
}

/** Hash routes survive reloads in both shells (file:// and http://) and keep the token query intact. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
