import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rangeSpectrogram } from '../../../../../electron/services/calls/spectrogram-service';
import { EmoqaError } from '../../../../../electron/shared/errors';
import { SPECTROGRAM_BINS, SPECTROGRAM_HZ_PER_BIN, spectrogramColumns } from '../../../../../electron/shared/spectrogram';
import { ffmpegMake, makeTempDir } from '../../../../helpers/fixtures';

const tmp = makeTempDir('emoqa-spectrogram-');
const file = join(tmp.dir, 'tones.wav');
const call = { path: file, channels: 2, downmixed: false, fileName: 'tones.wav' };

/** The loudest bin of column c. */
function peakBin(bytes: Uint8Array, c: number): number {
  const column = bytes.subarray(c * SPECTROGRAM_BINS, (c + 1) * SPECTROGRAM_BINS);
  return column.indexOf(Math.max(...column));
}

function columnMax(bytes: Uint8Array, c: number): number {
  return Math.max(...bytes.subarray(c * SPECTROGRAM_BINS, (c + 1) * SPECTROGRAM_BINS));
}

beforeAll(() => {
  // 44.1 kHz stereo (resampled to the spectrogram's 8 kHz): the agent holds 1 kHz throughout, the
  // customer is silent for 3 s and then holds 2.5 kHz.
  ffmpegMake(['-f', 'lavfi', '-i', 'aevalsrc=0.02*sin(2*PI*1000*t)|if(gte(t\\,3)\\,0.02*sin(2*PI*2500*t)\\,0):s=44100:d=6:c=stereo', '-c:a', 'pcm_s16le', file]);
});
afterAll(() => tmp.cleanup());

describe('range spectrogram (real ffmpeg decode of one stretch, one channel)', () => {
  it('puts each party’s tone in its frequency row, only where it sounds', async () => {
    const agent = await rangeSpectrogram(call, { channel: 0, startS: 1, endS: 2, columns: 50 });
    expect(spectrogramColumns(agent)).toBe(50);
    const agentRow = Math.round(1000 / SPECTROGRAM_HZ_PER_BIN);
    for (const c of [0, 25, 49]) expect(peakBin(agent, c)).toBe(agentRow);
    // Far from the tone, the floor.
    expect(agent[25 * SPECTROGRAM_BINS + agentRow * 2]).toBeLessThan(40);

    // The customer's range straddles the tone's start at 3 s: silent columns, then 2.5 kHz.
    const customer = await rangeSpectrogram(call, { channel: 1, startS: 2, endS: 4, columns: 40 });
    expect(columnMax(customer, 5)).toBe(0);
    expect(peakBin(customer, 35)).toBe(Math.round(2500 / SPECTROGRAM_HZ_PER_BIN));
    expect(columnMax(customer, 35)).toBeGreaterThan(180);
  });

  it('draws past the end of the file as silence', async () => {
    const tail = await rangeSpectrogram(call, { channel: 0, startS: 5, endS: 7, columns: 20 });
    expect(peakBin(tail, 2)).toBe(Math.round(1000 / SPECTROGRAM_HZ_PER_BIN));
    expect(columnMax(tail, 18)).toBe(0);
  });

  it('refuses a range longer than the limit, or a channel the file lacks, saying why', async () => {
    await expect(rangeSpectrogram(call, { channel: 0, startS: 0, endS: 601, columns: 100 })).rejects.toThrow(/at most 10 minutes at a time: zoom in/);
    await expect(rangeSpectrogram(call, { channel: 0, startS: 0, endS: 1, columns: 5000 })).rejects.toThrow(/at most 4096 columns/);
    const error = await rangeSpectrogram(call, { channel: 3, startS: 0, endS: 1, columns: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmoqaError);
    expect((error as EmoqaError).code).toBe('INVALID_ARGUMENT');
  });

  it('shows a mono call’s one channel in every lane', async () => {
    const mono = join(tmp.dir, 'mono.wav');
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=500:sample_rate=8000:duration=2', '-af', 'volume=0.1', mono]);
    const bytes = await rangeSpectrogram({ path: mono, channels: 1, downmixed: false, fileName: 'mono.wav' }, { channel: 1, startS: 0.5, endS: 1.5, columns: 10 });
    expect(peakBin(bytes, 5)).toBe(Math.round(500 / SPECTROGRAM_HZ_PER_BIN));
  });
});
