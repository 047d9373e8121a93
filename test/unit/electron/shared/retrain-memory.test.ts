import { describe, expect, it } from 'vitest';
import { describeMemory } from '../../../../electron/shared/retrain-memory';

describe('what a retrained version is made of, in words', () => {
  it('names the head, the memory and the by-voice judgement', () => {
    expect(describeMemory({ head: 'fine-tuned', windows: 501, voices: 12, byVoice: { before: 0.627, after: 0.764 }, rule: { k: 5, space: 'absolute', bandwidth: 0.5, maxWeight: 0.3, halfSupport: 1 } }))
      .toBe('the party head fine-tuned on the corrections, a memory of 501 corrected windows (the 5 nearest of the party\'s own voice, on the absolute half, weigh up to 30%), ' +
        'chosen on the folds; on voices it never heard (12 voices, each judged by a version without it) 62.7% → 76.4%');
  });

  it('says when there is no memory and the voices were not judged', () => {
    expect(describeMemory({ head: 'fine-tuned', windows: 0, voices: 3, byVoice: null, rule: null }))
      .toBe('the party head fine-tuned on the corrections, no memory of corrected windows, chosen on the folds; 3 voices among the corrected parties');
  });
});
