import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import type { PartySummary, RecordingSummary } from '../../../../electron/shared/domain';
import { formatDate, formatDuration, formatPercent } from '../../ui/format';
import { EMOTION_COLORS, capitalise } from '../../ui/palette';
import { ProgressBar } from '../../ui/ProgressBar';
import { partyFor, type SortKey, type SortState } from './library-filter';

const ROW_HEIGHT = 40;

interface Column {
  key: SortKey;
  label: string;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Name' },
  { key: 'date', label: 'Imported' },
  { key: 'duration', label: 'Duration' },
  { key: 'status', label: 'Status' },
  { key: 'staff', label: 'Agent / team' },
  { key: 'agent', label: 'Agent' },
  { key: 'customer', label: 'Customer' },
  { key: 'negative', label: 'Negative' },
  { key: 'corrections', label: 'Corrections' },
  { key: 'reviewed', label: 'Reviewed' },
];

interface LibraryTableProps {
  rows: RecordingSummary[];
  sort: SortState;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
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

function negativeText(recording: RecordingSummary): string {
  if (recording.parties.length === 0) return '–';
  return recording.parties.map((party) => `${party.role.charAt(0).toUpperCase()} ${formatPercent(party.negativeShare)}`).join(' · ');
}

interface LibraryRowProps {
  recording: RecordingSummary;
  index: number;
  top: number;
  selected: boolean;
  onToggle: (id: string) => void;
}

/** Memoised: while scrolling, rows that stay in view are not rendered again. */
const LibraryRow = memo(function LibraryRow({ recording, index, top, selected, onToggle }: LibraryRowProps) {
  return (
    <div
      className={selected ? 'table-row row-selected' : 'table-row'}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <div role="cell" className="cell cell-check">
        <input type="checkbox" aria-label={`Select ${recording.fileName}`} checked={selected} onChange={() => onToggle(recording.id)} />
      </div>
      <div role="cell" className="cell cell-name">
        <a href={`#/call/${encodeURIComponent(recording.id)}`} title={recording.path}>
          {recording.fileName}
        </a>
      </div>
      <div role="cell" className="cell cell-date">{formatDate(recording.importedAt)}</div>
      <div role="cell" className="cell cell-duration">{formatDuration(recording.durationS)}</div>
      <div role="cell" className="cell cell-status"><StatusCell recording={recording} /></div>
      <div role="cell" className="cell cell-staff" title={recording.team ? `Team ${recording.team}` : undefined}>
        {recording.agent ?? <span className="muted">–</span>}{recording.team ? <span className="muted"> · {recording.team}</span> : null}
      </div>
      <div role="cell" className="cell cell-agent"><PartyCell party={partyFor(recording, 'agent')} /></div>
      <div role="cell" className="cell cell-customer"><PartyCell party={partyFor(recording, 'customer')} /></div>
      <div role="cell" className="cell cell-negative">{negativeText(recording)}</div>
      <div role="cell" className="cell cell-corrections">{recording.corrections}</div>
      <div role="cell" className="cell cell-reviewed">
        {recording.reviewed ? `✓ ${recording.reviewer ?? 'Reviewed'}` : <span className="muted">No</span>}
      </div>
    </div>
  );
});

/** Only the rows in view exist in the DOM, so ten thousand calls scroll like ten. */
export function LibraryTable({ rows, sort, onSort, selected, onToggle, onToggleAll }: LibraryTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // No flushSync on scroll: React batches the row updates into the next frame instead of blocking the scroll event.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, useFlushSync: false });
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));

  return (
    <div className="table-frame">
      <div className="table" role="table" aria-label="Calls" aria-rowcount={rows.length + 1}>
        <div className="table-head" role="rowgroup">
          <div className="table-row" role="row" aria-rowindex={1}>
            <div role="columnheader" className="cell cell-check">
              <input type="checkbox" aria-label="Select all shown calls" checked={allSelected} onChange={onToggleAll} />
            </div>
            {COLUMNS.map((column) => (
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
        <div className="table-body" ref={scrollRef} role="rowgroup" data-testid="library-scroll">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const recording = rows[item.index];
              return (
                <LibraryRow key={recording.id} recording={recording} index={item.index} top={item.start} selected={selected.has(recording.id)} onToggle={onToggle} />
              );
            })}
          </div>
        </div>
      </div>
      {rows.length === 0 && <p className="empty">No calls match. Open a folder to analyse calls, or loosen the filters.</p>}
    </div>
  );
}
