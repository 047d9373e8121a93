import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterAndSort, maxNegativeShare, partyFor } from '../../../../../renderer/src/features/library/library-filter';
import type { PartySummary } from '../../../../../electron/shared/domain';
import { recording, share } from '../../fixtures';

function party(channel: number, role: PartySummary['role'], shares: Parameters<typeof share>[0], negativeShare: number): PartySummary {
  return { channel, role, talkTimeS: 30, dominantEmotion: Object.keys(shares)[0] as PartySummary['dominantEmotion'], emotionShare: share(shares), negativeShare };
}

const rows = [
  recording('call-10', { durationS: 300, importedAt: '2025-01-03T00:00:00Z', parties: [party(0, 'agent', { neutral: 0.9 }, 0.05), party(1, 'customer', { angry: 0.35 }, 0.4)] }),
  recording('call-2', { durationS: 60, importedAt: '2025-01-01T00:00:00Z', reviewed: true, parties: [party(0, 'agent', { happy: 0.6 }, 0), party(1, 'customer', { angry: 0.1 }, 0.1)] }),
  recording('call-3', { durationS: null, status: 'error', error: 'not audio', importedAt: '2025-01-02T00:00:00Z' }),
  recording('mono', { parties: [party(0, 'speaker', { sad: 0.5 }, 0.5)] }),
];
const names = (list: typeof rows) => list.map((row) => row.id);

describe('library filter and sort', () => {
  it('searches names case-insensitively', () => {
    expect(names(filterAndSort(rows, { ...EMPTY_FILTER, search: 'CALL-' }, { key: 'name', direction: 'asc' }))).toEqual(['call-2', 'call-3', 'call-10']);
  });

  it('filters by status, review and "party emotion above N%"', () => {
    expect(names(filterAndSort(rows, { ...EMPTY_FILTER, status: 'error' }, { key: 'name', direction: 'asc' }))).toEqual(['call-3']);
    expect(names(filterAndSort(rows, { ...EMPTY_FILTER, reviewed: 'reviewed' }, { key: 'name', direction: 'asc' }))).toEqual(['call-2']);
    const angryCustomer = { ...EMPTY_FILTER, share: { role: 'customer' as const, emotion: 'angry' as const, min: 0.2 } };
    expect(names(filterAndSort(rows, angryCustomer, { key: 'name', direction: 'asc' }))).toEqual(['call-10']);
    const anySad = { ...EMPTY_FILTER, share: { role: 'any' as const, emotion: 'sad' as const, min: 0.2 } };
    expect(names(filterAndSort(rows, anySad, { key: 'name', direction: 'asc' }))).toEqual(['mono']);
  });

  it('sorts any column both ways, numbers naturally and missing values last', () => {
    expect(names(filterAndSort(rows, EMPTY_FILTER, { key: 'name', direction: 'asc' }))).toEqual(['call-2', 'call-3', 'call-10', 'mono']);
    expect(names(filterAndSort(rows, EMPTY_FILTER, { key: 'date', direction: 'desc' }))).toEqual(['call-10', 'call-3', 'call-2', 'mono']);
    expect(names(filterAndSort(rows, EMPTY_FILTER, { key: 'duration', direction: 'desc' }))).toEqual(['call-10', 'call-2', 'mono', 'call-3']);
    expect(names(filterAndSort(rows, EMPTY_FILTER, { key: 'negative', direction: 'desc' })).slice(0, 2)).toEqual(['mono', 'call-10']);
    expect(names(filterAndSort(rows, EMPTY_FILTER, { key: 'negative', direction: 'asc' })).at(-1)).toBe('call-3');
    expect(names(filterAndSort(rows, EMPTY_FILTER, { key: 'status', direction: 'asc' }))[0]).toBe('call-3');
  });

  it('orders the "Needs review" queue by uncertain regions plus customer negative emotion, unreviewed analysed calls only', () => {
    const queueRows = [
      recording('calm-unsure', { uncertainRegions: 12, parties: [party(0, 'agent', { neutral: 0.9 }, 0), party(1, 'customer', { neutral: 0.9 }, 0)] }),
      // 4 uncertain regions + 20 × 0.5 negative customer share = 14: first.
      recording('angry-customer', { uncertainRegions: 4, parties: [party(0, 'agent', { neutral: 0.9 }, 0.5), party(1, 'customer', { angry: 0.5 }, 0.5)] }),
      // An angry agent does not count as a customer's negative emotion: 2.
      recording('angry-agent', { uncertainRegions: 2, parties: [party(0, 'agent', { angry: 0.8 }, 0.8), party(1, 'customer', { neutral: 0.9 }, 0)] }),
      recording('done-already', { uncertainRegions: 30, reviewed: true }),
      recording('still-queued', { uncertainRegions: 0, status: 'queued' }),
    ];
    // The queue orders by itself, whatever column the library was sorted by.
    expect(names(filterAndSort(queueRows, { ...EMPTY_FILTER, queue: true }, { key: 'name', direction: 'asc' }))).toEqual(['angry-customer', 'calm-unsure', 'angry-agent']);
    // As a column, every call sorts by its priority; calls not analysed yet have none and go last.
    expect(names(filterAndSort(queueRows, EMPTY_FILTER, { key: 'review', direction: 'desc' }))).toEqual(['done-already', 'angry-customer', 'calm-unsure', 'angry-agent', 'still-queued']);
  });

  it('shows a mono speaker in the agent column and the worst party for negative share', () => {
    expect(partyFor(rows[3], 'agent')?.role).toBe('speaker');
    expect(partyFor(rows[3], 'customer')).toBeUndefined();
    expect(maxNegativeShare(rows[0])).toBe(0.4);
    expect(maxNegativeShare(rows[2])).toBeNull();
  });

  // Its speed over 10,000 rows is a figure of `npm run bench -- services`, not an assertion here.
  it('finds every match among ten thousand rows, sorted', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...rows[i % 2], id: `r${i}`, fileName: `call-${i}.wav` }));
    const result = filterAndSort(many, { ...EMPTY_FILTER, search: 'call-99' }, { key: 'negative', direction: 'desc' });
    expect(result).toHaveLength(111);
    expect(result.every((row) => row.fileName.includes('call-99'))).toBe(true);
    const negatives = result.map((row) => maxNegativeShare(row) ?? -1);
    expect(negatives).toEqual([...negatives].sort((a, b) => b - a));
  });
});
