import { describe, expect, it } from 'vitest';
import type { PeaksInfo } from '../../../../electron/shared/domain';
import { PeaksSource } from '../../../../renderer/src/waveform/peaks-source';

/** An hour at 22 050 Hz, stereo, with the analysis' six levels; every bucket's value tells its level. */
const SAMPLE_RATE = 22_050;
const SPP = [32, 128, 512, 2048, 8192, 32768];
const info: PeaksInfo = {
  sampleRate: SAMPLE_RATE,
  channels: 2,
  levels: SPP.map((samplesPerPeak, level) => ({ level, samplesPerPeak, buckets: Math.ceil((3600 * SAMPLE_RATE) / samplesPerPeak) })),
};

function fakeServer(of: PeaksInfo = info) {
  const requests: Array<{ level: number; start: number; count: number }> = [];
  const fetch = async (level: number, start: number, count: number) => {
    requests.push({ level, start, count });
    const n = Math.max(0, Math.min(count, of.levels[level].buckets - start));
    // min = -(level + 1), max = level + 1 (in int8 units), both channels.
    const out = new Int8Array(2 * n * 2);
    for (let i = 0; i < out.length; i += 2) {
      out[i] = -(level + 1);
      out[i + 1] = level + 1;
    }
    return new Uint8Array(out.buffer);
  };
  return { fetch, requests };
}

describe('waveform peaks by level and range', () => {
  it('opens an hour with a small overview and draws at a fine level, never asking for everything', async () => {
    const server = fakeServer();
    const source = await PeaksSource.open(info, server.fetch);
    expect(source.overview.samplesPerPeak).toBe(2048); // 38 760 buckets ≤ 50 000
    expect(source.detail.samplesPerPeak).toBe(128); // 620 157 buckets ≤ 700 000: 5.8 ms each
    expect(server.requests.every((r) => r.level === 3)).toBe(true);
    expect(source.channels).toHaveLength(2);
    expect(source.channels[0].length).toBe(info.levels[1].buckets * 2);
    // Filled from the overview until finer data comes.
    expect(source.channels[0][0]).toBeCloseTo(-4 / 127);
    expect(source.duration).toBeCloseTo(3600, 0);
  });

  it('fetches the fine level only for the range on screen once zoomed in, and only once', async () => {
    const server = fakeServer();
    const source = await PeaksSource.open(info, server.fetch);
    const opened = server.requests.length;
    // Fitted (well under a bucket per pixel): nothing more to fetch.
    expect(await source.ensure(0, 3600, 0.5)).toBe(false);
    expect(server.requests).toHaveLength(opened);

    // Zoomed to 400 px/s around 30 min: only that stretch of level 1 is fetched.
    expect(await source.ensure(1800, 1805, 400)).toBe(true);
    const fine = server.requests.slice(opened);
    expect(fine.every((r) => r.level === 1)).toBe(true);
    const fetched = fine.reduce((sum, r) => sum + r.count, 0);
    expect(fetched).toBeLessThanOrEqual(2 * 32_768);
    const bucket = Math.floor((1802 * SAMPLE_RATE) / 128);
    expect(source.channels[1][2 * bucket + 1]).toBeCloseTo(2 / 127); // real level-1 detail
    expect(source.channels[1][0]).toBeCloseTo(-4 / 127); // far away: still the overview
    // The same view again costs nothing.
    expect(await source.ensure(1800, 1805, 400)).toBe(false);
    expect(server.requests).toHaveLength(opened + fine.length);
  });

  it('serves a short call from one level fetched whole', async () => {
    const short: PeaksInfo = { ...info, levels: SPP.map((samplesPerPeak, level) => ({ level, samplesPerPeak, buckets: Math.ceil((60 * SAMPLE_RATE) / samplesPerPeak) })) };
    const server = fakeServer(short);
    const source = await PeaksSource.open(short, server.fetch);
    expect(source.overview.samplesPerPeak).toBe(32);
    expect(source.detail.samplesPerPeak).toBe(32);
    expect(await source.ensure(0, 10, 800)).toBe(false);
    expect(server.requests.every((r) => r.level === 0)).toBe(true);
  });
});
