/**
 * Access to the librosa 0.9.2 reference (shared/golden) and the comparison rule the DSP tests use.
 * Not a test file itself (no .test.ts suffix).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { goldenDir } from '../../../helpers/fixtures';
import { needs } from '../../../helpers/requirements';

export { goldenDir };

export type FrameKey = 'rms' | 'spectral_centroid' | 'spectral_rolloff' | 'zero_crossing_rate' | 'chroma_stft' | 'mfcc' | 'melspectrogram';

export interface GoldenFile {
  name: string;
  sr: number;
  n_samples: number;
  n_frames: number;
  chroma_tuning: number;
  native: { sr: number; channels: number; n_samples: number };
  features184: number[];
  /** frames[feature][d][t] */
  frames?: Record<FrameKey, number[][]>;
  y_dump?: string;
}

let cached: GoldenFile[] | undefined;
export function goldenFiles(): GoldenFile[] {
  if (!cached) {
    const json = JSON.parse(readFileSync(path.join(goldenDir, 'librosa_features.json'), 'utf8')) as { files: GoldenFile[] };
    cached = json.files;
  }
  return cached;
}

/** Tests that compare with it declare `needs.golden()` (test/helpers/requirements.ts): in CI they fail without it. */
export function goldenAvailable(): boolean {
  return needs.golden().ok;
}

/** The exact float32 signal librosa analysed (raw little-endian float32, mono, 22050 Hz). */
export function readSignal(file: string): Float32Array {
  const bytes = readFileSync(path.join(goldenDir, 'y', file));
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/**
 * float32 arithmetic agreement: 1e-4 relative, or 1e-6 absolute where librosa's value is near zero.
 * `floatNoise` widens the absolute bound where the reference itself carries float32 rounding noise
 * (MFCC: see golden.test.ts).
 */
export function agrees(mine: number, ref: number, floatNoise = 0): boolean {
  const diff = Math.abs(mine - ref);
  return diff <= 1e-6 || diff <= 1e-4 * Math.abs(ref) || diff <= floatNoise;
}

/** Unit roundoff of float32 (2^-23 = spacing of floats in [1, 2)). */
export const EPS32 = 2 ** -23;

/**
 * librosa's MFCC is scipy.fftpack.dct on a float32 array, which runs in float32: each coefficient
 * carries rounding noise of order EPS32 · ||log-mel frame||_2 (= ||all 128 DCT coefficients||).
 * Measured on the four reference signals: at most 1.54 · EPS32 · ||the 40 coefficients||_2, so the
 * bound below allows 4x that. It only matters for coefficients near zero (|mfcc| < ~0.5), where
 * 1e-4 relative is finer than the reference's own float32 resolution.
 */
export const MFCC_NOISE_FACTOR = 4;

export function l2(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}
