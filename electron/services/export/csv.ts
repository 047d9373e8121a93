import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null;

/**
 * Spreadsheet formula injection: a cell a spreadsheet would read as a formula (=, +, -, @, or a
 * leading tab/CR) is prefixed with an apostrophe so it shows as text. File names and reviewer
 * names come from outside, so every text cell goes through this.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : value.toFixed(digits);
}

/** RFC 4180 (CRLF, quotes doubled) with a UTF-8 BOM so Excel reads accents and non-Latin names. */
export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  const clean = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutralise(cell) : cell === null ? '' : String(cell))));
  return stringify([header.map(neutralise), ...clean], { bom: true, record_delimiter: 'windows', quoted_match: /[",\r\n]/ });
}
