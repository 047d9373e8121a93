/**
 * A picture of a stretch of signal: log-magnitude STFT columns quantised to bytes, for drawing.
 * Each column covers an equal share of the samples and averages the power of the frames centred
 * inside it (at least one), so a wide range still shows every burst rather than one frame in ten.
 * Same FFT and window as the features (RealFft, Hann); frames past either end are zero-padded.
 */
import { cachedRealFft } from './fft';
import { cachedHann } from './filters';

export interface SpectrogramOptions {
  columns: number;
  /** FFT size: 2·4^m (see RealFft). */
  fftSize: number;
  /** Bins kept per column, from 0 Hz (at most fftSize / 2 + 1). */
  bins: number;
  /** dB relative to a full-scale sine mapped to 0 and to 255. */
  floorDb: number;
  ceilingDb: number;
}

/** `columns` columns of `bins` bytes, column after column, bin 0 (0 Hz) first. */
export function logSpectrogram(y: Float32Array, options: SpectrogramOptions): Uint8Array {
  const { columns, fftSize, bins } = options;
  const fft = cachedRealFft(fftSize);
  if (bins > fft.bins) throw new Error(`logSpectrogram: ${bins} bins asked, an FFT of ${fftSize} has ${fft.bins}`);
  const window = cachedHann(fftSize);
  let windowSum = 0;
  for (let i = 0; i < fftSize; i++) windowSum += window[i];
  // A full-scale sine peaks at windowSum / 2 in its bin: that is 0 dB.
  const reference = windowSum / 2;
  const mag = new Float32Array(fft.bins);
  const power = new Float64Array(bins);
  const edge = new Float32Array(fftSize);
  const out = new Uint8Array(columns * bins);
  const hop = fftSize / 4;
  const perColumn = y.length / columns;
  const frames = Math.max(1, Math.min(256, Math.round(perColumn / hop)));
  const scale = 255 / (options.ceilingDb - options.floorDb);
  for (let c = 0; c < columns; c++) {
    power.fill(0);
    for (let f = 0; f < frames; f++) {
      const centre = Math.floor((c + (f + 0.5) / frames) * perColumn);
      const start = centre - fftSize / 2;
      if (start >= 0 && start + fftSize <= y.length) fft.magnitudesMax(y, start, window, mag, 0);
      else {
        edge.fill(0);
        const lo = Math.max(0, start);
        const hi = Math.min(y.length, start + fftSize);
        if (hi > lo) edge.set(y.subarray(lo, hi), lo - start);
        fft.magnitudesMax(edge, 0, window, mag, 0);
      }
      for (let b = 0; b < bins; b++) power[b] += mag[b] * mag[b];
    }
    const offset = c * bins;
    for (let b = 0; b < bins; b++) {
      const db = 10 * Math.log10(power[b] / frames / (reference * reference) + 1e-20);
      out[offset + b] = Math.max(0, Math.min(255, Math.round((db - options.floorDb) * scale)));
    }
  }
  return out;
}
