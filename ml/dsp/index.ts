/** Pure DSP (no Node, no DOM): the study's 184 librosa 0.9.2 features on Float32Array signals. */

export { FEATURE_NAMES, FEATURE_OFFSETS, FEATURE_SPEC } from './spec';
export type { FrameFeatureOptions, FrameFeatures } from './spec';
export { computeFrameFeatures, estimateTuning, TuningPass } from './frame-features';
export { extractFeatures, meanFeatures } from './pool';
export { FeatureWorkspace } from './workspace';
export { RealFft } from './fft';
export { resampleKaiserBest } from './resample';
export { TuningEstimator } from './tuning';
export { pitchFrames, PITCH_VERSION, type PitchTrack } from './pitch';
export { chromaFilterbankDense, fftFrequencies, hannWindow, hzToMel, melFilterbankDense, melToHz } from './filters';
export { logSpectrogram, type SpectrogramOptions } from './spectrogram';
