import { describe, expect, it } from 'vitest';
import { conditionText } from '../../../../../renderer/src/features/models/VersionDetails';

describe('cross-validation conditions in words', () => {
  it('names the corpus, the band and the normalisation', () => {
    expect(conditionText('speaker-cv/ravdess/telephone')).toBe('RAVDESS voices unseen in training, telephone band');
    expect(conditionText('speaker-cv/tess/wideband/per-speaker-norm')).toBe('TESS voices unseen in training, wideband, per-speaker normalisation');
  });
});

describe('party-protocol conditions in words', () => {
  it('names the split, the party condition and the band', () => {
    expect(conditionText('validation folds (3 folds by voice, all four corpora but TESS in test) | arc | telephone')).toBe(
      'Validation folds (3 folds by voice, all four corpora but TESS in test): parties with one arc, as calls have, telephone band',
    );
    expect(conditionText('HELD-OUT voices A19 | single | wideband')).toBe('HELD-OUT voices A19: one file at a time, wideband');
  });
});
