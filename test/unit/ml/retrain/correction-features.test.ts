import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { partyFeatures, type PartyCorrections } from '../../../../ml/retrain/correction-features';
import { cachedPartyFeatures, partyKey } from '../../../../ml/retrain/feature-store';
import { partyStats, poolWindow, POOLED_DIM } from '../../../../ml/model/pooling';
import { FEATURE_SPEC } from '../../../../ml/dsp';
import { PartyAnalyser } from '../../../../electron/services/analysis/party-analyser';
import { streamDecode } from '../../../../ml/audio/stream-decode';
import { makeTempDir } from '../../../helpers/fixtures';
import { synthParty, writeWav } from '../../electron/services/analysis/synth';

describe('correction features', () => {
  const temp = makeTempDir('emoqa-corrections-');
  const wav = join(temp.dir, 'call.wav');
  const party = (spans: PartyCorrections['spans'], path = wav): PartyCorrections => ({
    recordingId: 'rec-1', path, channel: 0, sourceChannels: 2, select: { kind: 'channel', index: 0 }, spans,
  });
  const labels: PartyCorrections['spans'] = [
    { start: 1, end: 3.5, emotion: 'angry' },
    { start: 5, end: 11, emotion: 'sad' },
    // Over faint noise the VAD calls silence: a region the reviewer added by hand.
    { start: 12.5, end: 13.5, emotion: 'happy' },
  ];

  beforeAll(() => {
    const sr = 16_000;
    writeWav(wav, [synthParty(14, sr, [{ start: 1, end: 3.5 }, { start: 5, end: 11 }], 1), synthParty(14, sr, [{ start: 2, end: 4 }], 2)], sr);
  });
  afterAll(() => temp.cleanup());

  it('pools the windows analysis would make over each labelled stretch, and the party statistics over all its speech', async () => {
    const f = await partyFeatures(party(labels));
    const byEmotion = (e: string) => f.examples.filter((x) => x.label === EMOTIONS.indexOf(e as (typeof EMOTIONS)[number]));
    expect(byEmotion('angry')).toHaveLength(1);
    // 6 s of speech: tiled with 3 s windows every ≤ 1.5 s, as planWindows does.
    expect(byEmotion('sad').length).toBeGreaterThanOrEqual(3);
    expect(byEmotion('happy')).toHaveLength(1);
    for (const e of f.examples) {
      expect(e.pooled).toHaveLength(POOLED_DIM);
      expect(e.pooled.every(Number.isFinite)).toBe(true);
    }
    expect(byEmotion('angry')[0].start).toBeGreaterThanOrEqual(0.9);
    expect(f.stats.count).toBeGreaterThanOrEqual(4);
    expect(f.stats.mean).toHaveLength(POOLED_DIM);
  });

  // Corrections must be featurised as analysis featurised the call (same spans, windows and the
  // party's one chroma tuning): before, retraining estimated a tuning per span.
  it('sees the party exactly as analysis does: the same windows, the same statistics', async () => {
    const analysed: Float32Array[] = [];
    const analyser = new PartyAnalyser({
      channel: 0, role: 'agent',
      classifier: {
        sampleRate: FEATURE_SPEC.sampleRate, version: 'pool-only', classes: EMOTIONS,
        pool: (frames, windows) => windows.map(([s, e]) => {
          const v = poolWindow(frames, s, e);
          analysed.push(v);
          return v;
        }),
        classify: async (pooled) => pooled.map(() => new Float32Array(EMOTIONS.length).fill(1 / EMOTIONS.length)),
        dispose: () => undefined,
      },
    });
    // Two stretches of voice a third of a semitone apart: a tuning per span would differ.
    const detuned = join(temp.dir, 'detuned.wav');
    const sr = FEATURE_SPEC.sampleRate;
    const voice = (seconds: number, f0: number): Float32Array => Float32Array.from({ length: Math.round(seconds * sr) }, (_, i) => {
      const t = i / sr;
      let v = 0;
      for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * h * f0 * t) / h;
      return 0.15 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t));
    });
    const left = new Float32Array(14 * sr);
    left.set(voice(2.5, 220), sr);
    left.set(voice(6, 220 * 2 ** (0.33 / 12)), 5 * sr);
    writeWav(detuned, [left, new Float32Array(14 * sr)], sr);
    for await (const chunk of streamDecode(detuned, { sampleRate: sr, sourceChannels: 2, select: { kind: 'channel', index: 0 } })) analyser.push(chunk[0]);
    await analyser.finish();
    const f = await partyFeatures(party(labels.slice(0, 2), detuned));
    const expected = partyStats(analysed);
    expect(f.stats.count).toBe(expected.count);
    expect(Array.from(f.stats.mean)).toEqual(Array.from(expected.mean));
    expect(Array.from(f.stats.std)).toEqual(Array.from(expected.std));
  });

  it('caches by call, party and labels: a changed label is recomputed, an unchanged one is read back', async () => {
    const cache = join(temp.dir, 'cache');
    const first = await cachedPartyFeatures(party(labels), cache);
    expect(existsSync(join(cache, `${partyKey(party(labels))}.bin`))).toBe(true);
    expect(partyKey(party([{ ...labels[0], emotion: 'fear' }, ...labels.slice(1)]))).not.toBe(partyKey(party(labels)));
    // Read back without the audio: the cache alone serves it.
    const moved = join(temp.dir, 'moved.wav');
    const again = await cachedPartyFeatures({ ...party(labels), path: moved }, cache);
    expect(again.examples.map((e) => [e.label, e.start, e.end])).toEqual(first.examples.map((e) => [e.label, e.start, e.end]));
    expect(Array.from(again.examples[1].pooled)).toEqual(Array.from(first.examples[1].pooled));
    expect(again.stats).toEqual(first.stats);
    rmSync(cache, { recursive: true });
    await expect(cachedPartyFeatures(party(labels, moved), cache)).rejects.toThrow();
  });
});
