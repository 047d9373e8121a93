import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRecording, planParties } from '../../../../../electron/services/analysis/analyse-recording';
import type { PartyClassifier } from '../../../../../electron/services/analysis/party-classifier';
import { PEAK_LEVELS } from '../../../../../electron/services/analysis/peaks';
import { EMOTIONS } from '../../../../../electron/shared/domain';
import { callsDir, ffmpegMake, makeTempDir } from '../../../../helpers/fixtures';
import { itNeeding, needs } from '../../../../helpers/requirements';
import { synthParty, writeWav } from './synth';

const SR = 22050;
const tmp = makeTempDir('emoqa-analyse-');
const stereo = join(tmp.dir, 'stereo.wav');
const mono = join(tmp.dir, 'mono.wav');
const six = join(tmp.dir, 'six.wav');
const silent = join(tmp.dir, 'silent.wav');
const left = [{ start: 1, end: 3, amplitude: 0.5 }, { start: 8, end: 14, amplitude: 0.5 }];
const right = [{ start: 4, end: 6.5, amplitude: 0.05 }];

/** Loud windows are "angry", quiet ones "neutral": enough to see labels travel to regions. */
const fake: PartyClassifier = {
  sampleRate: SR,
  version: 'fake-1',
  classes: EMOTIONS,
  pool: (frames, windows) => windows.map(([a, b]) => {
    let sum = 0;
    for (let t = a; t < b; t++) sum += frames.rms[t];
    return Float32Array.of(sum / (b - a));
  }),
  classify: async (pooled) => pooled.map((v) => {
    const p = new Float32Array(EMOTIONS.length).fill(0.05);
    p[EMOTIONS.indexOf(v[0] > 0.05 ? 'angry' : 'neutral')] = 0.7;
    return p;
  }),
  dispose: () => undefined,
};

beforeAll(() => {
  writeWav(stereo, [synthParty(16, 8000, left, 1), synthParty(16, 8000, right, 2)], 8000);
  writeWav(mono, [synthParty(6, 16000, [{ start: 2, end: 4 }], 3)], 16000);
  writeWav(silent, [synthParty(30, 8000, [], 4), synthParty(30, 8000, [], 5)], 8000);
  ffmpegMake(['-i', mono, '-af', 'pan=5.1|c0=c0|c1=c0|c2=c0|c3=c0|c4=c0|c5=c0', six]);
});

afterAll(() => tmp.cleanup());

describe('planParties', () => {
  it('makes channels parties: mono one speaker, stereo two roles, more a down-mix', () => {
    expect(planParties(1, ['agent', 'customer']).parties.map((p) => [p.channel, p.role])).toEqual([[0, 'speaker']]);
    expect(planParties(2, ['customer', 'agent']).parties.map((p) => [p.channel, p.role])).toEqual([[0, 'customer'], [1, 'agent']]);
    const many = planParties(6, ['agent', 'customer']);
    expect(many.downmixed).toBe(true);
    expect(many.parties).toEqual([{ channel: 0, role: 'speaker', select: { kind: 'mean' } }]);
  });
});

