import { describe, expect, it } from 'vitest';
import { conditionText } from '../../../../../renderer/src/features/models/VersionDetails';

describe('cross-validation conditions in words', () => {
  it('names the corpus, the band and the normalisation', () => {
    expect(conditionText('speaker-cv/ravdess/telephone')).toBe('RAVDESS voices unseen in training, telephone band');
    expect(conditionText('speaker-cv/tess/wideband/per-speaker-norm')).toBe('TESS voices unseen in training, wideband, per-speaker normalisation');
  });
});
