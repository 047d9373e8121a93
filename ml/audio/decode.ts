import { spawn } from 'node:child_process';
import { EmoqaError } from '../../electron/shared/errors';
import { checkReadable } from './check-file';
import { resolveFfmpeg } from './ffmpeg-path';
import { probeChannelCount } from './probe';

export { probeChannelCount } from './probe';

export interface DecodedAudio {
  sampleRate: number;
  /** One Float32Array per channel (or a single one when mono was asked for). */
  channels: Float32Array[];
  durationS: number;
}

export interface DecodeOptions {
  /** Output sample rate; the file's own rate is converted with soxr. */
  sampleRate: number;
  /** `mean` averages all channels (librosa's to_mono); `keep` returns each channel. */
  mix?: 'mean' | 'keep';
  /** Extra ffmpeg audio filters applied before resampling (e.g. a telephone band). */
  filters?: string[];
}

/** ffmpeg's soxr resampler at high precision: the closest ffmpeg gets to resampy's kaiser_best. */
export const RESAMPLER_FILTER = 'aresample=resampler=soxr:precision=28';

/** Turns ffmpeg's stderr into a short reason a reviewer can act on. */
export function describeFfmpegFailure(stderr: string): { code: 'NOT_AUDIO' | 'DECODE_FAILED'; reason: string } {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const reason = lines.slice(-2).join('; ') || 'ffmpeg could not decode it';
  const notAudio =
    /Invalid data found when processing input|does not contain any stream|Output file .* does not contain|could not find codec parameters|Failed to find.*stream|matches no streams/i;
  return { code: notAudio.test(stderr) ? 'NOT_AUDIO' : 'DECODE_FAILED', reason };
}

function deinterleave(interleaved: Float32Array, channelCount: number): Float32Array[] {
  const frames = Math.floor(interleaved.length / channelCount);
  const out = Array.from({ length: channelCount }, () => new Float32Array(frames));
  for (let c = 0; c < channelCount; c++) {
    const channel = out[c];
    for (let i = 0, j = c; i < frames; i++, j += channelCount) channel[i] = interleaved[j];
  }
  return out;
}

function mixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const channel of channels) for (let i = 0; i < out.length; i++) out[i] += channel[i];
  const scale = 1 / channels.length;
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

function run(binary: string, args: string[]): Promise<{ stdout: Buffer; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(chunks), stderr, code }));
  });
}

/**
 * Decodes a whole file into float PCM at `sampleRate`. For utterance-length audio (training,
 * `emoqa classify`); long calls go through the streaming decoder instead.
 */
export async function decodeFile(path: string, options: DecodeOptions): Promise<DecodedAudio> {
  await checkReadable(path);
  const channelCount = await probeChannelCount(path);
  const { ffmpeg } = resolveFfmpeg();
  const filters = [...(options.filters ?? []), RESAMPLER_FILTER];
  const args = ['-nostdin', '-v', 'error', '-i', path, '-vn', '-map', '0:a:0', '-af', filters.join(','),
    '-ac', String(channelCount), '-ar', String(options.sampleRate), '-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1'];
  const { stdout, stderr, code } = await run(ffmpeg, args);
  if (code !== 0) {
    const failure = describeFfmpegFailure(stderr);
    throw new EmoqaError(failure.code, `${path}: ${failure.code === 'NOT_AUDIO' ? 'not a decodable audio file' : 'decoding failed'} (${failure.reason})`);
  }
  // Copy into an aligned buffer: Buffer.concat may hand back an unaligned slice of a pool.
  const samples = new Float32Array(stdout.byteLength / 4);
  new Uint8Array(samples.buffer).set(stdout.subarray(0, samples.length * 4));
  const channels = deinterleave(samples, channelCount);
  if (channels[0].length === 0) throw new EmoqaError('NOT_AUDIO', `${path}: contains no audio samples`);
  const durationS = channels[0].length / options.sampleRate;
  // The source layout is kept (-ac N) and averaged here, as librosa.to_mono does.
  if (options.mix === 'keep') return { sampleRate: options.sampleRate, channels, durationS };
  return { sampleRate: options.sampleRate, channels: [mixToMono(channels)], durationS };
}
