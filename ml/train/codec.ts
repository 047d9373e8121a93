/**
 * Channel and codec copies for training (issue #10 §3): each file goes once through a lossy codec
 * or a band limit that call recordings have, drawn per file from its id (the same in every run):
 * GSM full rate (8 kHz), Opus at 6–12 kbit/s, MP3 at 16–32 kbit/s, or a low-pass at 2.5–4 kHz.
 * AMR-NB is left out: Debian's ffmpeg has no AMR-NB encoder (libopencore_amrnb).
 * Encoding uses an ffmpeg that has the encoder (ffmpegWithEncoder); decoding the product's one.
 * The round trip is ffmpeg encoding to a temporary file, then the usual decode.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeFile, type DecodedAudio } from '../audio/decode';
import { ffmpegWithEncoder } from '../audio/ffmpeg-path';
import { hashString, mulberry32 } from './random';

export type CodecName = 'gsm' | 'opus' | 'mp3' | 'lowpass';

export interface CodecParams {
  name: CodecName;
  /** kbit/s for opus and mp3; the cut-off in Hz for lowpass; 13 (its only rate) for gsm. */
  value: number;
}

const CODECS: readonly CodecName[] = ['gsm', 'opus', 'mp3', 'lowpass'];

export function drawCodec(fileId: string, seed = 0): CodecParams {
  const random = mulberry32(hashString(`${seed}:codec:${fileId}`));
  const name = CODECS[Math.floor(random() * CODECS.length)];
  const between = (lo: number, hi: number, step: number): number => lo + step * Math.floor(random() * ((hi - lo) / step + 1));
  if (name === 'gsm') return { name, value: 13 };
  if (name === 'opus') return { name, value: between(6, 12, 2) };
  if (name === 'mp3') return { name, value: between(16, 32, 8) };
  return { name, value: between(2500, 4000, 500) };
}

export function codecKey(c: CodecParams): string {
  return `${c.name}${c.value}`;
}

/** ffmpeg output options and file extension of the encoding step. */
function encodeArgs(c: CodecParams): { args: string[]; ext: string; encoder: string } {
  if (c.name === 'gsm') return { args: ['-ar', '8000', '-ac', '1', '-c:a', 'libgsm'], ext: 'gsm', encoder: 'libgsm' };
  if (c.name === 'opus') return { args: ['-ac', '1', '-c:a', 'libopus', '-b:a', `${c.value}k`], ext: 'ogg', encoder: 'libopus' };
  if (c.name === 'mp3') {
    const args = ['-ac', '1', '-ar', c.value < 24 ? '16000' : '22050', '-c:a', 'libmp3lame', '-b:a', `${c.value}k`];
    return { args, ext: 'mp3', encoder: 'libmp3lame' };
  }
  const lowpass = `lowpass=f=${c.value}:poles=2,lowpass=f=${c.value}:poles=2`;
  return { args: ['-ac', '1', '-af', lowpass, '-c:a', 'pcm_s16le'], ext: 'wav', encoder: 'pcm_s16le' };
}

/** Decodes `file` after a round trip through the codec, at `sampleRate`. */
export async function decodeThroughCodec(file: string, c: CodecParams, sampleRate: number): Promise<DecodedAudio> {
  const { args, ext, encoder } = encodeArgs(c);
  const ffmpeg = ffmpegWithEncoder(encoder);
  if (!ffmpeg) throw new Error(`codec copy of ${file}: no ffmpeg here has the ${encoder} encoder (Debian's ffmpeg has it)`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'emoqa-codec-'));
  const encoded = path.join(dir, `copy.${ext}`);
  try {
    await promisify(execFile)(ffmpeg, ['-nostdin', '-v', 'error', '-i', file, ...args, '-y', encoded]);
    return await decodeFile(encoded, { sampleRate });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
