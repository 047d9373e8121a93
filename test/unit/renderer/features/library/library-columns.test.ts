import { describe, expect, it } from 'vitest';
import { gridTemplate, LIBRARY_COLUMNS, rowMinWidth, visibleColumns } from '../../../../../renderer/src/features/library/library-columns';

describe('library columns by priority', () => {
  const keys = (width: number) => visibleColumns(width).map((column) => column.key);

  it('shows every column when there is room, and drops Uncertain first (1440 px window)', () => {
    expect(keys(1600)).toEqual(LIBRARY_COLUMNS.map((column) => column.key));
    expect(keys(1400)).toEqual(LIBRARY_COLUMNS.map((column) => column.key).filter((key) => key !== 'review'));
  });

  it('drops Imported, then Negative, at 1024 px, and keeps the essentials within the width', () => {
    expect(keys(1100)).not.toContain('date');
    const narrow = visibleColumns(990);
    expect(narrow.map((column) => column.key)).toEqual(['name', 'duration', 'status', 'agent', 'customer', 'corrections', 'reviewed']);
    expect(rowMinWidth(narrow)).toBeLessThanOrEqual(990);
    expect(gridTemplate(narrow).split(' ')[0]).toBe('36px');
  });

  it('never drops the essentials (the table scrolls sideways instead)', () => {
    expect(keys(400)).toEqual(['name', 'status', 'agent', 'customer', 'corrections', 'reviewed']);
  });
});
