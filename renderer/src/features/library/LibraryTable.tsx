import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import type { PartySummary, RecordingSummary } from '../../../../electron/shared/domain';
import { countOf, formatDate, formatDuration, formatPercent } from '../../ui/format';
import { EMOTION_COLORS, capitalise } from '../../ui/palette';
import { ProgressBar } from '../../ui/ProgressBar';
import { useElementWidth } from '../../ui/use-element-width';
import { gridTemplate, rowMinWidth, visibleColumns, type ColumnSpec } from './library-columns';
import { partyFor, type SortKey, type SortState } from './library-filter';

const ROW_HEIGHT = 40;

interface LibraryTableProps {
  rows: RecordingSummary[];
  sort: SortState;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  /** Team mode: the reviewers each call is assigned to ("rex, sam"). */
  assignees?: ReadonlyMap<string, string>;
}

function StatusCell({ recording }: { recording: RecordingSummary }) {
  switch (recording.status) {
    case 'queued':
      return <span className="status status-queued">Queued</span>;
    case 'analysing':
      return (
        <span className="status status-analysing">
          <ProgressBar label={`Analysing ${recording.fileName}`} value={recording.progress} />
          {formatPercent(recording.progress)}
        </span>
      );
    case 'done':
      return <span className="status status-done">Done</span>;
    case 'error':
      return (
        <span className="status status-error" title={recording.error ?? undefined}>
          Error: {recording.error ?? 'unknown'}
        </span>
      );
  }
}

function PartyCell({ party }: { party: PartySummary | undefined }) {
  if (!party?.dominantEmotion) return <span className="muted">–</span>;
  const emotion = party.dominantEmotion;
  return (
    <span className="emotion-cell" title={party.role === 'speaker' ? 'Mono call: one speaker' : undefined}>
      <span className="swatch" style={{ background: EMOTION_COLORS[emotion] }} aria-hidden="true" />
      {capitalise(emotion)} {formatPercent(party.emotionShare[emotion])}
    </span>
  );
}

/** Corrections, and beside them the confirmations of the model's label (counted apart). */
function ReviewCountsCell({ recording }: { recording: RecordingSummary }) {
  const { corrections, agreements } = recording;
  return (
    <span title={`${countOf(corrections, 'correction')}, ${countOf(agreements, 'agreement')}`}>
      {corrections}
      {agreements > 0 && <span className="muted"> · ✓{agreements}</span>}
    </span>
  );
}

/** Mono or stereo: a stereo call is two parties, one per channel; a mono call is one speaker. */
function ChannelsBadge({ recording }: { recording: RecordingSummary }) {
  if (recording.channels === null) return null;
  const stereo = recording.channels >= 2 && !recording.downmixed;
  return <span className={`badge${stereo ? '' : ' badge-mono'}`} title={stereo ? 'Stereo: agent and customer on their own channels' : 'Mono: one speaker lane'}>{stereo ? 'Stereo' : 'Mono'}</span>;
}

function negativeText(recording: RecordingSummary): string {
  if (recording.parties.length === 0) return '–';
  return recording.parties.map((party) => `${party.role.charAt(0).toUpperCase()} ${formatPercent(party.negativeShare)}`).join(' · ');
}

/** What each column shows for a call (columns themselves: library-columns.ts). */
const CELLS: Record<SortKey, (recording: RecordingSummary) => ReactNode> = {
  name: (recording) => (
    <>
      <a href={`#/call/${encodeURIComponent(recording.id)}`} title={recording.path} tabIndex={-1}>{recording.fileName}</a>
      <ChannelsBadge recording={recording} />
    </>
  ),
  date: (recording) => formatDate(recording.importedAt),
  duration: (recording) => formatDuration(recording.durationS),
  status: (recording) => <StatusCell recording={recording} />,
  staff: (recording) => (
    <span title={recording.team ? `Team ${recording.team}` : undefined}>
      {recording.agent ?? <span className="muted">–</span>}{recording.team ? <span className="muted"> · {recording.team}</span> : null}
    </span>
  ),
  agent: (recording) => <PartyCell party={partyFor(recording, 'agent')} />,
  customer: (recording) => <PartyCell party={partyFor(recording, 'customer')} />,
  negative: (recording) => negativeText(recording),
  review: (recording) => (recording.status === 'done'
    ? <span title="Regions the model is unsure of that no one has labelled">{recording.uncertainRegions}</span>
    : <span className="muted">–</span>),
  corrections: (recording) => <ReviewCountsCell recording={recording} />,
  reviewed: (recording) => (recording.reviewed ? `✓ ${recording.reviewer ?? 'Reviewed'}` : <span className="muted">No</span>),
};

