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

export type FrameWindow = readonly [number, number];

/**
 * Windows per model call. The party statistics are computed over all windows first, so batches
 * give what one call would; a bounded batch keeps the backend's memory (WebAssembly memory never
 * shrinks) independent of the length of the call.
 */
export const CLASSIFY_BATCH = 256;

export interface PartyClassifier {
  readonly sampleRate: number;
  readonly version: string;
  /** Order of the probabilities returned by `classify`. */
  readonly classes: readonly Emotion[];
  /** Regions whose confidence is below this are shown as uncertain (0: the model has no threshold). */
  readonly uncertainBelow?: number;
  /** Temperature of the regions' shown probabilities (the model's decision rule; absent: 1). */
  readonly shownTemperature?: number;
  pool(frames: FrameFeatures, windows: readonly FrameWindow[]): Float32Array[];
  /**
   * All pooled windows of one party → one probability vector each (with speaker adaptation);
   * `classWeights`: the prior in use for the party's role instead of the model's own.
   */
  classify(pooled: readonly Float32Array[], classWeights?: readonly number[]): Promise<Float32Array[]>;
  dispose(): void;
}

export async function loadPartyClassifier(dir: string = defaultModelDir()): Promise<PartyClassifier> {
  const classifier = await loadClassifier(dir);
  return {
    sampleRate: classifier.metadata.sampleRate,
    version: classifier.metadata.version,
    classes: classifier.metadata.classes,
    uncertainBelow: classifier.uncertainBelow,
    shownTemperature: classifier.metadata.decision?.shownTemperature,
    pool: (frames, windows) => classifier.poolWindows(frames, windows),
    async classify(pooled, classWeights) {
      if (!pooled.length) return [];
      // The statistics of the whole party: what `adaptation: true` computes, shared by the batches.
      const adaptation = classifier.partyStats(pooled);
      const out: Float32Array[] = [];
      for (let i = 0; i < pooled.length; i += CLASSIFY_BATCH) {
        out.push(...(await classifier.classifyVectors(pooled.slice(i, i + CLASSIFY_BATCH), { adaptation, classWeights })));
      }
      // The party part of the decision rule (the model's own), over all of the party's windows.
      return decideParty(out, classifier.metadata.decision ?? {});
    },
    dispose: () => classifier.dispose(),
  };
}
