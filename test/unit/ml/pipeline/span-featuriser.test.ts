/**
 * The spans that wait for the party's tuning are featurised from the spectra the tuning was
 * estimated from: the same frames, bit for bit, as a second STFT with that tuning would give.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { computeFrameFeatures, estimateTuning, FEATURE_SPEC, type FrameFeatures } from '../../../../ml/dsp';
import { SpanFeaturiser, spectraLimits, TUNING_SPEECH_S } from '../../../../ml/pipeline/span-featuriser';
import { synthParty } from '../../electron/services/analysis/synth';

const sr = FEATURE_SPEC.sampleRate;

const shippedKeepS = spectraLimits.keepS;

describe('SpanFeaturiser', () => {
  afterEach(() => {
    spectraLimits.keepS = shippedKeepS;
  });

  it.each([30, 15, 0])('featurises waiting spans as computeFrameFeatures does with the pooled tuning (spectra of %i s kept)', (keepS) => {
    spectraLimits.keepS = keepS;
    const y = synthParty(TUNING_SPEECH_S + 20, sr, [{ start: 0, end: TUNING_SPEECH_S + 20 }], 4);
    // 10-s spans: three wait for the tuning, the fourth fixes it, the fifth comes after.
    const spans = Array.from({ length: 5 }, (_, i) => ({ start: i * 10 * sr, end: Math.min(y.length, (i + 1) * 10 * sr - 100) }));
    const got: FrameFeatures[] = [];
    const featuriser = new SpanFeaturiser(sr, (_span, frames) => got.push(frames));
    spans.forEach((s, i) => {
      featuriser.add(s, y.subarray(s.start, s.end));
      expect(got.length).toBe(i < 3 ? 0 : i + 1);
    });
    featuriser.finish();
    const tuning = estimateTuning(spans.slice(0, 4).map((s) => y.subarray(s.start, s.end)), sr);
    expect(featuriser.tuning).toBe(tuning);
    spans.forEach((s, i) => {
      const want = computeFrameFeatures(y.subarray(s.start, s.end), { sampleRate: sr, tuning });
      for (const key of ['chroma', 'mfcc', 'mel', 'centroid', 'rolloff'] as const) expect(got[i][key]).toEqual(want[key]);
    });
  });
});
