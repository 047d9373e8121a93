import type { LibraryScope } from './use-assignments';

interface LibraryScopeTabsProps {
  scope: LibraryScope;
  onChange: (scope: LibraryScope) => void;
  mine: number;
  all: number;
  /** Leads: opens "Assign to…" for the selected calls, else the ones shown. */
  onAssign: (() => void) | null;
}

/** "My calls / All calls": the other is one click (or Tab + Enter) away. */
export function LibraryScopeTabs({ scope, onChange, mine, all, onAssign }: LibraryScopeTabsProps) {
  return (
    <div className="library-scope" role="group" aria-label="Which calls">
      <button type="button" aria-pressed={scope === 'mine'} onClick={() => onChange('mine')}>
        My calls <span className="count">{mine}</span>
      </button>
      <button type="button" aria-pressed={scope === 'all'} onClick={() => onChange('all')}>
        All calls <span className="count">{all}</span>
      </button>
      {onAssign && (
        <button type="button" onClick={onAssign}>
          Assign to…
        </button>
      )}
    </div>
  );
}