describe('analyseRecording', () => {
  it('analyses each channel of a stereo call as its own party', async () => {
    const seen: number[] = [];
    const result = await analyseRecording(stereo, { roles: ['agent', 'customer'], onProgress: (s) => seen.push(s) }, { classifier: fake });
    expect(result).toMatchObject({ sampleRate: SR, sourceChannels: 2, downmixed: false, modelVersion: 'fake-1' });
    expect(result.durationS).toBeCloseTo(16, 2);
    const [agent, customer] = result.channels;
    expect(agent.role).toBe('agent');
    expect(customer.role).toBe('customer');
    expect(agent.speech).toHaveLength(2);
    agent.speech.forEach((s, i) => {
      expect(Math.abs(s.start - left[i].start)).toBeLessThan(0.06);
      expect(Math.abs(s.end - left[i].end)).toBeLessThan(0.06);
    });
    expect(customer.speech).toHaveLength(1);
    // A quiet party (amplitude 0.05, ~18 dB over the noise): its span's edges are extended by its
    // level, as a quiet utterance's soft onset and tail would be (energy-vad.ts), by at most ~0.25 s.
    expect(customer.talkTimeS).toBeGreaterThan(2.45);
    expect(customer.talkTimeS).toBeLessThan(2.75);
    expect(agent.regions.every((r) => r.emotion === 'angry')).toBe(true);
    expect(customer.regions.map((r) => r.emotion)).toEqual(['neutral']);
    // The 6 s span is tiled into windows and merged back into one region covering it.
    expect(agent.regions).toHaveLength(2);
    expect(agent.regions[1].start).toBe(agent.speech[1].start);
    expect(agent.regions[1].end).toBe(agent.speech[1].end);
    expect(agent.regions[1].probabilities.angry).toBeCloseTo(0.7, 5);
    expect(seen[seen.length - 1]).toBeCloseTo(16, 2);
    const samples = Math.round(16 * SR);
    for (const level of result.peaks.levels) {
      expect(level.channels).toHaveLength(2);
      expect(level.channels[0].length).toBe(2 * Math.ceil(samples / level.samplesPerPeak));
    }
    expect(result.peaks.levels.map((l) => l.samplesPerPeak)).toEqual(PEAK_LEVELS);
  });

  it('treats mono as one speaker and more than two channels as a down-mixed speaker', async () => {
    const one = await analyseRecording(mono, { roles: ['agent', 'customer'] }, { classifier: fake });
    expect(one.channels.map((c) => [c.channel, c.role])).toEqual([[0, 'speaker']]);
    expect(one.downmixed).toBe(false);
    expect(one.channels[0].speech).toHaveLength(1);
    const mixed = await analyseRecording(six, { roles: ['agent', 'customer'] }, { classifier: fake });
    expect(mixed).toMatchObject({ sourceChannels: 6, downmixed: true });
    expect(mixed.channels.map((c) => c.role)).toEqual(['speaker']);
    expect(mixed.channels[0].speech).toHaveLength(1);
    expect(mixed.peaks.levels[0].channels).toHaveLength(1);
  });

  it('returns no speech and no regions for a call without speech', async () => {
    const result = await analyseRecording(silent, { roles: ['agent', 'customer'] }, { classifier: fake });
    expect(result.channels.map((c) => [c.speech.length, c.regions.length, c.talkTimeS])).toEqual([[0, 0, 0], [0, 0, 0]]);
  });

  it('names the file and the reason for files it cannot analyse', async () => {
    const empty = join(tmp.dir, 'empty.wav');
    const text = join(tmp.dir, 'text.mp3');
    writeFileSync(empty, '');
    writeFileSync(text, 'not audio '.repeat(500));
    const opts = { roles: ['agent', 'customer'] as ['agent', 'customer'] };
    await expect(analyseRecording(join(tmp.dir, 'missing.wav'), opts, { classifier: fake })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(analyseRecording(empty, opts, { classifier: fake })).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    await expect(analyseRecording(text, opts, { classifier: fake })).rejects.toMatchObject({ code: 'NOT_AUDIO', message: expect.stringContaining('text.mp3') });
  });

  it('stops with CANCELLED when the signal aborts', async () => {
    const controller = new AbortController();
    const run = analyseRecording(silent, { roles: ['agent', 'customer'], signal: controller.signal, onProgress: () => controller.abort() }, { classifier: fake });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  itNeeding([needs.model(), needs.calls()], 'finds emotion regions for both parties of a real call (shipped model)', async () => {
    const result = await analyseRecording(join(callsDir, 'call_000.wav'), { roles: ['agent', 'customer'] });
    expect(result.channels.map((c) => c.role)).toEqual(['agent', 'customer']);
    for (const party of result.channels) {
      expect(party.speech.length).toBeGreaterThan(10);
      expect(party.regions.length).toBeGreaterThan(10);
      expect(party.talkTimeS).toBeGreaterThan(30);
      for (const r of party.regions) {
        expect(EMOTIONS).toContain(r.emotion);
        expect(r.confidence).toBe(r.probabilities[r.emotion]);
        expect(party.speech.some((s) => s.start <= r.start + 1e-9 && r.end <= s.end + 1e-9)).toBe(true);
        const total = Object.values(r.probabilities).reduce((a, b) => a + b, 0);
        expect(total).toBeCloseTo(1, 4);
      }
    }
  });
});
