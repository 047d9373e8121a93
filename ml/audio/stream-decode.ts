/**
 * Streaming decoder for long calls: ffmpeg converts any input to float PCM at the analysis rate and
 * we read its stdout in fixed-size chunks, so memory stays flat however long the call is (an hour
 * of stereo at 22 050 Hz would be ~640 MB as whole arrays). Backpressure comes for free: while the
 * consumer works on a chunk nobody reads the pipe, and ffmpeg blocks on its write.
 */
import { spawn } from 'node:child_process';
import { EmoqaError } from '../../electron/shared/errors';
import { describeFfmpegFailure, RESAMPLER_FILTER } from './decode';
import { resolveFfmpeg } from './ffmpeg-path';

/** Which channels come out: all of them, one of them, or the mean of all (librosa's to_mono). */
export type ChannelSelection = { kind: 'keep' } | { kind: 'channel'; index: number } | { kind: 'mean' };

export interface StreamDecodeOptions {
  sampleRate: number;
  /** Channels of the source, from `probeChannelCount`. */
  sourceChannels: number;
  select: ChannelSelection;
  /** Frames per yielded chunk (default: one second). The last chunk may be shorter. */
  chunkFrames?: number;
  signal?: AbortSignal;
  /** Only this stretch of the file (ffmpeg seeks the input, sample-accurate); may yield nothing past the end. */
  range?: { startS: number; durationS: number };
}

export function cancelledError(path: string): EmoqaError {
  return new EmoqaError('CANCELLED', `${path}: analysis cancelled`);
}

/** The ffmpeg filter chain: pick or mix channels first, so that only what is kept gets resampled. */
export function selectionFilters(select: ChannelSelection, sourceChannels: number): string[] {
  if (select.kind === 'keep') return [RESAMPLER_FILTER];
  if (select.kind === 'channel') {
    if (select.index < 0 || select.index >= sourceChannels) {
      throw new EmoqaError('INVALID_ARGUMENT', `channel ${select.index} does not exist (${sourceChannels} channels)`);
    }
    return [`pan=mono|c0=c${select.index}`, RESAMPLER_FILTER];
  }
  if (sourceChannels === 1) return [RESAMPLER_FILTER];
  const gain = (1 / sourceChannels).toPrecision(8);
  const terms = Array.from({ length: sourceChannels }, (_, c) => `${gain}*c${c}`).join('+');
  return [`pan=mono|c0=${terms}`, RESAMPLER_FILTER];
}

export function outputChannelCount(select: ChannelSelection, sourceChannels: number): number {
  return select.kind === 'keep' ? sourceChannels : 1;
}

/**
 * Splits `frames` interleaved frames into the planar buffers `out` and returns views of them. The
 * samples move as their 32-bit patterns (Int32Array views): no float conversion on the way, and
 * a stereo call is split in one pass (about a third faster on an hour of stereo).
 */
function deinterleave(interleaved: Float32Array, channels: number, frames: number, out: Float32Array[]): Float32Array[] {
  if (channels === 1) return [interleaved.subarray(0, frames)];
  const src = new Int32Array(interleaved.buffer, interleaved.byteOffset, frames * channels);
  if (channels === 2) {
    const left = new Int32Array(out[0].buffer, out[0].byteOffset, frames);
    const right = new Int32Array(out[1].buffer, out[1].byteOffset, frames);
    for (let i = 0, j = 0; i < frames; i++, j += 2) {
      left[i] = src[j];
      right[i] = src[j + 1];
    }
  } else {
    for (let c = 0; c < channels; c++) {
      const channel = new Int32Array(out[c].buffer, out[c].byteOffset, frames);
      for (let i = 0, j = c; i < frames; i++, j += channels) channel[i] = src[j];
    }
  }
  return out.map((channel) => channel.subarray(0, frames));
}

/**
 * Yields planar chunks (one Float32Array per output channel) of `chunkFrames` frames. The arrays
 * are reused: a chunk is valid until the next one is requested (copy what must be kept) — an hour
 * would otherwise churn ~1 GB of short-lived arrays through the garbage collector.
 * Stops ffmpeg when the consumer stops early or the signal aborts; throws EmoqaError naming the file.
 */
export async function* streamDecode(path: string, options: StreamDecodeOptions): AsyncGenerator<Float32Array[]> {
  const { sampleRate, sourceChannels, select, signal, range } = options;
  if (signal?.aborted) throw cancelledError(path);
  const channels = outputChannelCount(select, sourceChannels);
  const chunkFrames = Math.max(1, Math.floor(options.chunkFrames ?? sampleRate));
  const { ffmpeg } = resolveFfmpeg();
  const seek = range ? ['-ss', range.startS.toFixed(6)] : [];
  const limit = range ? ['-t', range.durationS.toFixed(6)] : [];
  const args = ['-nostdin', '-v', 'error', ...seek, '-i', path, ...limit, '-vn', '-map', '0:a:0',
    '-af', selectionFilters(select, sourceChannels).join(','), '-ac', String(channels),
    '-ar', String(sampleRate), '-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1'];
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    if (stderr.length < 20_000) stderr += data.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  exited.catch(() => undefined); // observed below; avoids an unhandled rejection if we leave early
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', kill, { once: true });

  const frameBytes = channels * 4;
  const chunkBytes = chunkFrames * frameBytes;
  const pending = new Float32Array(chunkFrames * channels);
  const pendingBytes = new Uint8Array(pending.buffer);
  const planar = channels === 1 ? [] : Array.from({ length: channels }, () => new Float32Array(chunkFrames));
  let filled = 0;
  let totalFrames = 0;
  try {
    for await (const data of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < data.length) {
        const take = Math.min(chunkBytes - filled, data.length - offset);
        pendingBytes.set(data.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === chunkBytes) {
          const chunk = deinterleave(pending, channels, chunkFrames, planar);
          totalFrames += chunkFrames;
          filled = 0;
          yield chunk;
          if (signal?.aborted) throw cancelledError(path);
        }
      }
    }
    if (signal?.aborted) throw cancelledError(path);
    let code: number | null;
    try {
      code = await exited;
    } catch (error) {
      throw new EmoqaError('FFMPEG_UNAVAILABLE', `${path}: ffmpeg could not be started (${String(error)})`);
    }
    if (signal?.aborted) throw cancelledError(path);
    if (code !== 0) {
      const failure = describeFfmpegFailure(stderr);
      const what = failure.code === 'NOT_AUDIO' ? 'not a decodable audio file' : 'decoding failed';
      throw new EmoqaError(failure.code, `${path}: ${what} (${failure.reason})`);
    }
    const tailFrames = Math.floor(filled / frameBytes);
    if (tailFrames > 0) {
      totalFrames += tailFrames;
      yield deinterleave(pending, channels, tailFrames, planar);
    }
    if (totalFrames === 0 && !range) throw new EmoqaError('NOT_AUDIO', `${path}: contains no audio samples`);
  } finally {
    signal?.removeEventListener('abort', kill);
    kill();
  }
}
