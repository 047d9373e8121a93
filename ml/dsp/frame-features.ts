/**
 * All frame-level features from ONE short-time Fourier transform (librosa 0.9.2 defaults:
 * n_fft 2048, hop 512, periodic Hann, centred frames with zero padding).
 *
 * Pass 1 transforms every frame once: centroid, mel and the piptrack peaks for the tuning come
 * from it at once. Chroma (and the roll-off, computed in the same loop) waits for the signal's
 * tuning: the frame magnitudes are kept and replayed once the tuning is known, or computed in
 * pass 1 when the caller gives the tuning. MFCC waits for the loudest mel bin of the whole signal
 * (power_to_db's 80 dB floor) and is computed from the stored mel matrix.
 */

import { FEATURE_SPEC, type FrameFeatureOptions, type FrameFeatures } from './spec';
import { chromaFilterbank } from './filters';
import { dbFloor, powerToDb } from './mfcc';
import { TuningEstimator } from './tuning';
import { rmsFrames, zcrFrames } from './time-features';
import { engineFor, type Engine } from './engine';

const f32 = Math.fround;
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
  const nMels = FEATURE_SPEC.nMels;
  const out = allocate(nFrames, sampleRate, hop);
  if (!rmsFrames(y, nFft, hop, nFrames, out.rms)) {
    throw new RangeError('computeFrameFeatures: the signal contains NaN or infinite samples'); // librosa: valid_audio
  }
  zcrFrames(y, nFft, hop, nFrames, out.zcr);

  const given = options.tuning;
  const knownBank = given !== undefined ? chromaFilterbank(sampleRate, nFft, given, FEATURE_SPEC.nChroma) : undefined;
  const estimator = knownBank ? undefined : new TuningEstimator(sampleRate, nFft);
  const storeLength = nFrames * bins;
  let stored: Float32Array | undefined;
  if (!knownBank && storeLength <= storageLimits.maxStoredFloats) {
    stored = options.workspace ? options.workspace.take(storeLength) : new Float32Array(storeLength);
  }

  let maxMel = 0;
  for (let t = 0; t < nFrames; t++) {
    // Magnitudes go straight into the kept spectrogram when there is one.
    const mag = stored ?? magRow;
    const magOffset = stored ? t * bins : 0;
    e.transformFrame(y, t, mag, magOffset);
    const maxPower = e.spectralFrame(mag, magOffset, out, t);
    const { melAcc } = e;
    for (let b = 0; b < nMels; b++) {
      const v = f32(melAcc[b]); // librosa's mel product is float32
      out.mel[b * nFrames + t] = v;
      maxMel = Math.max(maxMel, v);
    }
    if (knownBank) e.chromaRolloffFrame(knownBank, mag, magOffset, out, t);
    else estimator!.addFrame(e.power, maxPower);
  }

  if (knownBank) {
    out.chromaTuning = given!;
  } else {
    out.chromaTuning = estimator!.estimate();
    const bank = chromaFilterbank(sampleRate, nFft, out.chromaTuning, FEATURE_SPEC.nChroma);
    for (let t = 0; t < nFrames; t++) {
      if (stored) {
        e.chromaRolloffFrame(bank, stored, t * bins, out, t);
      } else {
        e.transformFrame(y, t, magRow, 0); // only for signals too long to keep (storageLimits)
        e.chromaRolloffFrame(bank, magRow, 0, out, t);
      }
    }
  }

  mfccFrames(e, out, options.dbReference ?? maxMel);
  return out;
}

/**
 * power_to_db(mel, ref=1, amin=1e-10, top_db=80) against the whole signal's loudest bin, then the
 * orthonormal DCT-II. Frames are read in blocks so the strided mel rows stream through the cache.
 */
function mfccFrames(e: Engine, out: FrameFeatures, reference: number): void {
  const { nFrames, mel, mfcc } = out;
  const floor = dbFloor(reference);
  const nMels = FEATURE_SPEC.nMels;
  const block = 64;
  const db = new Float64Array(nMels * block);
  for (let t0 = 0; t0 < nFrames; t0 += block) {
    const width = Math.min(block, nFrames - t0);
    for (let b = 0; b < nMels; b++) {
      const row = b * nFrames + t0;
      for (let i = 0; i < width; i++) {
        const v = powerToDb(mel[row + i]);
        db[i * nMels + b] = Math.max(v, floor); // branch-free: silence straddles the floor
      }
    }
    for (let i = 0; i < width; i++) e.dct.apply(db, i * nMels, mfcc, nFrames, t0 + i);
  }
}
