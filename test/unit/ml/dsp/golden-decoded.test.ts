/**
 * The whole front end as the app runs it: the golden WAVs through the project's decoder
 * (ffmpeg, mean down-mix, soxr resampling) and then the port, against librosa.load + features.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { decodeFile } from '../../../../ml/audio/decode';
import { computeFrameFeatures, FEATURE_NAMES, FEATURE_OFFSETS, hzToMel, meanFeatures, melToHz, resampleKaiserBest } from '../../../../ml/dsp';
import { agrees, EPS32, goldenAvailable, goldenDir, goldenFiles, l2, MFCC_NOISE_FACTOR, readSignal, type GoldenFile } from './golden-data';
import { describeNeeding, needs } from '../../../helpers/requirements';

const files = goldenAvailable() ? goldenFiles() : [];
const native = files.filter((f) => f.native.sr === 22050);
const resampled = files.filter((f) => f.native.sr !== 22050);

async function decodedFeatures(file: GoldenFile) {
  const decoded = await decodeFile(path.join(goldenDir, file.name), { sampleRate: 22050 });
  const y = decoded.channels[0];
  const ff = computeFrameFeatures(y);
  return { y, ff, v: meanFeatures(ff) };
}

/** Names of the 184 features where port and librosa disagree beyond float32 agreement. */
function disagreements(file: GoldenFile, ff: ReturnType<typeof computeFrameFeatures>, v: Float32Array): string[] {
  let mfccNorm = 0;
  for (let t = 0; t < ff.nFrames; t++) mfccNorm += l2(Array.from({ length: 40 }, (_, d) => ff.mfcc[d * ff.nFrames + t]));
  const mfccNoise = (MFCC_NOISE_FACTOR * EPS32 * mfccNorm) / ff.nFrames; // see golden-data.ts
  return file.features184
    .map((r, i) => [r, v[i], i] as const)
    .filter(([r, m, i]) => !agrees(m, r, FEATURE_NAMES[i].startsWith('mfcc') ? mfccNoise : 0))
    .map(([r, m, i]) => `${FEATURE_NAMES[i]}: librosa ${r}, port ${m}`);
}

describeNeeding([needs.golden()], 'decoded golden WAVs at 22050 Hz (no resampling)', () => {
  it('covers the six native-rate files', () => {
    expect(native.map((f) => f.name).sort()).toEqual([
      'chirp100-8000_22050.wav', 'noise_seed20240601_22050.wav', 'silence_22050.wav', 'sine440_22050.wav',
      'speech_espeak.wav', 'stereo_speechL_sineR_22050.wav',
    ]);
  });

  for (const file of native) {
    it(`${file.name}: decoder + port reproduce librosa's 184-vector and tuning`, async () => {
      const { y, ff, v } = await decodedFeatures(file);
      expect(y.length).toBe(file.n_samples);
      expect(ff.chromaTuning).toBe(file.chroma_tuning);
      expect(disagreements(file, ff, v)).toEqual([]);
    });
  }
});

/**
 * Resampled inputs (speech at 8000, 16000, 44100 Hz): librosa resampled with resampy's kaiser_best,
 * the decoder with ffmpeg's soxr (precision 28). Measured with this decoder (max over the three
 * files; the tolerance is ~1.5x that):
 *
 *   mel bands whose upper edge lies below 0.8 x the lower Nyquist: <= 0.0005 dB -> 0.01 dB.
 *     Well inside both passbands the resamplers agree to ~1e-4, and so does every DSP step.
 *   other mel bands: |diff| <= 4.1e-3 x the loudest band -> 6e-3. resampy's kaiser_best rolls off
 *     from ~0.85 x Nyquist, soxr's from ~0.91 (its default cutoff): up to +21 dB apart in the top
 *     ~10 % below Nyquist, and the stop-band floors differ (~-135 dB vs lower).
 *   mfcc (dB-scaled DCT units): 4.03 abs -> 6. The transition-band mel bins feed every coefficient.
 *   rms: 1.6e-3 rel -> 3e-3 (the same transition-band energy).
 *   centroid 0.160, rolloff 0.126 rel -> 0.25, 0.2; zcr 0.264 rel -> 0.4. These react to the weak
 *     high-frequency content the resamplers disagree on; per frame the zcr of loud speech frames
 *     moves by up to 0.1 because sign changes in quiet stretches do not depend on amplitude.
 *   chroma: 0.103 abs -> 0.15. For speech_16000 the estimated tuning flips (0.24 vs -0.40): the
 *     piptrack peak histogram of speech is nearly flat, so a few peaks move its argmax.
 * Where this is too loose for the model, resampling with ml/dsp's port of resampy's kaiser_best
 * instead is the remedy (last block below); the decoder is not changed here.
 */
