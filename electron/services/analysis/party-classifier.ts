/**
 * The model as the streaming analyser needs it: pool windows span by span while the audio streams
 * (frame features are then dropped), and classify all of a party's pooled windows at the end, so the
 * speaker adaptation sees the whole call while memory stays flat (a pooled window is ~1.7 kB; the
 * frame features of an hour of speech would be ~50 MB per party). Both steps are the model's own
 * (`EmotionClassifier.poolWindows` / `classifyVectors`): the head choice stays in one place.
 */
import type { FrameFeatures } from '../../../ml/dsp';
import { defaultModelDir, loadClassifier } from '../../../ml/model';
import { decideParty } from '../../../ml/model/call-rule';
import type { Emotion } from '../../shared/domain';
import { windowsKindOf } from '../../../ml/model/channel-stats';
import type { PartyStats } from '../../../ml/model/pooling';

export type FrameWindow = readonly [number, number];

/**
 * Windows per model call. The party statistics are computed over all windows first, so batches
 * give what one call would; a bounded batch keeps the backend's memory (WebAssembly memory never
 * shrinks) independent of the length of the call.
 */
export const CLASSIFY_BATCH = 256;

/** What the library decides a party with, beside the model's own rule. */
export interface PartyDecision {
  /** The prior in use for the party's role instead of the model's own (models/class-priors). */
  classWeights?: readonly number[];
  /** The library's line statistics for the absolute half, where its line moved (models/line-stats). */
  lineStats?: PartyStats;
}

export interface PartyClassifier {
  readonly sampleRate: number;
  readonly version: string;
  /** Order of the probabilities returned by `classify`. */
  readonly classes: readonly Emotion[];
  /** Regions whose confidence is below this are shown as uncertain (0: the model has no threshold). */
  readonly uncertainBelow?: number;
  /** What the pooled windows are, for the library's window summaries (null: the model reads no library statistics). */
  readonly windowsKind?: string | null;
  /** Temperature of the regions' shown probabilities (the model's decision rule; absent: 1). */
  readonly shownTemperature?: number;
  pool(frames: FrameFeatures, windows: readonly FrameWindow[]): Float32Array[];
  /**
   * All pooled windows of one party → one probability vector each (with speaker adaptation),
   * decided with the library's prior and line where given.
   */
  classify(pooled: readonly Float32Array[], decision?: PartyDecision): Promise<Float32Array[]>;
  dispose(): void;
}

export async function loadPartyClassifier(dir: string = defaultModelDir()): Promise<PartyClassifier> {
  const classifier = await loadClassifier(dir);
  return {
    sampleRate: classifier.metadata.sampleRate,
    version: classifier.metadata.version,
    classes: classifier.metadata.classes,
    uncertainBelow: classifier.uncertainBelow,
    windowsKind: windowsKindOf(classifier.metadata),
    shownTemperature: classifier.metadata.decision?.shownTemperature,
    pool: (frames, windows) => classifier.poolWindows(frames, windows),
    async classify(pooled, decision = {}) {
      if (!pooled.length) return [];
      // The statistics of the whole party: what `adaptation: true` computes, shared by the batches.
      const adaptation = classifier.partyStats(pooled);
      const out: Float32Array[] = [];
      for (let i = 0; i < pooled.length; i += CLASSIFY_BATCH) {
        out.push(...(await classifier.classifyVectors(pooled.slice(i, i + CLASSIFY_BATCH), { adaptation, classWeights: decision.classWeights, channel: decision.lineStats })));
      }
      // The party part of the decision rule (the model's own), over all of the party's windows.
      return decideParty(out, classifier.metadata.decision ?? {});
    },
    dispose: () => classifier.dispose(),
  };
}
