import { decodeFile } from '../audio/decode';
import { findSpeechBounds } from '../segment/trim';
import { gaussian, hashString, mulberry32 } from './random';
import { TELEPHONE_CHAIN_VERSION, telephoneChain } from '../dsp/telephone';
import { codecKey, drawCodec, type CodecParams } from './codec';

/** How one copy of an utterance is made. Every copy is trimmed of leading/trailing silence. */
export interface AugmentParams {
  /** Telephone band: 300–3400 Hz, 8 kHz, μ-law round trip, back to the analysis rate. */
  telephone: boolean;
  pitchSemitones: number;
  /** White noise at this SNR against the trimmed speech, or none. */
  noiseSnrDb: number | null;
  gainDb: number;
  /** Seeds the noise. */
  seed: number;
  /** A lossy codec or band limit the file goes through first (codec.ts); absent for the other copies. */
  codec?: CodecParams;
}

/** clean and tel are also the test conditions; aug-* and codec are made for training rows only. */
export const VARIANTS = ['clean', 'tel', 'aug-wide', 'aug-tel', 'codec'] as const;
export type Variant = (typeof VARIANTS)[number];

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Parameters of a variant of one file, drawn from a seed made of the file id (stable across runs).
 * The two aug-* variants share one pitch shift, so one rubberband decode serves both. With
 * `voiceId` (the speaker) every file of that voice gets the same shift: the shifted copies are one
 * new voice, whose per-speaker statistics cancel the shift, instead of a random ±2.5 semitones per
 * utterance that would drown the relative pitch the model reads.
 */
export function variantParams(variant: Variant, fileId: string, seed = 0, voiceId?: string): AugmentParams {
  const base = { pitchSemitones: 0, noiseSnrDb: null, gainDb: 0, seed: hashString(`${seed}:${variant}:${fileId}`) };
  if (variant === 'clean') return { ...base, telephone: false };
  if (variant === 'tel') return { ...base, telephone: true };
  if (variant === 'codec') return { ...base, telephone: false, codec: drawCodec(fileId, seed) };
  const shared = mulberry32(hashString(voiceId === undefined ? `${seed}:pitch:${fileId}` : `${seed}:voice-pitch:${voiceId}`));
  const pitch = round2((shared() * 2 - 1) * 2.5);
  const random = mulberry32(base.seed);
  const gainDb = round2((random() * 2 - 1) * 6);
  const noiseSnrDb = round2(variant === 'aug-wide' ? 15 + random() * 20 : 20 + random() * 20);
  return { ...base, telephone: variant === 'aug-tel', pitchSemitones: pitch, noiseSnrDb, gainDb };
}

export function paramsKey(p: AugmentParams): string {
  if (!p.telephone && p.pitchSemitones === 0 && p.noiseSnrDb === null && p.gainDb === 0 && !p.codec) return 'clean';
  // The chain's version names its features: a cache made by an older chain is not read as this one's.
  const parts = [p.telephone ? `tel${TELEPHONE_CHAIN_VERSION}` : 'wide'];
  if (p.codec) parts.push(`c${codecKey(p.codec)}`);
  if (p.pitchSemitones) parts.push(`p${p.pitchSemitones}`);
  if (p.noiseSnrDb !== null) parts.push(`n${p.noiseSnrDb}s${p.seed}`);
  if (p.gainDb) parts.push(`g${p.gainDb}`);
  return parts.join('_');
}

export function addNoiseAndGain(y: Float32Array, p: Pick<AugmentParams, 'noiseSnrDb' | 'gainDb' | 'seed'>): Float32Array {
  const out = new Float32Array(y);
  if (p.noiseSnrDb !== null) {
    let power = 0;
    for (const v of y) power += v * v;
    const sigma = Math.sqrt(power / Math.max(1, y.length) / 10 ** (p.noiseSnrDb / 10));
    const random = mulberry32(p.seed);
    for (let i = 0; i < out.length; i++) out[i] += sigma * gaussian(random);
  }
  if (p.gainDb) {
    const g = 10 ** (p.gainDb / 20);
    // Clipped like an over-driven channel.
    for (let i = 0; i < out.length; i++) out[i] = Math.max(-1, Math.min(1, out[i] * g));
  }
  return out;
}

/** Trims, then adds noise and gain (on the 8 kHz signal for telephone copies), then the chain. */
export function augmentSignal(y: Float32Array, sampleRate: number, p: AugmentParams): Float32Array {
  const b = findSpeechBounds(y);
  const speech = b.silent ? y : y.subarray(b.start, b.end);
  if (!p.telephone) return addNoiseAndGain(speech, p);
  return telephoneChain(speech, sampleRate, (narrow) => addNoiseAndGain(narrow, p));
}

export function pitchFilters(semitones: number): string[] {
  return semitones ? [`rubberband=pitch=${(2 ** (semitones / 12)).toFixed(5)}`] : [];
}

/** Decodes a file (pitch shift by ffmpeg's rubberband before resampling) and makes one copy. */
export async function loadAugmented(path: string, p: AugmentParams, sampleRate: number): Promise<Float32Array> {
  const { channels } = await decodeFile(path, { sampleRate, filters: pitchFilters(p.pitchSemitones) });
  return augmentSignal(channels[0], sampleRate, p);
}
