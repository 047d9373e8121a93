import { EmoqaError } from '../../electron/shared/errors';
import type { FrameFeatures } from '../dsp';
import { channelMajor, SEQUENCE, sequenceFeatures, sequencePartyStats, sequenceWindow } from './frame-sequence';
import { loadHead } from './head';
import { assertFeatureSpec, type ModelMetadata } from './metadata';
import { readMetadata } from './model-dir';
import { applyMemory, voiceCentre } from './correction-memory';
import { readMemory } from './memory-file';
import { decideWindows } from './call-rule';
import { partyFeatures, shrunkPartyStats } from './party-features';
import { normaliseWith, partyStats, poolWindow, POOLED_DIM, POOLING_DIMS, POOLING_VERSION, type PartyStats } from './pooling';

export interface ClassifyOptions {
  /**
   * Speaker adaptation: z-score each window with statistics of the same party (all of its windows
   * in a call). `true` computes them from `windows`; pass PartyStats to reuse them across calls.
   * Ignored (plain path) when the model has no adapted head or there are too few windows.
   */
  adaptation?: boolean | PartyStats;
  /**
   * Prior weights of the decision rule in place of the model's own (a party-decision model only):
   * the library's estimated base rates for this party's role (class-priors.ts).
   */
  classWeights?: readonly number[];
  /**
   * Statistics the party head's absolute half is z-scored with in place of the training ones (a
   * party-decision model only): the library's channel (channel-stats.ts), where its line moved.
   */
  channel?: PartyStats;
}

export interface EmotionClassifier {
  readonly metadata: ModelMetadata;
  readonly backend: string;
  /** Probabilities per window; a window is a frame range [start,end) of `frames` computed once over a whole channel. */
  classifyWindows(frames: FrameFeatures, windows: ReadonlyArray<readonly [number, number]>, options?: ClassifyOptions): Promise<Float32Array[]>;
  /** Pooled vectors of windows, for callers that build party statistics themselves. */
  poolWindows(frames: FrameFeatures, windows: ReadonlyArray<readonly [number, number]>): Float32Array[];
  /**
   * The statistics of one party for `adaptation` (robust and shrunk for a party-decision model,
   * mean/std for an older adapted head): compute once over all of a party's windows, pass to every batch.
   */
  partyStats(pooled: readonly Float32Array[]): PartyStats;
  /** Confidence below which a window or region is shown as uncertain (0 when the model has none). */
  readonly uncertainBelow: number;
  /** Probabilities for already pooled vectors (see poolWindows). */
  classifyVectors(pooled: readonly Float32Array[], options?: ClassifyOptions): Promise<Float32Array[]>;
  dispose(): void;
}

/**
 * What the heads of a model folder run on, without keeping them: 'js-dense' when every head is a
 * Dense graph (no TF.js is loaded), else the TF.js backend the workers pick.
 */
export async function headsBackend(dir: string): Promise<string> {
  const metadata = await readMetadata(dir);
  const files = [metadata.model.file, metadata.adaptation?.file, metadata.decision?.file].filter((f): f is string => !!f);
  const heads = await Promise.all(files.map((file) => loadHead(dir, file)));
  heads.forEach((head) => head.dispose());
  return heads.find((head) => head.backend !== 'js-dense')?.backend ?? 'js-dense';
}

