import { callHref, type CallNeighbours } from './call-navigation';

/** Previous / next call and next unreviewed call, in the library's filtered order (also Shift+P, Shift+N, U). */
export function CallNavigation({ neighbours }: { neighbours: CallNeighbours }) {
  const go = (id: string | null) => id && (window.location.hash = callHref(id));
  return (
    <nav className="call-navigation" aria-label="Other calls">
      <button type="button" disabled={!neighbours.previous} onClick={() => go(neighbours.previous)} title="Previous call in the library (Shift+P)">◀ Previous call</button>
      <button type="button" disabled={!neighbours.next} onClick={() => go(neighbours.next)} title="Next call in the library (Shift+N)">Next call ▶</button>
      <button type="button" disabled={!neighbours.nextUnreviewed} onClick={() => go(neighbours.nextUnreviewed)} title="Next call not yet reviewed (U)">Next unreviewed ▶▶</button>
    </nav>
  );
}
