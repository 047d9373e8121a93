import { promises as fs } from 'node:fs';
import path from 'node:path';
import { hashFile } from '../audio/content-hash';
import { FEATURE_SPEC, PITCH_VERSION, type FrameFeatures } from '../dsp';
import { paramsKey, type AugmentParams } from './augment';
import { cacheRoot } from './paths';

/**
 * Frame-level features on disk, one file per (audio content, feature spec version, augmentation):
 * pooling can change without decoding again. Layout: Int32 [magic, nFrames, hop, sampleRate],
 * Float32 [tuning], then rms, centroid, rolloff, zcr, chroma, mfcc, mel as written by the DSP,
 * then pitch f0 and voicing.
 */
const MAGIC = 0x454d4f32; // "EMO2"
const HEADER_WORDS = 5;

const hashes = new Map<string, string>();

export async function contentHash(absPath: string): Promise<string> {
  const known = hashes.get(absPath);
  if (known) return known;
  const digest = await hashFile(absPath, { algorithm: 'sha1' });
  hashes.set(absPath, digest);
  return digest;
}

export function cachePath(hash: string, params: AugmentParams, root = cacheRoot()): string {
  return path.join(root, `${FEATURE_SPEC.version}+pitch-${PITCH_VERSION}`, paramsKey(params), hash.slice(0, 2), `${hash}.f32`);
}

const TRACKS = ['rms', 'centroid', 'rolloff', 'zcr', 'chroma', 'mfcc', 'mel'] as const;
const ROWS: Record<(typeof TRACKS)[number], number> = { rms: 1, centroid: 1, rolloff: 1, zcr: 1, chroma: 12, mfcc: 40, mel: 128 };

export function serialiseFrames(f: FrameFeatures): Buffer {
  if (!f.pitch) throw new Error('serialiseFrames: the frames carry no pitch track (computed with pitch: false)');
  const total = HEADER_WORDS + TRACKS.reduce((s, k) => s + ROWS[k] * f.nFrames, 0) + 2 * f.nFrames;
  const buf = new ArrayBuffer(total * 4);
  const ints = new Int32Array(buf, 0, 4);
  ints.set([MAGIC, f.nFrames, f.hopLength, f.sampleRate]);
  const floats = new Float32Array(buf);
  floats[4] = f.chromaTuning;
  let o = HEADER_WORDS;
  for (const k of TRACKS) {
    floats.set(f[k].subarray(0, ROWS[k] * f.nFrames), o);
    o += ROWS[k] * f.nFrames;
  }
  floats.set(f.pitch.f0.subarray(0, f.nFrames), o);
  floats.set(f.pitch.voicing.subarray(0, f.nFrames), o + f.nFrames);
  return Buffer.from(buf);
}

export function deserialiseFrames(data: Buffer): FrameFeatures {
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(data);
  const ints = new Int32Array(copy, 0, 4);
  if (ints[0] !== MAGIC) throw new Error('not a feature cache file');
  const nFrames = ints[1];
  const floats = new Float32Array(copy);
  let o = HEADER_WORDS;
  const take = (rows: number): Float32Array => {
    const v = floats.subarray(o, o + rows * nFrames);
    o += rows * nFrames;
    return v;
  };
  const rms = take(1), centroid = take(1), rolloff = take(1), zcr = take(1);
  const chroma = take(12), mfcc = take(40), mel = take(128);
  const pitch = { f0: take(1), voicing: take(1) };
  if (o !== floats.length) throw new Error('feature cache file has the wrong size');
  return { sampleRate: ints[3], hopLength: ints[2], nFrames, rms, centroid, rolloff, zcr, chroma, mfcc, mel, chromaTuning: floats[4], pitch };
}

export async function readCached(file: string): Promise<FrameFeatures | null> {
  try {
    return deserialiseFrames(await fs.readFile(file));
  } catch {
    return null;
  }
}

/** Written to a temp name and renamed, so a killed run never leaves a half file. */
export async function writeCached(file: string, frames: FrameFeatures): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(tmp, serialiseFrames(frames));
  await fs.rename(tmp, file);
}