export async function openClassifier(dir: string): Promise<EmotionClassifier> {
  const metadata = await readMetadata(dir);
  assertFeatureSpec(metadata, dir);
  // Older pooling versions are prefixes of the current vector: such models keep working.
  const dim = POOLING_DIMS[metadata.input.pooling];
  if (dim === undefined || metadata.input.dim !== dim) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `model input ${metadata.input.pooling}/${metadata.input.dim} is not one this build produces (up to ${POOLING_VERSION}/${POOLED_DIM})`);
  }
  const plain = await loadHead(dir, metadata.model.file);
  const adapted = metadata.adaptation ? await loadHead(dir, metadata.adaptation.file) : null;
  const global: PartyStats = { mean: Float32Array.from(metadata.normalisation.mean), std: Float32Array.from(metadata.normalisation.std), count: 0 };
  const zeroFloor = new Float32Array(dim).fill(1e-6);
  const adaptFloor = Float32Array.from(metadata.adaptation?.stdFloor ?? []);
  const pool = (frames: FrameFeatures, windows: ReadonlyArray<readonly [number, number]>): Float32Array[] =>
    windows.map(([s, e]) => {
      const v = poolWindow(frames, s, e);
      return dim === POOLED_DIM ? v : v.slice(0, dim);
    });

  const decision = metadata.decision;
  const sequence = decision?.sequence;
  if (sequence && (sequence.steps !== SEQUENCE.steps || sequence.stride !== SEQUENCE.stride || sequence.channels !== SEQUENCE.channels)) {
    throw new EmoqaError('MODEL_UNAVAILABLE', `model reads ${sequence.steps}×${sequence.stride} frames of ${sequence.channels} coefficients; this build cuts ${SEQUENCE.steps}×${SEQUENCE.stride} of ${SEQUENCE.channels}`);
  }
  // A frame-sequence head's "pooled" window is its MFCC frame sequence (frame-sequence.ts).
  const cut = sequence
    ? (frames: FrameFeatures, windows: ReadonlyArray<readonly [number, number]>): Float32Array[] => windows.map(([s, e]) => sequenceWindow(channelMajor(frames.mfcc, frames.nFrames), s, e))
    : pool;
  const partyHead = decision ? await loadHead(dir, decision.file) : null;
  // The corrected windows of a retrained version: blended with the party head by its chosen rule.
  const memory = decision && metadata.memory ? await readMemory(dir, metadata.memory.file) : null;
  const decisionFloor = Float32Array.from(decision?.stdFloor ?? []);
  const decisionGlobal: PartyStats = { mean: Float32Array.from(decision?.global.mean ?? []), std: Float32Array.from(decision?.global.std ?? []), count: 0 };
  const statsOf = (pooled: readonly Float32Array[]): PartyStats =>
    !decision ? partyStats(pooled)
      : sequence ? sequencePartyStats(pooled, decisionGlobal, decision.shrinkWindows) : shrunkPartyStats(pooled, decisionGlobal, decision.shrinkWindows);
  const inputOf = sequence ? sequenceFeatures : partyFeatures;

  const classifyVectors = async (pooled: readonly Float32Array[], options: ClassifyOptions = {}): Promise<Float32Array[]> => {
    if (decision && partyHead) {
      // One window alone, or no adaptation asked for: the party is the global one (relative = absolute).
      const party = options.adaptation === true ? statsOf(pooled) : options.adaptation || statsOf([]);
      // The library's channel statistics are pooled-vector ones: a frame-sequence head keeps its own global ones.
      const global = (sequence ? undefined : options.channel) ?? decisionGlobal;
      const inputs = pooled.map((v) => inputOf(v, global, party, decisionFloor));
      const raw = await partyHead.predict(inputs);
      const weights = options.classWeights ?? decision.classWeights;
      // The memory reads the corrections of this party's voice only (none for a window alone).
      const voice = memory?.voices && party.count > 0 && party.median ? voiceCentre(party.median, decisionGlobal) : null;
      return applyMemory(memory, inputs, decideWindows(raw, { temperature: decision.temperature, classWeights: weights }), inputs.map(() => voice));
    }
    const stats = options.adaptation === true ? (pooled.length ? partyStats(pooled) : null) : (options.adaptation || null);
    if (adapted && metadata.adaptation && stats && stats.count >= metadata.adaptation.minWindows) {
      return adapted.predict(pooled.map((v) => normaliseWith(v, stats, adaptFloor)));
    }
    return plain.predict(pooled.map((v) => normaliseWith(v, global, zeroFloor)));
  };

  return {
    metadata,
    backend: plain.backend,
    poolWindows: cut,
    partyStats: statsOf,
    uncertainBelow: decision?.uncertainBelow ?? 0,
    classifyVectors,
    async classifyWindows(frames, windows, options = {}) {
      if (frames.sampleRate !== metadata.sampleRate) {
        throw new EmoqaError('INVALID_ARGUMENT', `frames are at ${frames.sampleRate} Hz; the model needs ${metadata.sampleRate} Hz`);
      }
      return classifyVectors(cut(frames, windows), options);
    },
    dispose() {
      plain.dispose();
      adapted?.dispose();
      partyHead?.dispose();
    },
  };
}
