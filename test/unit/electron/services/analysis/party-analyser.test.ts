import { describe, expect, it } from 'vitest';
import { PartyAnalyser } from '../../../../../electron/services/analysis/party-analyser';
import { TUNING_SPEECH_S } from '../../../../../ml/pipeline/span-featuriser';
import type { PartyClassifier } from '../../../../../electron/services/analysis/party-classifier';
import { EMOTIONS } from '../../../../../electron/shared/domain';
import { synthParty } from './synth';

const SR = 22050;

/** Records the tuning of every span's features; "neutral" for every window. */
function recordingClassifier(seen: Array<{ tuning: number }>): PartyClassifier {
  return {
    sampleRate: SR,
    version: 'record-1',
    classes: EMOTIONS,
    pool: (frames, windows) => {
      seen.push({ tuning: frames.chromaTuning });
      return windows.map(() => Float32Array.of(0));
    },
    classify: async (pooled) => pooled.map(() => {
      const p = new Float32Array(EMOTIONS.length).fill(0.1);
      p[EMOTIONS.indexOf('neutral')] = 0.4;
      return p;
    }),
    dispose: () => undefined,
  };
}

function feed(analyser: PartyAnalyser, y: Float32Array, untilS = Infinity): void {
  for (let i = 0; i < Math.min(y.length, untilS * SR); i += SR) analyser.push(y.subarray(i, Math.min(i + SR, y.length)));
}

describe('PartyAnalyser', () => {
  it('estimates the tuning once per party, after its first TUNING_SPEECH_S of speech, and uses it for every span', async () => {
    const bursts = Array.from({ length: 7 }, (_, i) => ({ start: 1 + 10 * i, end: 9 + 10 * i }));
    const y = synthParty(72, SR, bursts, 9);
    const seen: Array<{ tuning: number }> = [];
    const analyser = new PartyAnalyser({ channel: 0, role: 'agent', classifier: recordingClassifier(seen) });
    feed(analyser, y, 25); // ~24 s of speech heard: spans wait, nothing featurised yet
    expect(analyser.chromaTuning).toBeUndefined();
    expect(seen).toHaveLength(0);
    feed(analyser, y.subarray(25 * SR, 46 * SR)); // four bursts (32 s) have ended: fixed, and they are featurised
    expect(analyser.chromaTuning).toBeDefined();
    expect(seen.length).toBeGreaterThanOrEqual(4);
    feed(analyser, y.subarray(46 * SR));
    const outcome = await analyser.finish();
    expect(outcome.analysis.speech).toHaveLength(bursts.length);
    expect(seen).toHaveLength(bursts.length);
    expect(analyser.chromaTuning).toBeDefined();
    expect(seen.every((s) => s.tuning === analyser.chromaTuning)).toBe(true);
    expect(TUNING_SPEECH_S).toBeLessThan(bursts.length * 8);
  });

  it('estimates the tuning from what there is when a party says little', async () => {
    const y = synthParty(12, SR, [{ start: 2, end: 5 }, { start: 7, end: 10 }], 10);
    const seen: Array<{ tuning: number }> = [];
    const analyser = new PartyAnalyser({ channel: 1, role: 'customer', classifier: recordingClassifier(seen) });
    feed(analyser, y);
    const outcome = await analyser.finish();
    expect(outcome.analysis.speech).toHaveLength(2);
    expect(seen).toHaveLength(2);
    expect(seen[0].tuning).toBe(seen[1].tuning);
    expect(outcome.analysis.regions.every((r) => r.emotion === 'neutral')).toBe(true);
  });

  it("decides with the library's line and prior it is given, and summarises its raw windows for the library's next estimate", async () => {
    const y = synthParty(20, SR, [{ start: 2, end: 8 }, { start: 10, end: 17 }], 11);
    const decisions: unknown[] = [];
    let windows = 0;
    const classifier: PartyClassifier = {
      ...recordingClassifier([]),
      windowsKind: 'spec/pool/2',
      pool: (_frames, ranges) => ranges.map(() => Float32Array.of(windows++, 5)),
      classify: async (pooled, decision) => (decisions.push(decision), pooled.map(() => new Float32Array(EMOTIONS.length).fill(1 / 7))),
    };
    const lineStats = { mean: Float32Array.of(1, 1), std: Float32Array.of(2, 2), count: 300 };
    const analyser = new PartyAnalyser({ channel: 1, role: 'customer', classifier, classWeights: [1, 1, 1, 1, 2, 1, 1], lineStats });
    feed(analyser, y);
    const outcome = await analyser.finish();
    expect(decisions).toEqual([{ classWeights: [1, 1, 1, 1, 2, 1, 1], lineStats }]);
    expect(windows).toBeGreaterThan(2);
    const summary = outcome.windowSummary!;
    expect(summary).toMatchObject({ channel: 1, kind: 'spec/pool/2', windows, dim: 2 });
    // Feature 0 counts 0..n-1: its quantiles; feature 1 is always 5.
    expect(Array.from(summary.quantiles)).toEqual([0, (windows - 1) / 4, (windows - 1) / 2, (3 * (windows - 1)) / 4, windows - 1, 5, 5, 5, 5, 5]);
    // A model that reads no library statistics leaves none.
    const plain = new PartyAnalyser({ channel: 0, role: 'agent', classifier: recordingClassifier([]) });
    feed(plain, y);
    expect((await plain.finish()).windowSummary).toBeUndefined();
  });
});
