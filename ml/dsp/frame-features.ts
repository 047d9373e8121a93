/**
 * All frame-level features from ONE short-time Fourier transform (librosa 0.9.2 defaults:
 * n_fft 2048, hop 512, periodic Hann, centred frames with zero padding).
 *
 * With the tuning given, each frame is transformed and fully analysed in one pass. Otherwise chroma
 * waits for the signal's tuning: pass 1 transforms every frame and collects piptrack's peaks,
 * keeping the magnitudes (4 bytes per bin); pass 2 replays them through the same per-frame
 * analysis once the tuning is known. MFCC waits for the loudest mel bin of the whole signal
 * (power_to_db's 80 dB floor) and is computed from the stored mel matrix.
 * Callers analysing many segments of one source can fix the tuning once with estimateTuning.
 */

import { FEATURE_SPEC, type FrameFeatureOptions, type FrameFeatures } from './spec';
import { chromaBank } from './chroma';
import { dbFloor, powerToDb, powerToDbBits } from './mfcc';
import { TuningEstimator } from './tuning';
import { rmsFrames, zcrFrames } from './time-features';
import { engineFor, type Engine } from './engine';
import { pitchFrames } from './pitch';

const AMIN_F32 = Math.fround(1e-10);
/** Frames per block of mfccFrames (Engine.dbBlock holds one block of dB values). */
const MFCC_BLOCK = 32;

/**
 * Above maxStoredFloats (~1 GB of magnitudes, ~100 min at 22050 Hz) frames are transformed a second
 * time for chroma instead of being kept. Mutable so tests can exercise that path.
 */
export const storageLimits = { maxStoredFloats: 256 * 1024 * 1024 };

function allocate(nFrames: number, sampleRate: number, hop: number): FrameFeatures {
  return {
    sampleRate,
    hopLength: hop,
    nFrames,
    rms: new Float32Array(nFrames),
    centroid: new Float32Array(nFrames),
    rolloff: new Float32Array(nFrames),
    zcr: new Float32Array(nFrames),
    chroma: new Float32Array(FEATURE_SPEC.nChroma * nFrames),
    mfcc: new Float32Array(FEATURE_SPEC.nMfcc * nFrames),
    mel: new Float32Array(FEATURE_SPEC.nMels * nFrames),
    chromaTuning: 0,
  };
}

function validate(y: Float32Array, options: FrameFeatureOptions): number {
  if (!(y instanceof Float32Array)) throw new TypeError('computeFrameFeatures: y must be a Float32Array');
  if (y.length === 0) throw new Error('computeFrameFeatures: the signal is empty (0 samples); there is nothing to analyse');
  const sampleRate = options.sampleRate ?? FEATURE_SPEC.sampleRate;
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) throw new RangeError(`computeFrameFeatures: bad sampleRate ${sampleRate}`);
  if (options.tuning !== undefined && !(Math.abs(options.tuning) < 1e6)) throw new RangeError('computeFrameFeatures: tuning must be finite');
  if (options.dbReference !== undefined && !(options.dbReference >= 0)) throw new RangeError('computeFrameFeatures: dbReference must be >= 0');
  return sampleRate;
}

export function computeFrameFeatures(y: Float32Array, options: FrameFeatureOptions = {}): FrameFeatures {
  const sampleRate = validate(y, options);
  const e = engineFor(sampleRate);
  const { hop, nFft, bins, magRow } = e;
  const nFrames = 1 + Math.floor(y.length / hop);
  const out = allocate(nFrames, sampleRate, hop);
  if (!rmsFrames(y, nFft, hop, nFrames, out.rms)) {
    throw new RangeError('computeFrameFeatures: the signal contains NaN or infinite samples'); // librosa: valid_audio
  }
  zcrFrames(y, nFft, hop, nFrames, out.zcr);

  const given = options.tuning;
  let maxMel = 0;
  const kept = options.magnitudes;
  if (kept !== undefined && kept.length !== nFrames * bins) {
    throw new RangeError(`computeFrameFeatures: magnitudes hold ${kept.length} values, the signal has ${nFrames} frames of ${bins} bins`);
  }
  if (given !== undefined) {
    // Tuning given: one pass, nothing kept (or the spectra the tuning pass already made).
    const bank = chromaBank(sampleRate, nFft, given);
    for (let t = 0; t < nFrames; t++) {
      if (kept) {
        maxMel = Math.max(maxMel, e.spectralFrame(bank, kept, t * bins, t, out));
      } else {
        e.transformFrame(y, t, magRow, 0);
        maxMel = Math.max(maxMel, e.spectralFrame(bank, magRow, 0, t, out));
      }
    }
    out.chromaTuning = given;
  } else {
    // Pass 1: the STFT and piptrack's peaks; the magnitudes are kept for pass 2 (or recomputed
    // when the signal is too long to keep them).
    const estimator = new TuningEstimator(sampleRate, nFft);
    const storeLength = nFrames * bins;
    let stored: Float32Array | undefined;
    if (storeLength <= storageLimits.maxStoredFloats) {
      stored = options.workspace ? options.workspace.take(storeLength) : new Float32Array(storeLength);
    }
    for (let t = 0; t < nFrames; t++) {
      const mag = stored ?? magRow;
      const magOffset = stored ? t * bins : 0;
      estimator.addMagnitudes(mag, magOffset, e.transformFrame(y, t, mag, magOffset));
    }
    out.chromaTuning = estimator.estimate();
    // Pass 2: everything else with the estimated tuning.
    const bank = chromaBank(sampleRate, nFft, out.chromaTuning);
    for (let t = 0; t < nFrames; t++) {
      if (stored) {
        maxMel = Math.max(maxMel, e.spectralFrame(bank, stored, t * bins, t, out));
      } else {
        e.transformFrame(y, t, magRow, 0);
        maxMel = Math.max(maxMel, e.spectralFrame(bank, magRow, 0, t, out));
      }
    }
  }

  mfccFrames(e, out, options.dbReference ?? maxMel);
  if (options.pitch !== false) out.pitch = pitchFrames(y, sampleRate, hop, nFrames);
  return out;
}

