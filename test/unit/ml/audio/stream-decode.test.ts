import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeChannelCount } from '../../../../ml/audio/decode';
import { streamDecode, type ChannelSelection } from '../../../../ml/audio/stream-decode';
import { EmoqaError } from '../../../../electron/shared/errors';
import { ffmpegMake, makeTempDir } from '../../../helpers/fixtures';

const SR = 22050;
const tmp = makeTempDir('emoqa-stream-');
const stereo = join(tmp.dir, 'stereo.wav');
const six = join(tmp.dir, 'six.wav');
const long = join(tmp.dir, 'long.wav');

async function collect(path: string, select: ChannelSelection, chunkFrames = 4096): Promise<{ chunks: number[]; channels: Float32Array[] }> {
  const sourceChannels = await probeChannelCount(path);
  const parts: Float32Array[][] = [];
  const chunks: number[] = [];
  for await (const chunk of streamDecode(path, { sampleRate: SR, sourceChannels, select, chunkFrames })) {
    chunks.push(chunk[0].length);
    parts.push(chunk.map((c) => c.slice())); // chunks are reused by the decoder
  }
  const channels = parts[0].map((_, c) => {
    const out = new Float32Array(chunks.reduce((a, b) => a + b, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p[c], o);
      o += p[c].length;
    }
    return out;
  });
  return { chunks, channels };
}

const rms = (y: Float32Array): number => Math.sqrt(y.reduce((s, v) => s + v * v, 0) / y.length);

beforeAll(() => {
  // Left: a 0.5-amplitude tone; right: silence. 8 kHz μ-law, like the call recorders.
  ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000:duration=2', '-af', 'volume=4,pan=stereo|c0=c0|c1=0*c0', '-c:a', 'pcm_mulaw', stereo]);
  // Six channels: only the first carries the tone.
  ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=1', '-af', 'volume=4,pan=5.1|c0=c0', six]);
  // 20 minutes of mono: 26 M samples (106 MB as floats) at the analysis rate.
  ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=8000:duration=1200', '-c:a', 'pcm_mulaw', long]);
});

afterAll(() => tmp.cleanup());

describe('streamDecode', () => {
  it('yields bounded chunks, and ffmpeg waits while the consumer works (no whole-signal buffering)', async () => {
    const sourceChannels = await probeChannelCount(long);
    let frames = 0;
    let maxChunk = 0;
    let stalledGrowth = -1;
    for await (const [chunk] of streamDecode(long, { sampleRate: SR, sourceChannels, select: { kind: 'keep' } })) {
      if (frames === 0) {
        // Unthrottled, ffmpeg would decode all 106 MB in this pause; with backpressure it blocks.
        const before = process.memoryUsage().arrayBuffers;
        await new Promise((resolve) => setTimeout(resolve, 600));
        stalledGrowth = process.memoryUsage().arrayBuffers - before;
      }
      frames += chunk.length;
      maxChunk = Math.max(maxChunk, chunk.length);
    }
    expect(frames).toBe(1200 * SR);
    expect(maxChunk).toBe(SR);
    expect(stalledGrowth).toBeGreaterThanOrEqual(0);
    expect(stalledGrowth).toBeLessThan(4e6);
  });

  it('decodes only a range when asked (seeked in the file), and nothing past its end without an error', async () => {
    const frames = async (range: { startS: number; durationS: number }) => {
      let n = 0;
      for await (const [chunk] of streamDecode(long, { sampleRate: 8000, sourceChannels: 1, select: { kind: 'keep' }, range })) n += chunk.length;
      return n;
    };
    expect(await frames({ startS: 900, durationS: 2.5 })).toBe(20_000);
    // Straddling the end: what is there; after it: nothing.
    expect(await frames({ startS: 1199, durationS: 5 })).toBe(8000);
    expect(await frames({ startS: 1300, durationS: 5 })).toBe(0);
  });

  it('reuses its chunk arrays (valid until the next chunk)', async () => {
    const seen = new Set<ArrayBufferLike>();
    for await (const [chunk] of streamDecode(stereo, { sampleRate: SR, sourceChannels: 2, select: { kind: 'keep' }, chunkFrames: 1000 })) seen.add(chunk.buffer);
    expect(seen.size).toBe(1);
  });

  it('keeps the channels of a stereo file, or picks one', async () => {
    const kept = await collect(stereo, { kind: 'keep' });
    expect(kept.channels).toHaveLength(2);
    expect(kept.channels[0].length).toBeGreaterThan(2 * SR - 100);
    expect(Math.max(...kept.chunks)).toBeLessThanOrEqual(4096);
    expect(rms(kept.channels[0])).toBeGreaterThan(0.3);
    expect(rms(kept.channels[1])).toBeLessThan(0.001);
    const right = await collect(stereo, { kind: 'channel', index: 1 });
    expect(right.channels).toHaveLength(1);
    expect(rms(right.channels[0])).toBeLessThan(0.001);
  });

  it('splits kept channels into exactly the samples ffmpeg gives for each channel picked alone', async () => {
    for (const path of [stereo, six]) {
      const kept = await collect(path, { kind: 'keep' }, 1000);
      for (let c = 0; c < kept.channels.length; c++) {
        const alone = await collect(path, { kind: 'channel', index: c }, 1000);
        expect(Buffer.from(kept.channels[c].buffer).equals(Buffer.from(alone.channels[0].buffer)), `${path} channel ${c}`).toBe(true);
      }
    }
  });

  it('averages six channels into one', async () => {
    const mixed = await collect(six, { kind: 'mean' });
    const first = await collect(six, { kind: 'channel', index: 0 });
    expect(mixed.channels).toHaveLength(1);
    expect(rms(mixed.channels[0]) / rms(first.channels[0])).toBeCloseTo(1 / 6, 2);
  });

  it('names the file and the reason when it is not audio', async () => {
    const text = join(tmp.dir, 'notes.wav');
    writeFileSync(text, 'this is not audio at all '.repeat(100));
    const read = async (path: string): Promise<unknown> => {
      try {
        for await (const _chunk of streamDecode(path, { sampleRate: SR, sourceChannels: 1, select: { kind: 'keep' } })) void _chunk;
      } catch (error) {
        return error;
      }
      return null;
    };
    const error = await read(text);
    expect(error).toBeInstanceOf(EmoqaError);
    expect((error as EmoqaError).code).toBe('NOT_AUDIO');
    expect((error as EmoqaError).message).toContain('notes.wav');
  });

  it('stops ffmpeg and rejects with CANCELLED when aborted', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const run = async (): Promise<void> => {
      for await (const _chunk of streamDecode(long, { sampleRate: SR, sourceChannels: 1, select: { kind: 'keep' }, signal: controller.signal })) {
        void _chunk;
        if (++chunks === 3) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(chunks).toBe(3);
    // How quickly: `npm run bench -- services`.
  });
});