const RESAMPLED_TOLERANCE = {
  melPassbandDb: 0.01,
  melOtherOfMax: 6e-3,
  mfccAbs: 6,
  rmsRel: 3e-3,
  centroidRel: 0.25,
  rolloffRel: 0.2,
  zcrRel: 0.4,
  chromaAbs: 0.15,
};

describeNeeding([needs.golden()], 'decoded golden WAVs resampled to 22050 Hz', () => {
  it('covers speech at 8000, 16000 and 44100 Hz', () => {
    expect(resampled.map((f) => f.native.sr).sort((a, b) => a - b)).toEqual([8000, 16000, 44100]);
  });

  for (const file of resampled) {
    it(`${file.name}: within the measured resampler tolerances`, async () => {
      const { y, v } = await decodedFeatures(file);
      const r = file.features184;
      const tol = RESAMPLED_TOLERANCE;
      // librosa.load: fix_length to ceil(n · 22050 / sr); ffmpeg's soxr gives the same count.
      expect(Math.abs(y.length - file.n_samples)).toBeLessThanOrEqual(1);
      const rel = (i: number) => Math.abs(v[i] - r[i]) / Math.abs(r[i]);
      expect(rel(FEATURE_OFFSETS.rms)).toBeLessThan(tol.rmsRel);
      expect(rel(FEATURE_OFFSETS.centroid)).toBeLessThan(tol.centroidRel);
      expect(rel(FEATURE_OFFSETS.rolloff)).toBeLessThan(tol.rolloffRel);
      expect(rel(FEATURE_OFFSETS.zcr)).toBeLessThan(tol.zcrRel);
      for (let c = 0; c < 12; c++) expect(Math.abs(v[FEATURE_OFFSETS.chroma + c] - r[FEATURE_OFFSETS.chroma + c])).toBeLessThan(tol.chromaAbs);
      for (let c = 0; c < 40; c++) expect(Math.abs(v[FEATURE_OFFSETS.mfcc + c] - r[FEATURE_OFFSETS.mfcc + c])).toBeLessThan(tol.mfccAbs);
      const nyquist = Math.min(file.native.sr, 22050) / 2;
      const topMel = hzToMel(11025);
      let loudest = 0;
      for (let b = 0; b < 128; b++) loudest = Math.max(loudest, r[FEATURE_OFFSETS.mel + b]);
      for (let b = 0; b < 128; b++) {
        const i = FEATURE_OFFSETS.mel + b;
        const upperEdgeHz = melToHz(((b + 2) * topMel) / 129); // mel_frequencies(130)[b + 2]
        if (upperEdgeHz < 0.8 * nyquist) {
          expect(Math.abs(10 * Math.log10(v[i] / r[i])), `mel_${b} (dB)`).toBeLessThan(tol.melPassbandDb);
        } else {
          expect(Math.abs(v[i] - r[i]) / loudest, `mel_${b} (of the loudest band)`).toBeLessThan(tol.melOtherOfMax);
        }
      }
    });
  }
});

/**
 * The remedy for the resampler gap above: decode at the file's own rate (no resampling in ffmpeg)
 * and resample with resampleKaiserBest, librosa.load's own algorithm. Then the resampled files
 * agree exactly like the native ones.
 */
describeNeeding([needs.golden()], 'resampled with the resampy kaiser_best port instead of soxr', () => {
  it('reproduces the signal librosa analysed for speech_16000 to float32 resolution', async () => {
    const decoded = await decodeFile(path.join(goldenDir, 'speech_16000.wav'), { sampleRate: 16000 });
    const y = resampleKaiserBest(decoded.channels[0], 16000, 22050);
    const ref = readSignal('speech_16000.y.f32');
    expect(y.length).toBe(ref.length);
    let maxAbs = 0;
    for (let i = 0; i < ref.length; i++) maxAbs = Math.max(maxAbs, Math.abs(y[i] - ref[i]));
    // Measured 4.2e-7: resampy accumulates each output in float32, the port in float64.
    expect(maxAbs).toBeLessThan(2e-6);
  });

  for (const file of resampled) {
    it(`${file.name}: 184-vector and tuning agree like a native-rate file`, async () => {
      const decoded = await decodeFile(path.join(goldenDir, file.name), { sampleRate: file.native.sr });
      const y = resampleKaiserBest(decoded.channels[0], file.native.sr, 22050);
      expect(y.length).toBe(file.n_samples);
      const ff = computeFrameFeatures(y);
      expect(ff.chromaTuning).toBe(file.chroma_tuning);
      expect(disagreements(file, ff, meanFeatures(ff))).toEqual([]);
    });
  }
});