/**
 * The tuning librosa's chroma_stft would estimate (piptrack over the power spectrogram, then the
 * histogram of pitch residuals) with the peaks of several signals pooled, each framed on its own as
 * computeFrameFeatures frames it: for one signal, exactly computeFrameFeatures(y).chromaTuning.
 * Costs the STFT only. Lets a caller fix one tuning for many segments of the same source (a party
 * of a call) and pass it as `tuning`, which skips the estimation and the kept spectrogram.
 */
export function estimateTuning(signals: readonly Float32Array[], sampleRate: number = FEATURE_SPEC.sampleRate): number {
  const pass = new TuningPass(sampleRate);
  for (const y of signals) pass.add(y);
  return pass.estimate();
}

/**
 * estimateTuning one signal at a time, optionally keeping each signal's |STFT| (4 · 1025 bytes a
 * frame) so that computeFrameFeatures(y, { tuning, magnitudes }) does not transform it again: the
 * same floats either way, so the features are bit for bit those of a second STFT.
 */
export class TuningPass {
  private readonly engine: Engine;
  private readonly estimator: TuningEstimator;

  constructor(sampleRate: number = FEATURE_SPEC.sampleRate) {
    this.engine = engineFor(sampleRate);
    this.estimator = new TuningEstimator(sampleRate, this.engine.nFft);
  }

  /** Floats of the magnitudes add() keeps for a signal of `samples` samples. */
  spectraLength(samples: number): number {
    return samples === 0 ? 0 : (1 + Math.floor(samples / this.engine.hop)) * this.engine.bins;
  }

  /**
   * Adds the peaks of `y`. With `keep` (at least spectraLength(y.length) floats), its magnitudes are
   * written there and the view of them is returned (frame-major, `bins` per frame).
   */
  add(y: Float32Array, keep?: Float32Array): Float32Array | undefined {
    const e = this.engine;
    const length = this.spectraLength(y.length);
    if (keep && keep.length < length) throw new RangeError(`TuningPass.add: ${length} floats of magnitudes do not fit in ${keep.length}`);
    const stored = keep?.subarray(0, length);
    if (length === 0) return stored;
    const nFrames = length / e.bins;
    for (let t = 0; t < nFrames; t++) {
      const mag = stored ?? e.magRow;
      const offset = stored ? t * e.bins : 0;
      this.estimator.addMagnitudes(mag, offset, e.transformFrame(y, t, mag, offset));
    }
    return stored;
  }

  estimate(): number {
    return this.estimator.estimate();
  }
}

/**
 * power_to_db(mel, ref=1, amin=1e-10, top_db=80) against the whole signal's loudest bin, then the
 * orthonormal DCT-II. Frames are read in blocks so the strided mel rows stream through the cache.
 */
function mfccFrames(e: Engine, out: FrameFeatures, reference: number): void {
  const { nFrames, mel, mfcc } = out;
  const bits = new Int32Array(mel.buffer, mel.byteOffset, mel.length); // the float32 values' bits, for powerToDbBits
  const floor = dbFloor(reference);
  const nMels = FEATURE_SPEC.nMels;
  const block = MFCC_BLOCK;
  const db = e.dbBlock;
  for (let t0 = 0; t0 < nFrames; t0 += block) {
    const width = Math.min(block, nFrames - t0);
    for (let b = 0; b < nMels; b++) {
      const row = b * nFrames + t0;
      for (let i = 0; i < width; i++) {
        const p = mel[row + i];
        const v = p > AMIN_F32 && p < Infinity ? powerToDbBits(bits[row + i]) : powerToDb(p);
        db[i * nMels + b] = Math.max(v, floor); // branch-free: silence straddles the floor
      }
    }
    e.dct.applyFrames(db, 0, width, mfcc, nFrames, t0);
  }
}
