import { describe, expect, it } from 'vitest';
import { describeOutcome, describeReadiness } from '../../../../../electron/cli/commands/retrain';
import type { RetrainOutcome, RetrainReport } from '../../../../../electron/shared/contract';

const score = (accuracy: number, n: number) => ({ accuracy, macroF1: accuracy, n });

const report: RetrainReport = {
  version: 'retrained-1', parent: 'shipped-1',
  data: { corrections: 140, trainCalls: 3, heldOutCalls: 3, trainWindows: 180, heldOutWindows: 180, baseRows: 5000, baseSource: 'bank', correctionWeight: 4, validationSpeakers: ['A09'] },
  before: { corrections: score(0.4, 180), base: score(0.6, 300) }, after: { corrections: score(0.5, 180), base: score(0.59, 300) },
  baseReference: { kind: 'current', score: score(0.6, 300) },
  thresholds: { minCorrectionGain: 0, maxBaseDrop: 0.02, minProbabilityBetter: 0.8 },
  judging: {
    method: 'leave-one-call-out', folds: 3, calls: 3, windows: 180, classes: { angry: 60, neutral: 120 }, gain: 0.1, interval: [0.04, 0.16], coverage: 0.9, probabilityBetter: 1,
    perCall: [{ recordingId: 'abc', name: 'call_000.wav', windows: 60, before: 24, after: 30 }],
  },
  accepted: true, reasons: [], epochs: 8, seconds: 42,
};

describe('emoqa retrain output', () => {
  it('says before training what the labels allow, or what is missing', () => {
    const ready = describeReadiness({ ready: true, calls: 3, labels: 140, windows: 180, classes: { angry: 40, neutral: 100 }, needs: [], plan: 'Judged by leaving each of the 3 corrected calls out in turn.' });
    expect(ready).toBe('corrections: 140 labels on 3 calls, about 180 windows (angry 40, neutral 100)\n  Judged by leaving each of the 3 corrected calls out in turn.');
    const missing = describeReadiness({ ready: false, calls: 1, labels: 4, windows: 5, classes: { sad: 4 }, needs: ['labels on at least 2 calls (there are 1)'], plan: '' });
    expect(missing).toMatch(/\n {2}✗ needs labels on at least 2 calls \(there are 1\)$/);
  });

  it('prints the cross-validated judgement beside the result', () => {
    const text = describeOutcome({ state: 'offered', finishedAt: '2026-01-01T00:00:00Z', report, error: null, reanalysisJobId: null } satisfies RetrainOutcome);
    expect(text).toContain('corrected calls, cross-validated (3, 180 windows)');
    expect(text).toContain('judged by leave one call out: 3 calls, 180 held-out windows (angry 60, neutral 120)');
    expect(text).toContain('gain +10.0 points, 90% interval +4.0 to +16.0 (bootstrap over calls), better in 100% of resamples');
    expect(text).toMatch(/call_000\.wav +60 windows +40\.0% → +50\.0%/u);
    expect(text).not.toContain('memory');
  });

  it('says what the version is made of: its party head, its correction memory and the by-voice guard', () => {
    const memory = { head: 'current', windows: 271, voices: 7, byVoice: { before: 0.668, after: 0.72 }, rule: { k: 5, space: 'absolute', bandwidth: 0.5, maxWeight: 0.3, halfSupport: 1 } } as const;
    const text = describeOutcome({ state: 'activated', finishedAt: '2026-01-01T00:00:00Z', report: { ...report, memory }, error: null, reanalysisJobId: null });
    expect(text).toContain('  version: the current party head kept, a memory of 271 corrected windows (the 5 nearest of the party\'s own voice, on the absolute half, weigh up to 30%), ' +
      'chosen on the folds; on voices it never heard (7 voices, each judged by a version without it) 66.8% → 72.0%');
  });
});
