import { useCallback, useDeferredValue, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import type { RecordingSummary } from '../../../../electron/shared/domain';
import { distinctOf } from '../conversation/conversation-filter';
import { LibraryScopeTabs } from '../team/LibraryScopeTabs';
import type { AssignmentsState } from '../team/use-assignments';
import { EMPTY_FILTER, filterAndSort, REVIEW_QUEUE_SORT, type LibraryFilter, type SortKey, type SortState } from './library-filter';
import { LibraryFilters } from './LibraryFilters';
import { LibraryTable } from './LibraryTable';

interface LibraryViewProps {
  recordings: RecordingSummary[];
  loading: boolean;
  error: string | null;
  selected: ReadonlySet<string>;
  onSelectionChange: Dispatch<SetStateAction<Set<string>>>;
  onFilteredChange: (ids: string[]) => void;
  filter: LibraryFilter;
  onFilterChange: (filter: LibraryFilter) => void;
  /** Team mode: assignments and "My calls / All calls"; null elsewhere. */
  team?: AssignmentsState | null;
  onAssign?: () => void;
}

/** The list of calls: search, filters, sortable columns, selection for export. */
export function LibraryView({ recordings: all, loading, error, selected, onSelectionChange, filter, onFilterChange, onFilteredChange, team = null, onAssign }: LibraryViewProps) {
  const recordings = useMemo(() => (team?.scope === 'mine' ? all.filter((row) => team.mine.has(row.id)) : all), [all, team]);
  const mineCount = useMemo(() => (team ? all.filter((row) => team.mine.has(row.id)).length : 0), [all, team]);
  const [sort, setSort] = useState<SortState>({ key: 'date', direction: 'desc' });
  // Typing stays responsive even if a huge list lags a frame behind.
  const deferredFilter = useDeferredValue(filter);
  const rows = useMemo(() => filterAndSort(recordings, deferredFilter, sort), [recordings, deferredFilter, sort]);
  useEffect(() => onFilteredChange(rows.map((row) => row.id)), [rows, onFilteredChange]);
  const agents = useMemo(() => distinctOf(recordings, 'agent'), [recordings]);
  const teams = useMemo(() => distinctOf(recordings, 'team'), [recordings]);

  function onSort(key: SortKey): void {
    // Sorting by a column leaves the queue, from the order the queue showed.
    if (filter.queue) {
      onFilterChange({ ...filter, queue: false });
      setSort(key === REVIEW_QUEUE_SORT.key ? { key, direction: 'asc' } : { key, direction: key === 'name' ? 'asc' : 'desc' });
      return;
    }
    setSort((current) => (current.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: key === 'name' ? 'asc' : 'desc' }));
  }

  // Stable, so memoised rows do not re-render when another row's checkbox changes.
  const toggle = useCallback(
    (id: string) =>
      onSelectionChange((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [onSelectionChange],
  );

  const queue = filter.queue;
  const toggleQueue = (): void => onFilterChange({ ...filter, queue: !queue });

  function toggleAll(): void {
    const all = rows.length > 0 && rows.every((row) => selected.has(row.id));
    const next = new Set(selected);
    for (const row of rows) {
      if (all) next.delete(row.id);
      else next.add(row.id);
    }
    onSelectionChange(next);
  }

  return (
    <section className="library" aria-label="Library">
      {team && (
        <LibraryScopeTabs scope={team.scope} onChange={team.setScope} mine={mineCount} all={all.length} onAssign={team.canAssign && onAssign ? onAssign : null} />
      )}
      <div className="library-queue">
        <button type="button" aria-pressed={queue} onClick={toggleQueue}
          title="Calls not yet reviewed, most uncertain regions and most negative customer emotion first">
          Needs review
        </button>
        {queue && <span className="muted small" data-testid="review-queue-note">Unreviewed calls, where the model is least sure and the customer most negative first.</span>}
      </div>
      <LibraryFilters filter={filter} agents={agents} teams={teams} onChange={onFilterChange} shown={rows.length} total={recordings.length} />
      {team?.scope === 'mine' && team.loaded && mineCount === 0 && !loading && (
        <p className="muted" role="status">No calls are assigned to you yet; All calls shows the whole library.</p>
      )}
      {(error ?? team?.error) && <p role="alert" className="error">{error ?? team?.error}</p>}
      {loading ? <p className="muted">Loading calls…</p> : <LibraryTable rows={rows} sort={queue ? REVIEW_QUEUE_SORT : sort} onSort={onSort} selected={selected} onToggle={toggle} onToggleAll={toggleAll} assignees={team?.assignees} />}
    </section>
  );
}

export { EMPTY_FILTER };
