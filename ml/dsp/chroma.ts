/**
 * chroma_stft's filter bank in a sparse form, and its product with one frame's power spectrum.
 *
 * Above the lowest bins every chroma column is a narrow Gaussian around the bin's pitch class: the
 * weights more than ~3.5 classes away are below 1e-9 of the column's largest (exp(-2·3.5²) ≈ 2e-11),
 * so each such bin keeps a window of CHROMA_WINDOW consecutive classes. Dropping the rest changes a
 * max-normalised chroma value by at most 12·1e-9 (per bin the dropped mass is < 1e-9 of that bin's
 * largest weight, which is at most the sum of its 12 contributions): below float32 resolution and
 * far below the golden tolerance. Bins sharing a window form runs, so the product keeps 7 register
 * accumulators instead of 12. The lowest bins (wide Gaussians) stay dense.
 */

import { chromaFilterbankDense } from './filters';

/** Pitch classes kept per sparse bin. */
const WINDOW = 7;
/** Weights below this fraction of their column's largest are dropped. */
const SPARSE_EPS = 1e-9;

export interface ChromaBank {
  /** Bins [0, denseBins) keep all 12 weights, 12 per bin (float32 values). */
  denseBins: number;
  dense: Float64Array;
  /** Run r covers bins [runEnd[r - 1] (or denseBins), runEnd[r]) and classes runFirst[r] + i, i < WINDOW (cyclic). */
  runEnd: Int32Array;
  runFirst: Int32Array;
  /** WINDOW weights per bin from denseBins on (float32 keeps the table in the L1 cache). */
  window: Float32Array;
}

function buildBank(sampleRate: number, nFft: number, tuning: number): ChromaBank {
  const bins = (nFft >> 1) + 1;
  const w = chromaFilterbankDense(sampleRate, nFft, tuning, 12);
  // Each bin's window: WINDOW classes centred on its largest weight.
  const first = new Int32Array(bins);
  let denseBins = 0;
  for (let k = 0; k < bins; k++) {
    let best = 0;
    for (let c = 1; c < 12; c++) if (w[c * bins + k] > w[best * bins + k]) best = c;
    first[k] = (best - (WINDOW >> 1) + 12) % 12;
    const limit = SPARSE_EPS * w[best * bins + k];
    for (let i = WINDOW; i < 12; i++) {
      if (w[((first[k] + i) % 12) * bins + k] >= limit) denseBins = k + 1; // this bin needs all 12
    }
  }
  const dense = new Float64Array(12 * denseBins);
  for (let k = 0; k < denseBins; k++) for (let c = 0; c < 12; c++) dense[12 * k + c] = w[c * bins + k];
  const window = new Float32Array(WINDOW * (bins - denseBins));
  const ends: number[] = [];
  const firsts: number[] = [];
  for (let k = denseBins; k < bins; k++) {
    for (let i = 0; i < WINDOW; i++) window[WINDOW * (k - denseBins) + i] = w[((first[k] + i) % 12) * bins + k];
    if (k + 1 === bins || first[k + 1] !== first[k]) {
      ends.push(k + 1);
      firsts.push(first[k]);
    }
  }
  return { denseBins, dense, runEnd: Int32Array.from(ends), runFirst: Int32Array.from(firsts), window };
}

const cache = new Map<string, ChromaBank>();

/** filters.chroma(sr, n_fft, tuning, n_chroma=12) in the sparse form above, cached per parameters. */
export function chromaBank(sampleRate: number, nFft: number, tuning: number): ChromaBank {
  const key = `${sampleRate}/${nFft}/${tuning}`;
  let bank = cache.get(key);
  if (!bank) {
    bank = buildBank(sampleRate, nFft, tuning);
    if (cache.size > 256) cache.clear(); // tuning takes ~100 values per sample rate
    cache.set(key, bank);
  }
  return bank;
}

const f32 = Math.fround;
const TINY_F32 = 1.1754943508222875e-38;
/** Accumulators: a run starting at class c lands in c .. c + WINDOW - 1, folded back mod 12 at the end. */
const acc = new Float64Array(12 + WINDOW);

/**
 * chroma_stft of one frame: bank · power (power = float32 square of mag[magOffset ..]), rounded to
 * float32 like librosa's product, max-normalised, into chroma[c · nFrames + t].
 */
export function chromaFrame(bank: ChromaBank, mag: Float32Array, magOffset: number, chroma: Float32Array, nFrames: number, t: number): void {
  const { denseBins, dense, runEnd, runFirst, window } = bank;
  // The lowest bins feed all 12 classes.
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0;
  for (let k = 0, o = 0; k < denseBins; k++, o += 12) {
    const m = mag[magOffset + k];
    const p = f32(m * m);
    a0 += dense[o] * p; a1 += dense[o + 1] * p; a2 += dense[o + 2] * p; a3 += dense[o + 3] * p;
    a4 += dense[o + 4] * p; a5 += dense[o + 5] * p; a6 += dense[o + 6] * p; a7 += dense[o + 7] * p;
    a8 += dense[o + 8] * p; a9 += dense[o + 9] * p; a10 += dense[o + 10] * p; a11 += dense[o + 11] * p;
  }
  acc[0] = a0; acc[1] = a1; acc[2] = a2; acc[3] = a3; acc[4] = a4; acc[5] = a5;
  acc[6] = a6; acc[7] = a7; acc[8] = a8; acc[9] = a9; acc[10] = a10; acc[11] = a11;
  acc.fill(0, 12);
  let start = denseBins;
  for (let r = 0; r < runEnd.length; r++) {
    const end = runEnd[r];
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0;
    for (let k = start, o = WINDOW * (start - denseBins); k < end; k++, o += WINDOW) {
      const m = mag[magOffset + k];
      const p = f32(m * m);
      c0 += window[o] * p; c1 += window[o + 1] * p; c2 += window[o + 2] * p; c3 += window[o + 3] * p;
      c4 += window[o + 4] * p; c5 += window[o + 5] * p; c6 += window[o + 6] * p;
    }
    start = end;
    const c = runFirst[r];
    acc[c] += c0; acc[c + 1] += c1; acc[c + 2] += c2; acc[c + 3] += c3;
    acc[c + 4] += c4; acc[c + 5] += c5; acc[c + 6] += c6;
  }
  let max = 0;
  for (let c = 0; c < 12; c++) {
    const v = f32(c < WINDOW ? acc[c] + acc[c + 12] : acc[c]);
    acc[c] = v;
    if (v > max) max = v;
  }
  // util.normalize(norm=inf): frames whose max is below tiny are left as they are.
  const scale = max < TINY_F32 ? 1 : max;
  for (let c = 0; c < 12; c++) chroma[c * nFrames + t] = acc[c] / scale;
}
