import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { CALL_VARIANT_PREFIX, callRows } from '../../../../ml/retrain/build-feature-bank';
import { baseRowsWithStats } from '../../../../ml/retrain/evaluate';
import { decodeBank, encodeBank } from '../../../../ml/retrain/feature-bank';
import type { CallParty } from '../../../../ml/train/call-rows';

const at = (emotion: string, seconds: number): number[] => EMOTIONS.map((e) => (e === emotion ? seconds : 0));

function party(speaker: string, level: number): CallParty {
  return {
    call: `/calls/call_00${level}.wav`, role: 'customer', speaker, corpus: 'ravdess',
    windows: [{ start: 0, end: 3 }, { start: 1.5, end: 4.5 }, { start: 3, end: 6 }],
    pooled: [[level, 1], [level + 1, 2], [level + 2, 3]],
    // angry majority; half speech, split 50/50 (no majority ≥ 0.6); mostly pause (under half speech)
    overlap: [at('angry', 2.5), EMOTIONS.map((e) => (e === 'sad' || e === 'fear' ? 1 : 0)), at('neutral', 0.5)],
  };
}

describe('call rows of the feature bank', () => {
  it('keeps the windows the party head trains on, each in a group of its own party, and leaves validation voices out', () => {
    const rows = callRows([party('A01', 10), party('A02', 20), party('A01', 30)], new Set(['A02']));
    expect(rows.map((r) => [r.speaker, r.variant, EMOTIONS[r.label]])).toEqual([['A01', `${CALL_VARIANT_PREFIX}0`, 'angry'], ['A01', `${CALL_VARIANT_PREFIX}2`, 'angry']]);
    const decoded = decodeBank(encodeBank(rows, {
      pooling: 'p', featureSpec: 'f', dim: 2, classes: [...EMOTIONS], speakers: [{ id: 'A01', corpus: 'ravdess', gender: 'male' }],
      validationSpeakers: [], validationSeenByShipped: true, excludedSpeakers: [], source: 's', createdAt: '2026-12-02T00:00:00.000Z',
    }));
    expect(decoded.header.groups).toEqual(['A01|call-0', 'A01|call-2']);
    // One voice, two calls: each row's party statistics are its own call's, not the voice's pooled over both.
    const [first, second] = baseRowsWithStats(decoded.rows);
    expect(first.robust?.mean[0]).toBeCloseTo(10, 2);
    expect(second.robust?.mean[0]).toBeCloseTo(30, 2);
  });
});
