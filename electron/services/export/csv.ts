import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null;

/**
 * Spreadsheet formula injection: a cell a spreadsheet would read as a formula is prefixed with an
 * apostrophe so it shows as text. Spreadsheets skip leading blanks (spaces, NBSP, U+3000, a BOM)
 * and read full-width ＝ ＋ － ＠ as their ASCII forms, so the test is on the first non-blank
 * character; a leading tab, CR or LF counts as a formula start too. File names, reviewer names,
 * notes and labels come from outside, so every text cell goes through this.
 */
const LEADING_BLANKS = /^[\s\uFEFF\u200B]*/u;
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\u2212]/u;

export function neutralise(cell: string): string {
  const blanks = LEADING_BLANKS.exec(cell)?.[0] ?? '';
  const dangerous = /[\t\r\n]/.test(blanks) || FORMULA_START.test(cell.slice(blanks.length));
  return dangerous ? `'${cell}` : cell;
}

export function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : value.toFixed(digits);
}

/** RFC 4180 (CRLF, quotes doubled) with a UTF-8 BOM so Excel reads accents and non-Latin names. */
export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  const clean = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutralise(cell) : cell === null ? '' : String(cell))));
  // Quoting `;` too: a semicolon-locale spreadsheet would split `a;=1+1` into a cell starting with `=`.
  return stringify([header.map(neutralise), ...clean], { bom: true, record_delimiter: 'windows', quoted_match: /[",;\r\n]/ });
}
