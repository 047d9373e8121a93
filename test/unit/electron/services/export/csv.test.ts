import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../../../../electron/services/export/csv';

/** Cells that a spreadsheet would run as a formula unless neutralised (issue: hostile names). */
export const FORMULA_CELLS = [
  '=1+1',
  '+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  '\n=1+1',
  '  =1+1',
  '\u00A0=1+1',
  '\u3000=1+1',
  '\uFEFF=1+1',
  '\uFF1D1+1', // full-width =
  '\uFF0B1', // full-width +
  '\uFF0D1', // full-width -
  '\uFF20A1', // full-width @
  ' \t +1',
];

describe('CSV formula neutralising', () => {
  it.each(FORMULA_CELLS)('prefixes %j with an apostrophe', (cell) => {
    expect(neutralise(cell)).toBe(`'${cell}`);
  });

  it.each(['call.wav', 'Ann', 'a=b', 'a;b', ' plain', '', '1.50', 'a\n=1'])('leaves %j as it is', (cell) => {
    expect(neutralise(cell)).toBe(cell);
  });

  it('quotes every field holding a semicolon or a line break, so no locale splits it into a formula', () => {
    const csv = toCsv(['name', 'note'], [['a;=1+1', 'line1\nline2'], ['b\r=2', 'plain']]);
    const body = csv.replace(/^\uFEFF/, '');
    expect(body).toContain('"a;=1+1"');
    expect(body).toContain('"line1\nline2"');
    expect(body).toContain('"b\r=2"');
    // Read back as a semicolon-locale spreadsheet would: no cell starts with a formula character.
    const bySemicolon = parse(body, { delimiter: ';', relax_quotes: true, relax_column_count: true }) as string[][];
    for (const cell of bySemicolon.flat()) expect(cell.trimStart()).not.toMatch(/^[=+\-@]/);
    expect(parse(body, { columns: true })).toEqual([
      { name: 'a;=1+1', note: 'line1\nline2' },
      { name: 'b\r=2', note: 'plain' },
    ]);
  });

  it('neutralises every hostile cell through the whole CSV, header included', () => {
    const csv = toCsv(['=header'], FORMULA_CELLS.map((cell) => [cell]));
    const rows = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
    expect(rows[0][0]).toBe("'=header");
    rows.slice(1).forEach((row, i) => expect(row[0]).toBe(`'${FORMULA_CELLS[i]}`));
  });
});
