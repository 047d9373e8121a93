import { describe, expect, it } from 'vitest';
import { callNeighbours } from '../../../../../renderer/src/features/call/call-navigation';

describe('next / previous call in the library’s order', () => {
  const order = ['a', 'b', 'c', 'd'];
  const reviewed = new Set(['c', 'a']);
  const isReviewed = (id: string) => reviewed.has(id);

  it('follows the filtered order and finds the next unreviewed call, wrapping round', () => {
    expect(callNeighbours(order, 'b', isReviewed)).toEqual({ previous: 'a', next: 'c', nextUnreviewed: 'd' });
    expect(callNeighbours(order, 'd', isReviewed)).toEqual({ previous: 'c', next: null, nextUnreviewed: 'b' });
    expect(callNeighbours(order, 'a', isReviewed)).toEqual({ previous: null, next: 'b', nextUnreviewed: 'b' });
  });

  it('offers nothing unreviewed when every other call is reviewed, and starts over for a call outside the filter', () => {
    expect(callNeighbours(['a', 'b'], 'b', (id) => id === 'a')).toMatchObject({ nextUnreviewed: null });
    expect(callNeighbours(order, 'zz', isReviewed)).toEqual({ previous: null, next: 'a', nextUnreviewed: 'b' });
  });
});
