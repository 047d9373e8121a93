import { describe, expect, it } from 'vitest';
import { calibrate, partyFeatures, partyInputs, robustStats, shrunkPartyStats } from '../../../../ml/model/party-features';

const global = { mean: Float32Array.from([0, 10]), std: Float32Array.from([1, 2]), count: 0 };
const floor = Float32Array.from([0.1, 0.2]);

describe('party features', () => {
  it('takes the median and IQR/1.349, so one outlying window does not move the centre', () => {
    const rows = [1, 2, 3, 4, 100].map((v) => Float32Array.from([v, v]));
    const s = robustStats(rows);
    expect(s.mean[0]).toBe(3);
    expect(s.std[0]).toBeCloseTo((4 - 2) / 1.349, 5);
  });

  it('reads a party of one window as the global party: relative equals absolute without windows', () => {
    const v = Float32Array.from([2, 14]);
    const none = shrunkPartyStats([], global, 6);
    const x = partyFeatures(v, global, none, floor);
    expect(Array.from(x)).toEqual([2, 2, 2, 2]);
  });

  it('shrinks a small party towards the global statistics and lets a large one speak for itself', () => {
    const party = Array.from({ length: 60 }, (_, i) => Float32Array.from([5 + (i % 3) * 0.01, 10]));
    const few = shrunkPartyStats(party.slice(0, 2), global, 6);
    const many = shrunkPartyStats(party, global, 6);
    expect(few.mean[0]).toBeLessThan(2);
    expect(many.mean[0]).toBeGreaterThan(4.4);
    // A party angry from start to finish keeps its absolute description beside the relative one.
    const inputs = partyInputs(party, global, { shrinkWindows: 6, stdFloor: floor });
    expect(inputs[0][0]).toBeCloseTo(5, 1);
    expect(Math.abs(inputs[0][2])).toBeLessThan(2);
  });

  it('tempers and re-weights probabilities, renormalised', () => {
    const p = Float32Array.from([0.8, 0.2]);
    const soft = calibrate(p, 2, [1, 1]);
    expect(soft[0]).toBeCloseTo(Math.sqrt(0.8) / (Math.sqrt(0.8) + Math.sqrt(0.2)), 6);
    const shifted = calibrate(p, 1, [1, 4]);
    expect(shifted[1]).toBeCloseTo(0.5, 6);
  });
});
