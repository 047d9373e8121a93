/** Pooling frame features into the study's 184-vector. */

import { FEATURE_OFFSETS, type FrameFeatureOptions, type FrameFeatures } from './spec';
import { computeFrameFeatures } from './frame-features';

function meanRow(values: Float32Array, rowStart: number, a: number, b: number): number {
  let sum = 0;
  for (let t = rowStart + a; t < rowStart + b; t++) sum += values[t];
  return sum / (b - a);
}

/**
 * The 184-vector [rms, centroid, rolloff, zcr, chroma×12, mfcc×40, mel×128]: each feature's mean
 * over frames [startFrame, endFrame) (librosa: np.mean(feature, axis=-1) over the whole clip).
 */
export function meanFeatures(frames: FrameFeatures, startFrame = 0, endFrame = frames.nFrames): Float32Array {
  const n = frames.nFrames;
  if (!Number.isInteger(startFrame) || !Number.isInteger(endFrame) || startFrame < 0 || endFrame > n || startFrame >= endFrame) {
    throw new RangeError(`meanFeatures: frame range [${startFrame}, ${endFrame}) is not a non-empty range within [0, ${n})`);
  }
  const out = new Float32Array(FEATURE_OFFSETS.total);
  out[FEATURE_OFFSETS.rms] = meanRow(frames.rms, 0, startFrame, endFrame);
  out[FEATURE_OFFSETS.centroid] = meanRow(frames.centroid, 0, startFrame, endFrame);
  out[FEATURE_OFFSETS.rolloff] = meanRow(frames.rolloff, 0, startFrame, endFrame);
  out[FEATURE_OFFSETS.zcr] = meanRow(frames.zcr, 0, startFrame, endFrame);
  const blocks: Array<[Float32Array, number]> = [
    [frames.chroma, FEATURE_OFFSETS.chroma],
    [frames.mfcc, FEATURE_OFFSETS.mfcc],
    [frames.mel, FEATURE_OFFSETS.mel],
  ];
  for (const [values, offset] of blocks) {
    const dims = values.length / n;
    for (let d = 0; d < dims; d++) out[offset + d] = meanRow(values, d * n, startFrame, endFrame);
  }
  return out;
}

/** The 184-vector of a whole signal, as the study computed it per utterance. */
export function extractFeatures(y: Float32Array, options?: FrameFeatureOptions): Float32Array {
  return meanFeatures(computeFrameFeatures(y, { pitch: false, ...options }));
}
