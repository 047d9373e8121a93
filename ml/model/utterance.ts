import { decodeFile } from '../audio/decode';
import { EmoqaError } from '../../electron/shared/errors';
import { computeFrameFeatures, FEATURE_SPEC, type FrameFeatures } from '../dsp';
import { findSpeechBounds } from '../segment/trim';
import { telephoneChain } from '../dsp/telephone';

export interface UtteranceFrames {
  frames: FrameFeatures;
  /** Seconds of speech kept after trimming, and of the whole file. */
  speechS: number;
  durationS: number;
}

/**
 * One file as one utterance: decode to mono at the analysis rate, optionally pass it through the
 * telephone chain, trim leading/trailing silence, compute frame features. Silent files → SILENT.
 */
export async function utteranceFrames(path: string, options: { telephone?: boolean; sampleRate?: number } = {}): Promise<UtteranceFrames> {
  const sampleRate = options.sampleRate ?? FEATURE_SPEC.sampleRate;
  const { channels, durationS } = await decodeFile(path, { sampleRate });
  let y = channels[0];
  if (options.telephone) y = telephoneChain(y, sampleRate);
  const bounds = findSpeechBounds(y);
  if (bounds.silent) throw new EmoqaError('SILENT', `${path}: no speech (the loudest part is ${bounds.peakDbfs.toFixed(0)} dBFS)`);
  const speech = y.subarray(bounds.start, bounds.end);
  return { frames: computeFrameFeatures(speech, { sampleRate }), speechS: speech.length / sampleRate, durationS };
}
