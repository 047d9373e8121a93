/**
 * Per-frame kernels over one STFT frame, with the tables and scratch buffers they share (built once
 * per sample rate; computeFrameFeatures is synchronous, so one set of buffers suffices).
 * Numbers follow librosa 0.9.2: the STFT is complex64, so magnitudes and powers are float32 values;
 * sums run in float64 except where numpy's float32 rounding decides a result (roll-off, and the
 * float32 mel and chroma products, rounded once at the end).
 * The hot loops are module functions of typed arrays and numbers: no property loads inside them.
 */

import { FEATURE_SPEC, type FrameFeatures } from './spec';
import { RealFft } from './fft';
import { cachedHann, fftFrequencies, melFilterbank, type MelBank } from './filters';
import { chromaFrame, type ChromaBank } from './chroma';
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
  /** |STFT| of the current frame when the caller keeps no spectrogram (float32, like the STFT). */
  readonly magRow = new Float32Array(this.bins);
  readonly edge = new Float32Array(FEATURE_SPEC.nFft);
  /** One block of dB values for the MFCC (32 frames of nMels), reused by every call instead of made per span. */
  readonly dbBlock = new Float64Array(FEATURE_SPEC.nMels * 32);
  /** Mel accumulators; one spare slot so the update of band + 1 never leaves the array. */
  private readonly melAcc = new Float64Array(FEATURE_SPEC.nMels + 1);
  /** Runs of bins feeding the same band pair (bin k feeds lowBand[k] and lowBand[k] + 1). */
  private readonly melRunEnd: Int32Array;
  private readonly melRunBand: Int32Array;
  private readonly cumulative = new Float64Array(this.bins);
  /** [float32 cumulative magnitude, magnitude sum, frequency-weighted sum] of the current frame. */
  private readonly sums = new Float64Array(3);

  constructor(readonly sampleRate: number) {
    this.freqs = fftFrequencies(sampleRate, this.nFft);
    this.mel = melFilterbank(sampleRate, this.nFft, FEATURE_SPEC.nMels);
    const ends: number[] = [];
    const bands: number[] = [];
    const { lowBand } = this.mel;
    for (let k = 0; k < this.bins; k++) {
      if (k + 1 === this.bins || lowBand[k + 1] !== lowBand[k]) {
        ends.push(k + 1);
        bands.push(lowBand[k]);
      }
    }
    this.melRunEnd = Int32Array.from(ends);
    this.melRunBand = Int32Array.from(bands);
  }

  /** |STFT| of centred frame t into mag[magOffset ..] (zero padding beyond the signal); returns the largest. */
  transformFrame(y: Float32Array, t: number, mag: Float32Array, magOffset: number): number {
    const start = t * this.hop - (this.nFft >> 1);
    if (start >= 0 && start + this.nFft <= y.length) return this.fft.magnitudesMax(y, start, this.window, mag, magOffset);
    const { edge } = this;
    edge.fill(0);
    const lo = Math.max(0, start);
    const hi = Math.min(y.length, start + this.nFft);
    if (hi > lo) edge.set(y.subarray(lo, hi), lo - start);
    return this.fft.magnitudesMax(edge, 0, this.window, mag, magOffset);
  }

  /**
   * Everything else the magnitudes of frame t give (mag[magOffset ..]; power is their float32
   * square): spectral centroid, roll-off, chroma and mel (rounded to float32, librosa's product)
   * into out[.][t]. Returns the frame's largest mel value.
   */
  spectralFrame(bank: ChromaBank, mag: Float32Array, magOffset: number, t: number, out: FrameFeatures): number {
    const { sums, freqs, melAcc, cumulative } = this;
    melAcc.fill(0);
    melPass(mag, magOffset, this.melRunEnd, this.melRunBand, this.mel.lowWeight, this.mel.highWeight, freqs, cumulative, melAcc, sums);
    const cum = sums[0], sumMag = sums[1], sumFreqMag = sums[2];
    // util.normalize(S, norm=1): a frame whose magnitude sum is below tiny is divided by 1.
    out.centroid[t] = sumMag < TINY_F32 ? sumFreqMag : sumFreqMag / sumMag;
    out.rolloff[t] = freqs[rolloffBin(cumulative, this.bins, cum)];
    chromaFrame(bank, mag, magOffset, out.chroma, out.nFrames, t);
    return storeMel(melAcc, out.mel, out.nFrames, t);
  }
}

/** Rounds a frame's mel product to float32 (librosa's) into mel[b · nFrames + t]; returns its largest value. */
function storeMel(acc: Float64Array, mel: Float32Array, nFrames: number, t: number): number {
  let max = 0;
  for (let b = 0; b < acc.length - 1; b++) {
    const v = f32(acc[b]);
    mel[b * nFrames + t] = v;
    max = Math.max(max, v);
  }
  return max;
}

/**
 * Mel product, centroid sums and numpy's float32 cumulative magnitude (for the roll-off) in one pass,
 * run by run of bins that feed the same two bands, with the band sums in registers. The float32
 * cumulative sum is a dependency chain per bin; the products overlap it.
 */
function melPass(mag: Float32Array, magOffset: number, runEnd: Int32Array, runBand: Int32Array, lowWeight: Float64Array, highWeight: Float64Array,
  freqs: Float64Array, cumulative: Float64Array, melAcc: Float64Array, sums: Float64Array): void {
  let cum = 0;
  let sumMag = 0;
  let sumFreqMag = 0;
  let start = 0;
  for (let r = 0; r < runEnd.length; r++) {
    const end = runEnd[r];
    let low = 0;
    let high = 0;
    for (let k = start; k < end; k++) {
      const m = mag[magOffset + k];
      const p = f32(m * m);
      cum = f32(cum + m);
      cumulative[k] = cum;
      sumMag += m;
      sumFreqMag += freqs[k] * m;
      low += lowWeight[k] * p;
      high += highWeight[k] * p;
    }
    start = end;
    const b = runBand[r];
    melAcc[b] += low;
    melAcc[b + 1] += high;
  }
  sums[0] = cum;
  sums[1] = sumMag;
  sums[2] = sumFreqMag;
}

/** Roll-off: the smallest bin whose float32 cumulative magnitude reaches f32(0.85 · total). */
function rolloffBin(cumulative: Float64Array, bins: number, total: number): number {
  const threshold = f32(ROLL_PERCENT_F32 * total);
  let lo = 0;
  let hi = bins - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] >= threshold) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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
