import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AnalyseOptions, AnalysisResult, EmotionRegion } from '../../../electron/services/analysis/analysis-types';
import { PeaksBuilder, buildPyramid } from '../../../electron/services/analysis/peaks';
import type { AnalyseFn } from '../../../electron/services/jobs/job-queue';
import { EMOTIONS, type Emotion, type EmotionProbabilities, type PartyRole } from '../../../electron/shared/domain';
import { decodeFile } from '../../../ml/audio/decode';
import { readWav } from './wav';

/** A seeded generator, so synthetic calls are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

function probabilities(emotion: Emotion, confidence: number): EmotionProbabilities {
  const rest = (1 - confidence) / (EMOTIONS.length - 1);
  return Object.fromEntries(EMOTIONS.map((e) => [e, e === emotion ? confidence : rest])) as EmotionProbabilities;
}

interface Sidecar {
  segments: Array<{ start: number; end: number; channel: string; emotion: Emotion }>;
}

/** Evenly spread regions with seeded emotions and confidences (the long-call bench). */
export function syntheticRegions(durationS: number, count: number, seed: number): EmotionRegion[] {
  const next = random(seed);
  const slot = durationS / count;
  return Array.from({ length: count }, (_, index) => {
    const start = index * slot + next() * slot * 0.2;
    const end = Math.min(durationS, start + slot * (0.45 + next() * 0.45));
    const emotion = EMOTIONS[Math.floor(next() * EMOTIONS.length)];
    const confidence = 0.35 + next() * 0.64;
    return { start, end, emotion, confidence, probabilities: probabilities(emotion, confidence) };
  });
}

export interface SyntheticAnalysisOptions {
  /** Regions per channel when the file has no `<name>.json` sidecar with its segments. */
  regionsPerChannel?: number;
  /** Milliseconds to wait per call, to watch progress in the UI. */
  delayMs?: number;
  /** Lowest confidence given to a sidecar segment (default 0.5: none is uncertain); they spread up to 0.99. */
  minConfidence?: number;
}

/**
 * Stands in for the model where a test is about the UI rather than the classifier: real WAV peaks,
 * regions from the call's ground-truth sidecar (or seeded ones), stored through the real services.
 */
export function syntheticAnalyse(options: SyntheticAnalysisOptions = {}): AnalyseFn {
  return async (path: string, analyse: AnalyseOptions): Promise<AnalysisResult> => {
    // WAV fixtures are read directly; anything else (the shared calls' mono MP3) through the real ffmpeg decoder.
    const wav = /\.wav$/i.test(path) ? await readWav(path) : await decodeFile(path, { sampleRate: 8000, mix: 'keep' });
    // Work spread over the delay, reporting progress and stopping at once when cancelled.
    for (let step = 1; options.delayMs && step <= 10; step += 1) {
      await sleep(options.delayMs / 10, undefined, { signal: analyse.signal }).catch(() => analyse.signal?.throwIfAborted());
      analyse.onProgress?.((wav.durationS * step) / 10);
    }
    analyse.signal?.throwIfAborted();
    const perChannel = wav.channels.map((samples) => {
      const builder = new PeaksBuilder();
      for (let offset = 0; offset < samples.length; offset += 65_536) builder.push(samples.subarray(offset, offset + 65_536));
      return builder.finish();
    });
    const sidecarPath = path.replace(/\.[^.]+$/, '.json');
    const sidecar = existsSync(sidecarPath) ? (JSON.parse(readFileSync(sidecarPath, 'utf8')) as Sidecar) : null;
    const roles: PartyRole[] = wav.channels.length === 1 ? ['speaker'] : analyse.roles;
    const channels = wav.channels.map((_, channel) => {
      const role = roles[channel];
      const next = random(channel + 7);
      const regions: EmotionRegion[] = sidecar
        ? sidecar.segments
            .filter((segment) => segment.channel === role || wav.channels.length === 1)
            .map((segment) => {
              const low = options.minConfidence ?? 0.5;
              const confidence = low + next() * (0.99 - low);
              return { start: segment.start, end: segment.end, emotion: segment.emotion, confidence, probabilities: probabilities(segment.emotion, confidence) };
            })
        : syntheticRegions(wav.durationS, options.regionsPerChannel ?? 20, channel + 1);
      const talkTimeS = regions.reduce((sum, region) => sum + region.end - region.start, 0);
      return { channel, role, talkTimeS, speech: regions.map(({ start, end }) => ({ start, end })), regions };
    });
    analyse.onProgress?.(wav.durationS);
    return {
      durationS: wav.durationS,
      sampleRate: wav.sampleRate,
      sourceChannels: wav.channels.length,
      downmixed: false,
      modelVersion: 'synthetic-1',
      channels,
      peaks: buildPyramid(wav.sampleRate, perChannel),
    };
  };
}
