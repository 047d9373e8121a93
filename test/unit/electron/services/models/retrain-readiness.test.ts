import { describe, expect, it } from 'vitest';
import type { CorrectionSet } from '../../../../../electron/services/models/corrections';
import { retrainReadiness } from '../../../../../electron/services/models/retrain-readiness';
import type { Emotion } from '../../../../../electron/shared/domain';
import { DEFAULT_RETRAIN_CONFIG } from '../../../../../ml/retrain/protocol';

function set(calls: number, labelsPerCall: number, seconds = 2, emotion: Emotion = 'angry'): CorrectionSet {
  const parties = Array.from({ length: calls }, (_, c) => ({
    recordingId: `rec-${c}`, path: `/calls/${c}.wav`, channel: 1, sourceChannels: 2, select: { kind: 'channel' as const, index: 1 },
    spans: Array.from({ length: labelsPerCall }, (_, i) => ({ start: 3 * i, end: 3 * i + seconds, emotion })),
  }));
  return { parties, labels: calls * labelsPerCall, agreements: 0, calls, skipped: [] };
}

describe('what retraining needs, said before it trains', () => {
  it('refuses one corrected call and says why a second is needed', () => {
    const r = retrainReadiness(set(1, 30), DEFAULT_RETRAIN_CONFIG);
    expect(r.ready).toBe(false);
    expect(r.needs).toEqual([expect.stringMatching(/labels on at least 2 calls \(there are 1\): every corrected call is judged by a version trained without it/)]);
  });

  it('refuses too few correction windows and names the amount of speech needed', () => {
    const r = retrainReadiness(set(3, 2), DEFAULT_RETRAIN_CONFIG);
    expect(r).toMatchObject({ ready: false, calls: 3, labels: 6, windows: 6, classes: { angry: 6 } });
    expect(r.needs).toEqual([expect.stringMatching(/at least 20 correction windows \(about 30 s of labelled speech; there are about 6\)/)]);
  });

  it('is ready with 2 calls and 20 windows, and warns that few calls give an uncertain judgement', () => {
    const few = retrainReadiness(set(2, 10), DEFAULT_RETRAIN_CONFIG);
    expect(few).toMatchObject({ ready: true, needs: [], windows: 20 });
    expect(few.plan).toMatch(/leaving each of the 2 corrected calls out in turn.*With 2 calls the gain is uncertain/);
    const many = retrainReadiness(set(8, 10, 6), DEFAULT_RETRAIN_CONFIG);
    // A 6 s label is tiled with 3 s windows (1.5 s apart at most): 3 each.
    expect(many).toMatchObject({ ready: true, windows: 240 });
    expect(many.plan).toMatch(/^Judged by 5 folds of the 8 corrected calls \(by call\)/);
    expect(many.plan).not.toMatch(/uncertain/);
  });
});
