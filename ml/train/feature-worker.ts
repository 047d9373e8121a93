import { parentPort } from 'node:worker_threads';
import { decodeFile } from '../audio/decode';
import { computeFrameFeatures, FEATURE_SPEC } from '../dsp';
import { augmentSignal, pitchFilters, type AugmentParams } from './augment';
import { decodeThroughCodec, type CodecParams } from './codec';
import { writeCached } from './feature-cache';

/** Worker: one decode of a file (at one pitch), then each requested copy's frame features, cached. */
export interface FeatureTask {
  absPath: string;
  pitchSemitones: number;
  /** A codec round trip before the copies (their params carry the same codec). */
  codec?: CodecParams;
  outputs: Array<{ params: AugmentParams; cacheFile: string }>;
}
export type FeatureReply = { ok: true } | { ok: false; error: string };

parentPort?.on('message', (task: FeatureTask) => {
  void (async (): Promise<FeatureReply> => {
    try {
      const sr = FEATURE_SPEC.sampleRate;
      const { channels } = task.codec
        ? await decodeThroughCodec(task.absPath, task.codec, sr)
        : await decodeFile(task.absPath, { sampleRate: sr, filters: pitchFilters(task.pitchSemitones) });
      for (const { params, cacheFile } of task.outputs) {
        await writeCached(cacheFile, computeFrameFeatures(augmentSignal(channels[0], sr, params), { sampleRate: sr }));
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  })().then((reply) => parentPort?.postMessage(reply));
});