interface LibraryRowProps {
  recording: RecordingSummary;
  index: number;
  top: number;
  selected: boolean;
  active: boolean;
  columns: readonly ColumnSpec[];
  assignees: string | undefined;
  onToggle: (id: string) => void;
  onActivate: (index: number) => void;
}

/** Memoised: while scrolling, rows that stay in view are not rendered again. */
const LibraryRow = memo(function LibraryRow({ recording, index, top, selected, active, columns, assignees, onToggle, onActivate }: LibraryRowProps) {
  return (
    <div
      id={rowId(recording.id)}
      className={`table-row${selected ? ' row-selected' : ''}${active ? ' row-active' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onPointerDown={() => onActivate(index)}
    >
      <div role="cell" className="cell cell-check">
        <input type="checkbox" tabIndex={-1} aria-label={`Select ${recording.fileName}`} checked={selected} onChange={() => onToggle(recording.id)} />
      </div>
      {columns.map((column) => (
        <div key={column.key} role="cell" className={`cell cell-${column.key}`}>
          {CELLS[column.key](recording)}
          {column.key === 'name' && assignees && <span className="badge badge-assigned" title={`Assigned to ${assignees}`}>→ {assignees}</span>}
        </div>
      ))}
    </div>
  );
});

function rowId(id: string): string {
  return `library-row-${id}`;
}

/**
 * Only the rows in view exist in the DOM, so ten thousand calls scroll like ten. The body is one
 * Tab stop: arrow keys, Page Up/Down, Home/End move through the rows, Enter opens the call, Space
 * selects it. Columns drop by priority as the table narrows.
 */
export function LibraryTable({ rows, sort, onSort, selected, onToggle, onToggleAll, assignees }: LibraryTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(frameRef);
  const columns = useMemo(() => visibleColumns(width), [width]);
  const layout = useMemo(() => ({ '--library-columns': gridTemplate(columns), minWidth: rowMinWidth(columns) }), [columns]);
  const [activeIndex, setActiveIndex] = useState(0);
  const active = rows.length ? Math.min(activeIndex, rows.length - 1) : -1;
  // No flushSync on scroll: React batches the row updates into the next frame instead of blocking the scroll event.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, useFlushSync: false });
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));

  const move = (to: number) => {
    if (!rows.length) return;
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActiveIndex(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => rows[active] && (window.location.hash = `#/call/${encodeURIComponent(rows[active].id)}`),
      ' ': () => rows[active] && onToggle(rows[active].id),
    };
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };

  return (
    <div className="table-frame" ref={frameRef}>
      <div className="table" role="table" aria-label="Calls" aria-rowcount={rows.length + 1} style={layout as CSSProperties}>
        <div className="table-head" role="rowgroup">
          <div className="table-row" role="row" aria-rowindex={1}>
            <div role="columnheader" className="cell cell-check">
              <input type="checkbox" aria-label="Select all shown calls" checked={allSelected} onChange={onToggleAll} />
            </div>
            {columns.map((column) => (
              <div
                key={column.key}
                role="columnheader"
                className={`cell cell-${column.key}`}
                aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="sort-button" onClick={() => onSort(column.key)} aria-label={`Sort by ${column.label}`}>
                  {column.label}
                  <span aria-hidden="true">{sort.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </div>
            ))}
          </div>
        </div>
        <div className="table-body" ref={scrollRef} role="rowgroup" data-testid="library-scroll" tabIndex={0} aria-label="Calls: arrow keys move, Enter opens, Space selects"
          aria-activedescendant={rows[active] ? rowId(rows[active].id) : undefined} onKeyDown={onKeyDown}>
          {rows.length === 0 && <p className="empty">No calls match. Open a folder to analyse calls, or loosen the filters.</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const recording = rows[item.index];
              return (
                <LibraryRow key={recording.id} recording={recording} index={item.index} top={item.start} selected={selected.has(recording.id)}
                  active={item.index === active} columns={columns} assignees={assignees?.get(recording.id)} onToggle={onToggle} onActivate={setActiveIndex} />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
