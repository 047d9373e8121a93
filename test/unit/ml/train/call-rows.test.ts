import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { partyInputs } from '../../../../ml/model/party-features';
import { callPartyRows, joinCallWeights, windowLabel, windowOverlap, type CallParty } from '../../../../ml/train/call-rows';

const k = (e: string): number => EMOTIONS.indexOf(e as (typeof EMOTIONS)[number]);
const rule = { minSpeech: 0.5, minMajority: 0.6 };

describe('call windows as training rows', () => {
  it('measures how much of a window each true emotion covers', () => {
    const o = windowOverlap({ start: 1, end: 4 }, [
      { start: 0, end: 2, emotion: 'angry' }, { start: 2.5, end: 5, emotion: 'neutral' }, { start: 5, end: 6, emotion: 'sad' },
    ]);
    expect(o[k('angry')]).toBeCloseTo(1);
    expect(o[k('neutral')]).toBeCloseTo(1.5);
    expect(o[k('sad')]).toBe(0);
  });

  it('labels a window by its majority class, and leaves pauses and even mixes unlabelled', () => {
    const o = (pairs: Record<string, number>): number[] => EMOTIONS.map((e) => pairs[e] ?? 0);
    expect(windowLabel(o({ neutral: 2, angry: 0.5 }), 3, rule)).toBe(k('neutral'));
    expect(windowLabel(o({ neutral: 1 }), 3, rule)).toBe(-1); // a third of it is speech
    expect(windowLabel(o({ neutral: 1.3, angry: 1.2 }), 3, rule)).toBe(-1); // no clear majority
  });

  it('takes only parties of training voices, each with its own statistics over all its windows', () => {
    const dim = 3;
    const global = { mean: new Float32Array(dim), std: Float32Array.from([1, 1, 1]), count: 0 };
    const decision = { shrinkWindows: 6, stdFloor: Float32Array.from([0.1, 0.1, 0.1]) };
    const windows = [{ start: 0, end: 3 }, { start: 1.5, end: 4.5 }, { start: 10, end: 13 }];
    const pooled = [[1, 2, 3], [2, 3, 4], [9, 9, 9]];
    const overlap = [EMOTIONS.map((e) => (e === 'happy' ? 3 : 0)), EMOTIONS.map((e) => (e === 'happy' ? 2 : 0)), EMOTIONS.map(() => 0)];
    const party = (speaker: string): CallParty => ({ call: 'c', role: 'agent', speaker, corpus: 'ravdess', windows, pooled, overlap });
    const rows = callPartyRows({ parties: [party('A01'), party('A02')], share: 0.3, ...rule }, new Set(['A01']), global, decision);
    expect(rows.labels).toEqual([k('happy'), k('happy')]);
    // The third, unlabelled window still counts in the party's statistics, as analysis counts it.
    const expected = partyInputs(pooled.map((v) => Float32Array.from(v)), global, decision);
    expect(Array.from(rows.x[1])).toEqual(Array.from(expected[1]));
  });

  it('gives the call rows their share of the total weight, the clip rows keeping their proportions', () => {
    const w = joinCallWeights(Float32Array.from([1, 3]), 2, 0.25);
    const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0);
    expect(sum(w)).toBeCloseTo(4);
    expect(w[0] + w[1]).toBeCloseTo(3);
    expect(w[1] / w[0]).toBeCloseTo(3);
    expect(w[2]).toBeCloseTo(0.5);
  });
});

describe('ml:compare call-window options', () => {
  it('parses --call-windows and --call-share, defaulting the share to 0.5 and refusing 0', async () => {
    const { parseCompareArgs } = await import('../../../../ml/train/compare-options');
    const { options } = parseCompareArgs(['--party', '--call-windows', 'a.jsonl,b.jsonl']);
    expect(options['call-windows']).toBe('a.jsonl,b.jsonl');
    expect(options['call-share']).toBe(0.5);
    expect(parseCompareArgs([]).options['call-windows']).toBeUndefined();
    expect(() => parseCompareArgs(['--call-share', '0'])).toThrow();
  });
});
