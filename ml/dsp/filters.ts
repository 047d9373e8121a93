/**
 * Window, frequency grids and filter banks, built the way librosa 0.9.2 builds them (float64
 * arithmetic, float32 results where librosa's default dtype is float32) and cached per parameters.
 * The mel bank is stored bin by bin with only its non-zero weights.
 */

const f32 = Math.fround;

/** scipy.signal.get_window('hann', n, fftbins=True): a periodic Hann window (float64). */
export function hannWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  // scipy evaluates 0.5 + 0.5·cos(fac) on linspace(-pi, pi, n + 1) and drops the last point.
  const step = (2 * Math.PI) / n;
  for (let i = 0; i < n; i++) w[i] = 0.5 + 0.5 * Math.cos(i * step - Math.PI);
  return w;
}

/** librosa.fft_frequencies = numpy.fft.rfftfreq(n_fft, 1/sr), reproduced operation by operation. */
export function fftFrequencies(sampleRate: number, nFft: number): Float64Array {
  const val = 1 / (nFft * (1 / sampleRate));
  const out = new Float64Array((nFft >> 1) + 1);
  for (let k = 0; k < out.length; k++) out[k] = k * val;
  return out;
}

// Slaney mel scale (librosa.hz_to_mel / mel_to_hz with htk=False).
const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOGSTEP = Math.log(6.4) / 27;

export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
}

export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

/** filters.mel(sr, n_fft, n_mels, fmin=0, fmax=sr/2, htk=False, norm='slaney', dtype=float32), dense. */
export function melFilterbankDense(sampleRate: number, nFft: number, nMels: number): Float32Array {
  const bins = (nFft >> 1) + 1;
  const fftFreqs = fftFrequencies(sampleRate, nFft);
  // mel_frequencies(n_mels + 2): numpy.linspace in mel, then back to Hz.
  const maxMel = hzToMel(sampleRate / 2);
  const count = nMels + 2;
  const step = maxMel / (count - 1);
  const melF = new Float64Array(count);
  for (let i = 0; i < count; i++) melF[i] = melToHz(i === count - 1 ? maxMel : i * step);
  const weights = new Float32Array(nMels * bins);
  for (let i = 0; i < nMels; i++) {
    const lowerDiff = melF[i + 1] - melF[i];
    const upperDiff = melF[i + 2] - melF[i + 1];
    const enorm = 2 / (melF[i + 2] - melF[i]);
    for (let k = 0; k < bins; k++) {
      const lower = -(melF[i] - fftFreqs[k]) / lowerDiff;
      const upper = (melF[i + 2] - fftFreqs[k]) / upperDiff;
      // Stored as float32, then scaled by the float64 Slaney norm and stored again.
      weights[i * bins + k] = f32(f32(Math.max(0, Math.min(lower, upper))) * enorm);
    }
  }
  return weights;
}

/**
 * filters.chroma(sr, n_fft, tuning, n_chroma, ctroct=5, octwidth=2, norm=2, base_c=True,
 * dtype=float32), dense, shape [n_chroma][1 + n_fft/2].
 */
export function chromaFilterbankDense(sampleRate: number, nFft: number, tuning: number, nChroma: number): Float32Array {
  const bins = (nFft >> 1) + 1;
  // frqbins over all n_fft frequencies (the aliased upper half matters only for bin widths).
  const frq = new Float64Array(nFft);
  const a440 = 440.0 * 2.0 ** (tuning / nChroma);
  const freqStep = sampleRate / nFft;
  for (let k = 1; k < nFft; k++) frq[k] = nChroma * Math.log2((k * freqStep) / (a440 / 16));
  frq[0] = frq[1] - 1.5 * nChroma;
  const half = Math.round(nChroma / 2);
  const raw = new Float64Array(nChroma * bins);
  const out = new Float32Array(nChroma * bins);
  const roll = 3 * Math.floor(nChroma / 12);
  for (let k = 0; k < bins; k++) {
    const width = k < nFft - 1 ? Math.max(frq[k + 1] - frq[k], 1) : 1;
    let norm2 = 0;
    for (let c = 0; c < nChroma; c++) {
      // remainder(D + n/2 + 10n, n) - n/2 with a positive dividend: JS % is the same fmod.
      const d = ((frq[k] - c + half + 10 * nChroma) % nChroma) - half;
      const g = Math.exp(-0.5 * ((2 * d) / width) ** 2);
      raw[c * bins + k] = g;
      norm2 += g * g;
    }
    const length = Math.sqrt(norm2);
    const scale = length < 2.2250738585072014e-308 ? 1 : length; // util.normalize: tiny(float64)
    const octave = Math.exp(-0.5 * ((frq[k] / nChroma - 5.0) / 2) ** 2);
    for (let c = 0; c < nChroma; c++) {
      // np.roll(wts, -roll, axis=0): output row c is input row c + roll.
      const src = (c + roll) % nChroma;
      out[c * bins + k] = f32((raw[src * bins + k] / scale) * octave);
    }
  }
  return out;
}

/**
 * The mel bank bin by bin. Triangular filters only overlap their neighbours, so every FFT bin feeds
 * at most two adjacent bands: bin k adds lowWeight[k]·P[k] to band lowBand[k] and
 * highWeight[k]·P[k] to band lowBand[k] + 1 (its zeros are exactly librosa's zeros). The mel
 * product then runs inside the per-bin spectrum loop with two register accumulators.
 */
export interface MelBank {
  nMels: number;
  lowBand: Int32Array;
  lowWeight: Float64Array;
  highWeight: Float64Array;
}

function binMajor(dense: Float32Array, rows: number, bins: number): MelBank {
  const lowBand = new Int32Array(bins);
  const lowWeight = new Float64Array(bins);
  const highWeight = new Float64Array(bins);
  let last = 0;
  for (let k = 0; k < bins; k++) {
    const nonzero: number[] = [];
    for (let r = 0; r < rows; r++) if (dense[r * bins + k] !== 0) nonzero.push(r);
    if (nonzero.length > 2 || (nonzero.length === 2 && nonzero[1] !== nonzero[0] + 1)) {
      throw new Error(`mel filter bank: bin ${k} feeds bands ${nonzero.join(', ')}, not at most two neighbours`);
    }
    const low = nonzero.length ? nonzero[0] : last; // an uncovered bin adds 0 to a harmless band
    lowBand[k] = low;
    lowWeight[k] = nonzero.length ? dense[low * bins + k] : 0;
    highWeight[k] = nonzero.length === 2 ? dense[(low + 1) * bins + k] : 0;
    last = low;
  }
  return { nMels: rows, lowBand, lowWeight, highWeight };
}

export function melFilterbank(sampleRate: number, nFft: number, nMels: number): MelBank {
  const key = `${sampleRate}/${nFft}/${nMels}`;
  let bank = melCache.get(key);
  if (!bank) {
    bank = binMajor(melFilterbankDense(sampleRate, nFft, nMels), nMels, (nFft >> 1) + 1);
    melCache.set(key, bank);
  }
  return bank;
}
const melCache = new Map<string, MelBank>();

const windowCache = new Map<number, Float64Array>();
export function cachedHann(n: number): Float64Array {
  let w = windowCache.get(n);
  if (!w) {
    w = hannWindow(n);
    windowCache.set(n, w);
  }
  return w;
}
