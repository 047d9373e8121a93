import { describe, expect, it } from 'vitest';
import { spreadPicks } from '../../../../electron/shared/review-picks';
import { regionUncertainty } from '../../../../electron/shared/uncertainty';

const region = (group: string, emotion: string, confidence: number) => ({ group, emotion, confidence });

describe('review picks that spread across calls and classes', () => {
  // One call party holds the five most uncertain regions, all predicted "sad".
  const candidates = [
    ...[0.2, 0.21, 0.22, 0.23, 0.24].map((c) => region('call-a|1', 'sad', c)),
    region('call-b|0', 'neutral', 0.4), region('call-c|1', 'angry', 0.45), region('call-b|1', 'happy', 0.5), region('call-c|0', 'sad', 0.3),
  ];

  it('starts with the most uncertain region, then spreads to other parties and emotions before returning', () => {
    const picks = spreadPicks(candidates, 5);
    expect(picks[0]).toEqual(candidates[0]);
    expect(new Set(picks.map((p) => p.group)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(picks.map((p) => p.emotion)).size).toBeGreaterThanOrEqual(3);
    // Most uncertain first would have taken the one party's five "sad" regions.
    const byUncertainty = [...candidates].sort((a, b) => regionUncertainty(b) - regionUncertainty(a)).slice(0, 5);
    expect(new Set(byUncertainty.map((p) => p.group)).size).toBe(1);
  });

  it('with no discount is the most-uncertain-first order, and never picks a region twice', () => {
    const plain = spreadPicks(candidates, candidates.length, { groupDiscount: 1, labelDiscount: 1 });
    expect(plain.map((p) => p.confidence)).toEqual([...candidates].map((p) => p.confidence).sort((a, b) => a - b));
    expect(new Set(spreadPicks(candidates, 100)).size).toBe(candidates.length);
  });
});
