/**
 * The port against librosa 0.9.2 itself: the exact float32 signals librosa analysed (shared/golden/y)
 * go straight into computeFrameFeatures, and EVERY frame of EVERY feature must agree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { computeFrameFeatures, FEATURE_NAMES, meanFeatures, type FrameFeatures } from '../../../../ml/dsp';
import { agrees, EPS32, goldenAvailable, goldenFiles, l2, MFCC_NOISE_FACTOR, readSignal, type FrameKey } from './golden-data';
import { describeNeeding, needs } from '../../../helpers/requirements';

const KEYS: Array<[FrameKey, keyof FrameFeatures, number]> = [
  ['rms', 'rms', 1],
  ['spectral_centroid', 'centroid', 1],
  ['spectral_rolloff', 'rolloff', 1],
  ['zero_crossing_rate', 'zcr', 1],
  ['chroma_stft', 'chroma', 12],
  ['mfcc', 'mfcc', 40],
  ['melspectrogram', 'mel', 128],
];

const files = goldenAvailable() ? goldenFiles().filter((f) => f.y_dump && f.frames) : [];
/** Max errors per file and feature, printed once at the end. */
const summary: Array<{ file: string; feature: string; maxAbs: string; maxRelWhereAbsOver1e6: string }> = [];
afterAll(() => {
  if (summary.length) console.table(summary);
});

describeNeeding([needs.golden()], 'librosa 0.9.2 golden frames', () => {
  it('has the four dumped signals', () => {
    expect(files.map((f) => f.name).sort()).toEqual(
      ['chirp100-8000_22050.wav', 'sine440_22050.wav', 'speech_16000.wav', 'speech_espeak.wav'],
    );
  });

  for (const file of files) {
    describe(file.name, () => {
      const y = readSignal(file.y_dump!);
      const ff = computeFrameFeatures(y);

      it('has librosa frame count and the same estimated tuning', () => {
        expect(y.length).toBe(file.n_samples);
        expect(ff.nFrames).toBe(file.n_frames);
        // Exact: the tuning is a histogram bin edge, reproduced operation by operation.
        expect(ff.chromaTuning).toBe(file.chroma_tuning);
      });

      for (const [key, field, dims] of KEYS) {
        it(`agrees on every frame of ${key}`, () => {
          const ref = file.frames![key];
          const mine = ff[field] as Float32Array;
          expect(ref.length).toBe(dims);
          const failures: string[] = [];
          let maxRel = 0;
          let maxAbs = 0;
          for (let t = 0; t < ff.nFrames; t++) {
            // MFCC: librosa's float32 DCT leaves noise ~EPS32·||frame|| on every coefficient.
            const noise = key === 'mfcc' ? MFCC_NOISE_FACTOR * EPS32 * l2(ref.map((row) => row[t])) : 0;
            for (let d = 0; d < dims; d++) {
              const r = ref[d][t];
              const m = mine[d * ff.nFrames + t];
              const abs = Math.abs(m - r);
              maxAbs = Math.max(maxAbs, abs);
              if (abs > 1e-6) maxRel = Math.max(maxRel, abs / Math.abs(r));
              if (!agrees(m, r, noise)) failures.push(`d${d} t${t}: librosa ${r}, port ${m}`);
            }
          }
          summary.push({ file: file.name, feature: key, maxAbs: maxAbs.toExponential(2), maxRelWhereAbsOver1e6: maxRel.toExponential(2) });
          expect(failures.slice(0, 10)).toEqual([]);
        });
      }

      it('agrees on the 184-vector', () => {
        const v = meanFeatures(ff);
        // Mean of the per-frame MFCC noise bounds (see golden-data.ts).
        let mfccNorm = 0;
        for (let t = 0; t < ff.nFrames; t++) mfccNorm += l2(Array.from({ length: 40 }, (_, d) => ff.mfcc[d * ff.nFrames + t]));
        const mfccNoise = (MFCC_NOISE_FACTOR * EPS32 * mfccNorm) / ff.nFrames;
        const failures = file.features184
          .map((r, i) => [r, v[i], i] as const)
          .filter(([r, m, i]) => !agrees(m, r, FEATURE_NAMES[i].startsWith('mfcc') ? mfccNoise : 0))
          .map(([r, m, i]) => `${FEATURE_NAMES[i]}: librosa ${r}, port ${m}`);
        expect(failures).toEqual([]);
      });
    });
  }
});
