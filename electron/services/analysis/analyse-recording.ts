/**
 * Analysis of one recording in the calling thread (the pool runs it inside worker threads).
 * A recording without speech is not an error: it has no speech spans and no regions.
 */
import type { AnalyseOptions, AnalysisResult } from './analysis-types';
import { loadPartyClassifier, type PartyClassifier } from './party-classifier';
import { PartyAnalyser, type PartyAnalyserOptions } from './party-analyser';
import { assembleResult, planRecording, withPriors, type PartyOutcome, type PartyPlan, type RecordingPlan } from './recording-plan';
import { emptyStageTimes, type StageTimes } from './stage-timings';
import { cancelledError, streamDecode, type ChannelSelection } from '../../../ml/audio/stream-decode';

export { assembleResult, planParties, planRecording, type PartyOutcome, type PartyPlan, type RecordingPlan } from './recording-plan';

export interface AnalysePartiesOptions {
  classifier: PartyClassifier;
  signal?: AbortSignal;
  /** Seconds of audio done (the same for every party of this call). */
  onProgress?: (seconds: number) => void;
  /** Minimum wall time between two progress reports. */
  progressIntervalMs?: number;
  /** Tuning of detection, windows and smoothing (defaults measured on the shared calls). */
  party?: Pick<PartyAnalyserOptions, 'vad' | 'windows' | 'smoothing'>;
  /** Adds the time spent waiting for decoded audio, on features and in the model. */
  times?: StageTimes;
}

/** Decodes once (one ffmpeg) and feeds every given party of the recording. */
export async function analyseParties(path: string, plan: RecordingPlan, parties: readonly PartyPlan[], options: AnalysePartiesOptions): Promise<PartyOutcome[]> {
  const { signal, onProgress } = options;
  const times = options.times ?? emptyStageTimes();
  const classifier: PartyClassifier = { ...options.classifier, classify: async (pooled, decision) => {
    const started = performance.now();
    try {
      return await options.classifier.classify(pooled, decision);
    } finally {
      times.model += performance.now() - started;
    }
  } };
  const analysers = parties.map((p) => new PartyAnalyser({ ...options.party, channel: p.channel, role: p.role, separate: p.separate, classWeights: p.classWeights, lineStats: p.lineStats, classifier }));
  // One party: ffmpeg picks or mixes its channel. Several: keep the source channels, in order.
  const select: ChannelSelection = parties.length === 1 ? parties[0].select : { kind: 'keep' };
  const sr = classifier.sampleRate;
  const interval = options.progressIntervalMs ?? 250;
  let lastReport = 0;
  let done = 0;
  const chunks = streamDecode(path, { sampleRate: sr, sourceChannels: plan.sourceChannels, select, signal });
  for (;;) {
    let started = performance.now();
    const next = await chunks.next();
    times.decodeWait += performance.now() - started;
    if (next.done) break;
    const chunk = next.value;
    started = performance.now();
    analysers.forEach((a, i) => a.push(chunk[parties.length === 1 ? 0 : parties[i].channel]));
    times.features += performance.now() - started;
    done += chunk[0].length;
    if (onProgress && Date.now() - lastReport >= interval) {
      lastReport = Date.now();
      onProgress(done / sr);
    }
  }
  if (signal?.aborted) throw cancelledError(path);
  const outcomes: PartyOutcome[] = [];
  const finishing = performance.now();
  const modelBefore = times.model;
  for (const a of analysers) outcomes.push(await a.finish());
  // finish() also featurises the last span and smooths: that part counts as features.
  times.features += performance.now() - finishing - (times.model - modelBefore);
  if (signal?.aborted) throw cancelledError(path);
  onProgress?.(done / sr);
  return outcomes;
}

const classifiers = new Map<string, Promise<PartyClassifier>>();

/** The classifier of a model folder, loaded once per thread. */
export function sharedClassifier(modelDir?: string): Promise<PartyClassifier> {
  const key = modelDir ?? '';
  let loading = classifiers.get(key);
  if (!loading) {
    loading = loadPartyClassifier(modelDir);
    classifiers.set(key, loading);
    loading.catch(() => classifiers.delete(key));
  }
  return loading;
}

export interface AnalyseDependencies {
  classifier?: PartyClassifier;
  modelDir?: string;
}

export async function analyseRecording(path: string, options: AnalyseOptions, deps: AnalyseDependencies = {}): Promise<AnalysisResult> {
  if (options.signal?.aborted) throw cancelledError(path);
  const plan = withPriors(await planRecording(path, options.roles, options.sourceChannels, options.separateMono), options.priors, options.lineStats);
  const classifier = deps.classifier ?? (await sharedClassifier(deps.modelDir));
  const outcomes = await analyseParties(path, plan, plan.parties, { classifier, signal: options.signal, onProgress: options.onProgress });
  return assembleResult(plan, outcomes, classifier);
}
