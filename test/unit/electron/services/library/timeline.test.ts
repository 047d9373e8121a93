import { describe, expect, it } from 'vitest';
import { effectiveTimeline, emotionSeconds, longestNegativeRun, shareOf } from '../../../../../electron/services/library/timeline';

describe('effective timeline', () => {
  const predictions = [
    { start: 0, end: 4, emotion: 'neutral' as const, confidence: 0.8 },
    { start: 5, end: 9, emotion: 'angry' as const, confidence: 0.6 },
  ];

  it('is the predictions when nobody corrected anything', () => {
    expect(effectiveTimeline(predictions, [])).toEqual([
      { start: 0, end: 4, emotion: 'neutral' },
      { start: 5, end: 9, emotion: 'angry' },
    ]);
  });

  it('replaces only the overlapped part of a prediction with the label', () => {
    const timeline = effectiveTimeline(predictions, [{ start: 2, end: 6, emotion: 'sad', rank: 0 }]);
    expect(timeline).toEqual([
      { start: 0, end: 2, emotion: 'neutral' },
      { start: 2, end: 6, emotion: 'sad' },
      { start: 6, end: 9, emotion: 'angry' },
    ]);
    expect(emotionSeconds(timeline)).toMatchObject({ neutral: 2, sad: 4, angry: 3, happy: 0 });
  });

  it('lets the latest of overlapping labels win and merges equal neighbours', () => {
    const timeline = effectiveTimeline(predictions, [
      { start: 0, end: 9, emotion: 'happy', rank: 0 },
      { start: 3, end: 4, emotion: 'fear', rank: 1 },
      { start: 4, end: 9, emotion: 'happy', rank: 2 },
    ]);
    expect(timeline).toEqual([
      { start: 0, end: 3, emotion: 'happy' },
      { start: 3, end: 4, emotion: 'fear' },
      { start: 4, end: 9, emotion: 'happy' },
    ]);
  });

  it('adds a label where the model found nothing', () => {
    expect(effectiveTimeline([], [{ start: 10, end: 12, emotion: 'surprised', rank: 0 }])).toEqual([{ start: 10, end: 12, emotion: 'surprised' }]);
  });
});

describe('shares and runs', () => {
  it('computes shares, the dominant emotion and the negative share', () => {
    const summary = shareOf({ angry: 3, sad: 1, neutral: 4 });
    expect(summary.dominant).toBe('neutral');
    expect(summary.share.angry).toBeCloseTo(0.375);
    expect(summary.negativeShare).toBeCloseTo(0.5);
    expect(shareOf({}).dominant).toBeNull();
  });

  it('finds the longest negative run, bridging short pauses but not other emotions', () => {
    const run = longestNegativeRun([
      { start: 0, end: 2, emotion: 'angry' },
      { start: 2.3, end: 4, emotion: 'sad' },
      { start: 4, end: 5, emotion: 'happy' },
      { start: 5, end: 8, emotion: 'fear' },
      { start: 10, end: 11, emotion: 'disgust' },
    ]);
    expect(run).toEqual({ start: 0, end: 4, durationS: 4 });
    expect(longestNegativeRun([{ start: 0, end: 1, emotion: 'happy' }])).toBeNull();
  });
});
