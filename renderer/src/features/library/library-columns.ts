import type { SortKey } from './library-filter';

/**
 * The library's columns, each with its track size and a priority: when the table is narrower than
 * every column's minimum, the columns of the highest priority number go first (Agent / team,
 * Imported, Negative, then Duration); Name, Status, the parties, Corrections and Reviewed always stay. A new
 * column is one entry here (and its cell in LibraryTable).
 */
export interface ColumnSpec {
  key: SortKey;
  label: string;
  /** CSS grid track, e.g. `minmax(170px, 2fr)` or `120px`. */
  track: string;
  /** Narrowest the column can be, in px (the track's minimum). */
  minPx: number;
  /** 0: always shown; higher numbers are dropped first. */
  priority: number;
}

export const CHECK_COLUMN_PX = 36;

export const LIBRARY_COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', label: 'Name', track: 'minmax(170px, 2fr)', minPx: 170, priority: 0 },
  { key: 'date', label: 'Imported', track: '140px', minPx: 140, priority: 3 },
  { key: 'duration', label: 'Duration', track: '96px', minPx: 96, priority: 1 },
  { key: 'status', label: 'Status', track: 'minmax(120px, 1.2fr)', minPx: 120, priority: 0 },
  { key: 'staff', label: 'Agent / team', track: 'minmax(132px, 1fr)', minPx: 132, priority: 4 },
  { key: 'agent', label: 'Agent', track: '140px', minPx: 140, priority: 0 },
  { key: 'customer', label: 'Customer', track: '140px', minPx: 140, priority: 0 },
  { key: 'negative', label: 'Negative', track: '120px', minPx: 120, priority: 2 },
  { key: 'review', label: 'Uncertain', track: '96px', minPx: 96, priority: 5 },
  { key: 'corrections', label: 'Corrections', track: '118px', minPx: 118, priority: 0 },
  { key: 'reviewed', label: 'Reviewed', track: 'minmax(110px, 1fr)', minPx: 110, priority: 0 },
];

/** Columns that fit `width` px, dropping by priority; below the essentials the table scrolls sideways. */
export function visibleColumns(width: number, columns: readonly ColumnSpec[] = LIBRARY_COLUMNS): ColumnSpec[] {
  let shown = [...columns];
  const needed = (list: readonly ColumnSpec[]) => CHECK_COLUMN_PX + list.reduce((sum, column) => sum + column.minPx, 0);
  const priorities = [...new Set(columns.map((column) => column.priority))].filter((p) => p > 0).sort((a, b) => b - a);
  for (const priority of priorities) {
    if (needed(shown) <= width) break;
    shown = shown.filter((column) => column.priority !== priority);
  }
  return shown;
}

export function gridTemplate(columns: readonly ColumnSpec[]): string {
  return [`${CHECK_COLUMN_PX}px`, ...columns.map((column) => column.track)].join(' ');
}

/** Minimum width of the row (the table scrolls sideways below it). */
export function rowMinWidth(columns: readonly ColumnSpec[]): number {
  return CHECK_COLUMN_PX + columns.reduce((sum, column) => sum + column.minPx, 0);
}
