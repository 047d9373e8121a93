/**
 * Per-frame kernels over one STFT frame, with the tables and scratch buffers they share (built once
 * per sample rate; computeFrameFeatures is synchronous, so one set of buffers suffices).
 * Numbers follow librosa 0.9.2: the STFT is complex64, so magnitudes and powers are float32 values;
 * sums run in float64 except where numpy's float32 rounding decides a result (roll-off).
 */

import { FEATURE_SPEC, type FrameFeatures } from './spec';
import { RealFft } from './fft';
import { cachedHann, fftFrequencies, melFilterbank, type ChromaBank, type MelBank } from './filters';
import { DctII } from './mfcc';

const f32 = Math.fround;
export const TINY_F32 = 1.1754943508222875e-38;
const ROLL_PERCENT_F32 = f32(0.85);

export class Engine {
  readonly nFft = FEATURE_SPEC.nFft;
  readonly hop = FEATURE_SPEC.hopLength;
  readonly bins = (FEATURE_SPEC.nFft >> 1) + 1;
  readonly fft = new RealFft(FEATURE_SPEC.nFft);
  readonly window = cachedHann(FEATURE_SPEC.nFft);
  readonly freqs: Float64Array;
  readonly mel: MelBank;
  readonly dct = new DctII(FEATURE_SPEC.nMels, FEATURE_SPEC.nMfcc);
  /** |STFT|² of the current frame (float32 values). */
  readonly power = new Float64Array(this.bins);
  /** |STFT| of the current frame when the caller keeps no spectrogram (float32, like the STFT). */
  readonly magRow = new Float32Array(this.bins);
  readonly cumulative = new Float64Array(this.bins);
  readonly edge = new Float32Array(FEATURE_SPEC.nFft);
  /** Mel accumulators; one spare slot so the bin-major update of band + 1 never leaves the array. */
  readonly melAcc = new Float64Array(FEATURE_SPEC.nMels + 1);
  readonly rawChroma = new Float64Array(12);

  constructor(readonly sampleRate: number) {
    this.freqs = fftFrequencies(sampleRate, this.nFft);
    this.mel = melFilterbank(sampleRate, this.nFft, FEATURE_SPEC.nMels);
  }

  /** |STFT| of centred frame t into mag[magOffset ..] and |STFT|² into `power` (zero padding beyond the signal). */
  transformFrame(y: Float32Array, t: number, mag: Float32Array, magOffset: number): void {
    const start = t * this.hop - (this.nFft >> 1);
    if (start >= 0 && start + this.nFft <= y.length) {
      this.fft.magnitudes(y, start, this.window, mag, magOffset, this.power);
      return;
    }
    const { edge } = this;
    edge.fill(0);
    const lo = Math.max(0, start);
    const hi = Math.min(y.length, start + this.nFft);
    if (hi > lo) edge.set(y.subarray(lo, hi), lo - start);
    this.fft.magnitudes(edge, 0, this.window, mag, magOffset, this.power);
  }

  /**
   * Spectral centroid of the current frame into out.centroid[t] and its mel product into melAcc,
   * in one pass over the bins; returns the frame's max power (piptrack's reference).
   */
  spectralFrame(mag: Float32Array, magOffset: number, out: FrameFeatures, t: number): number {
    const { bins, freqs, power, melAcc } = this;
    const { lowBand, lowWeight, highWeight } = this.mel;
    melAcc.fill(0);
    let sumMag = 0;
    let sumFreqMag = 0;
    let maxPower = 0;
    // Two register accumulators: the band bin k rises into and the band it falls out of.
    let band = lowBand[0];
    let accLow = 0;
    let accHigh = 0;
    for (let k = 0; k < bins; k++) {
      const m = mag[magOffset + k];
      const p = power[k];
      maxPower = Math.max(maxPower, p); // branch-free: spectra make this branch unpredictable
      sumMag += m;
      sumFreqMag += freqs[k] * m;
      const b = lowBand[k];
      if (b !== band) {
        melAcc[band] = accLow;
        if (b === band + 1) {
          accLow = accHigh;
        } else {
          melAcc[band + 1] = accHigh;
          accLow = 0;
        }
        accHigh = 0;
        band = b;
      }
      accLow += lowWeight[k] * p;
      accHigh += highWeight[k] * p;
    }
    melAcc[band] = accLow;
    melAcc[band + 1] = accHigh;
    // util.normalize(S, norm=1): a frame whose magnitude sum is below tiny is divided by 1.
    out.centroid[t] = sumMag < TINY_F32 ? sumFreqMag : sumFreqMag / sumMag;
    return maxPower;
  }

  /**
   * chroma_stft (filter bank · power, then per-frame max normalisation) and spectral_rolloff of the
   * frame whose magnitudes are mag[magOffset ..] (power = their float32 squares). The roll-off needs numpy's float32
   * cumulative sum, a ~10-cycle dependency chain per bin (~2 µs per frame on its own): it runs here,
   * overlapping the twelve chroma products of each bin.
   */
  chromaRolloffFrame(bank: ChromaBank, mag: Float32Array, magOffset: number, out: FrameFeatures, t: number): void {
    const w = bank.columns;
    const { bins, cumulative } = this;
    const nFrames = out.nFrames;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0;
    let cum = 0;
    for (let k = 0, o = 0; k < bins; k++, o += 12) {
      const m = mag[magOffset + k];
      const p = f32(m * m);
      cum = f32(cum + m);
      cumulative[k] = cum;
      a0 += w[o] * p;
      a1 += w[o + 1] * p;
      a2 += w[o + 2] * p;
      a3 += w[o + 3] * p;
      a4 += w[o + 4] * p;
      a5 += w[o + 5] * p;
      a6 += w[o + 6] * p;
      a7 += w[o + 7] * p;
      a8 += w[o + 8] * p;
      a9 += w[o + 9] * p;
      a10 += w[o + 10] * p;
      a11 += w[o + 11] * p;
    }
    // Roll-off: the smallest bin whose cumulative magnitude reaches f32(0.85 · total).
    const threshold = f32(ROLL_PERCENT_F32 * cum);
    let lo = 0;
    let hi = bins - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] >= threshold) hi = mid;
      else lo = mid + 1;
    }
    out.rolloff[t] = this.freqs[lo];

    const raw = this.rawChroma;
    raw[0] = a0; raw[1] = a1; raw[2] = a2; raw[3] = a3; raw[4] = a4; raw[5] = a5;
    raw[6] = a6; raw[7] = a7; raw[8] = a8; raw[9] = a9; raw[10] = a10; raw[11] = a11;
    let max = 0;
    for (let c = 0; c < 12; c++) {
      raw[c] = f32(raw[c]); // librosa's chroma product is float32
      if (raw[c] > max) max = raw[c];
    }
    // util.normalize(norm=inf): frames whose max is below tiny are left as they are.
    const scale = max < TINY_F32 ? 1 : max;
    for (let c = 0; c < 12; c++) out.chroma[c * nFrames + t] = raw[c] / scale;
  }
}

const engines = new Map<number, Engine>();

export function engineFor(sampleRate: number): Engine {
  let engine = engines.get(sampleRate);
  if (!engine) {
    engine = new Engine(sampleRate);
    engines.set(sampleRate, engine);
  }
  return engine;
}
