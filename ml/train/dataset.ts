import { existsSync } from 'node:fs';
import os from 'node:os';
import { meanFeatures, type FrameFeatures } from '../dsp';
import { poolWindow } from '../model/pooling';
import { variantParams, type Variant } from './augment';
import { codecKey } from './codec';
import { cachePath, contentHash, readCached } from './feature-cache';
import type { FeatureReply, FeatureTask } from './feature-worker';
import type { Utterance } from './manifest';
import { WorkerPool } from './worker-pool';

/** One row for the models: an utterance in one condition, with everything the models read. */
export interface Sample {
  item: Utterance;
  variant: Variant;
  /** Pooled statistics (POOLED_DIM). */
  pooled: Float32Array;
  /** The study's 184 means. */
  study: Float32Array;
  /** MFCC frames, time-major [seqLen × 40], for the sequence model. */
  seq: Float32Array;
  seqLen: number;
}

export const SEQ_CHANNELS = 40;
export const MAX_SEQ = 256;

export interface Progress {
  (done: number, total: number): void;
}

async function missingTasks(items: readonly Utterance[], variants: readonly Variant[], seed: number): Promise<FeatureTask[]> {
  const tasks: FeatureTask[] = [];
  for (const item of items) {
    const hash = await contentHash(item.absPath);
    // Copies at the same pitch (and codec) share one decode.
    const byPitch = new Map<string, FeatureTask>();
    for (const variant of variants) {
      const params = variantParams(variant, item.id, seed, item.speaker);
      const cacheFile = cachePath(hash, params);
      if (existsSync(cacheFile)) continue;
      const key = `${params.pitchSemitones}|${params.codec ? codecKey(params.codec) : ''}`;
      const task = byPitch.get(key) ?? { absPath: item.absPath, pitchSemitones: params.pitchSemitones, codec: params.codec, outputs: [] };
      task.outputs.push({ params, cacheFile });
      byPitch.set(key, task);
    }
    tasks.push(...byPitch.values());
  }
  return tasks;
}

/** Extracts what the cache lacks with a pool of worker threads (2 by default: a shared laptop). */
export async function ensureFeatures(items: readonly Utterance[], variants: readonly Variant[],
  options: { seed?: number; workers?: number; onProgress?: Progress } = {}): Promise<{ computed: number; failed: string[] }> {
  const tasks = await missingTasks(items, variants, options.seed ?? 0);
  if (!tasks.length) return { computed: 0, failed: [] };
  const size = Math.max(1, Math.min(options.workers ?? 2, os.availableParallelism(), tasks.length));
  const pool = new WorkerPool<FeatureTask, FeatureReply>(new URL('./feature-worker.ts', import.meta.url), size);
  const failed: string[] = [];
  let done = 0;
  try {
    await Promise.all(tasks.map(async (task) => {
      const reply = await pool.run(task);
      if (!reply.ok) failed.push(`${task.absPath}: ${reply.error}`);
      options.onProgress?.(++done, tasks.length);
    }));
  } finally {
    await pool.close();
  }
  return { computed: tasks.length - failed.length, failed };
}

export function sequenceOf(frames: FrameFeatures, maxLen = MAX_SEQ): { seq: Float32Array; seqLen: number } {
  const n = frames.nFrames;
  // Centre crop of long utterances: the middle of an utterance carries its emotion best.
  const len = Math.min(n, maxLen);
  const offset = Math.floor((n - len) / 2);
  const seq = new Float32Array(len * SEQ_CHANNELS);
  for (let t = 0; t < len; t++) for (let d = 0; d < SEQ_CHANNELS; d++) seq[t * SEQ_CHANNELS + d] = frames.mfcc[d * n + t + offset];
  return { seq, seqLen: len };
}

export function sampleFromFrames(item: Utterance, variant: Variant, frames: FrameFeatures): Sample {
  return { item, variant, pooled: poolWindow(frames), study: meanFeatures(frames), ...sequenceOf(frames) };
}

/** Reads cached features of `items` in `variant` (run ensureFeatures first); misses are skipped. */
export async function loadSamples(items: readonly Utterance[], variant: Variant, seed = 0): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const item of items) {
    const frames = await readCached(cachePath(await contentHash(item.absPath), variantParams(variant, item.id, seed, item.speaker)));
    if (frames && frames.nFrames > 0) out.push(sampleFromFrames(item, variant, frames));
  }
  return out;
}
