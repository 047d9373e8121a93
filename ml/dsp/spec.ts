/** The study's 184-feature layout and the types of the frame-level product. */

import type { PitchTrack } from './pitch';
import type { FeatureWorkspace } from './workspace';

export const FEATURE_SPEC = {
  sampleRate: 22050,
  nFft: 2048,
  hopLength: 512,
  nMels: 128,
  nMfcc: 40,
  nChroma: 12,
  /** Cache key: bump whenever any number this module produces changes. */
  version: 'librosa-0.9.2-port/1',
} as const satisfies {
  sampleRate: 22050;
  nFft: 2048;
  hopLength: 512;
  nMels: 128;
  nMfcc: 40;
  nChroma: 12;
  version: string;
};

export const FEATURE_NAMES: readonly string[] = Object.freeze([
  'rms',
  'spectral_centroid',
  'spectral_rolloff',
  'zero_crossing_rate',
  ...Array.from({ length: FEATURE_SPEC.nChroma }, (_, i) => `chroma_${i}`),
  ...Array.from({ length: FEATURE_SPEC.nMfcc }, (_, i) => `mfcc_${i}`),
  ...Array.from({ length: FEATURE_SPEC.nMels }, (_, i) => `mel_${i}`),
]);

/** Offsets of each block in the 184-vector. */
export const FEATURE_OFFSETS = {
  rms: 0,
  centroid: 1,
  rolloff: 2,
  zcr: 3,
  chroma: 4,
  mfcc: 4 + FEATURE_SPEC.nChroma,
  mel: 4 + FEATURE_SPEC.nChroma + FEATURE_SPEC.nMfcc,
  total: 4 + FEATURE_SPEC.nChroma + FEATURE_SPEC.nMfcc + FEATURE_SPEC.nMels,
} as const;

export interface FrameFeatures {
  sampleRate: number;
  hopLength: number;
  nFrames: number;
  /** Per-frame scalars, length nFrames. */
  rms: Float32Array;
  centroid: Float32Array;
  rolloff: Float32Array;
  zcr: Float32Array;
  /** 12 · nFrames, layout [d * nFrames + t]; per-frame max-normalised. */
  chroma: Float32Array;
  /** 40 · nFrames, same layout. */
  mfcc: Float32Array;
  /** 128 · nFrames, power mel (not dB), same layout. */
  mel: Float32Array;
  /** The tuning (fractions of a chroma bin) used for chroma: estimated, or options.tuning. */
  chromaTuning: number;
  /** f0 and voicing per frame (ml/dsp/pitch.ts); absent when computed with `pitch: false`. */
  pitch?: PitchTrack;
}

export interface FrameFeatureOptions {
  /** Sample rate of `y`; default 22050 (the study's rate). Filter banks are built for it. */
  sampleRate?: number;
  /** Chroma tuning; when given, librosa's per-signal estimation (piptrack) is skipped. */
  tuning?: number;
  /**
   * |STFT| of `y` from TuningPass.add(y, true) (frame-major, nFft/2 + 1 per frame), used with a given
   * `tuning` instead of transforming the frames again.
   */
  magnitudes?: Float32Array;
  /** Max mel power used for the 80 dB floor of power_to_db; default: the whole signal's max. */
  dbReference?: number;
  /** Reused buffers for the spectra kept during tuning estimation (see FeatureWorkspace). */
  workspace?: FeatureWorkspace;
  /** Also track f0 and voicing (the models' prosody); default true. The study's 184 do not need it. */
  pitch?: boolean;
}
