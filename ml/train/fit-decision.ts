/**
 * The decision rule after the head, fitted on out-of-fold predictions of held-out speakers:
 * a temperature (least negative log-likelihood), a prior correction towards the mostly-neutral
 * base rate of calls (one weight for neutral, chosen for the mean accuracy over the party
 * conditions), and the confidence below which a window is shown as uncertain.
 */
import { EMOTIONS } from '../../electron/shared/domain';
import { calibrate } from '../model/party-features';
import { scoredFrom, type Scored } from './decision-metrics';

const NEUTRAL = EMOTIONS.indexOf('neutral');

export interface OofRecord {
  truth: number;
  probabilities: Float32Array;
  condition: string;
}

export interface FittedDecision {
  temperature: number;
  classWeights: number[];
  uncertainBelow: number;
  /** Accuracy of windows below the threshold, and their share (validation). */
  uncertainAccuracy: number;
  uncertainShare: number;
}

/** Accuracy below which a window is shown as uncertain rather than as its emotion. */
export const UNCERTAIN_ACCURACY = 0.4;

export function neutralWeights(w: number): number[] {
  return EMOTIONS.map((_, k) => (k === NEUTRAL ? w : 1));
}

function nll(records: readonly OofRecord[], t: number): number {
  const ones = EMOTIONS.map(() => 1);
  let s = 0;
  for (const r of records) s -= Math.log(Math.max(1e-12, calibrate(r.probabilities, t, ones)[r.truth]));
  return s / Math.max(1, records.length);
}

function meanConditionAccuracy(records: readonly OofRecord[], t: number, weights: number[], conditions: readonly string[]): number {
  let sum = 0;
  for (const c of conditions) {
    const chosen = records.filter((r) => r.condition === c);
    let hit = 0;
    for (const r of chosen) if (scoredFrom(r.truth, calibrate(r.probabilities, t, weights)).predicted === r.truth) hit++;
    sum += hit / Math.max(1, chosen.length);
  }
  return sum / conditions.length;
}

export function fitDecision(records: readonly OofRecord[], conditions: readonly string[]): FittedDecision {
  let temperature = 1, best = Infinity;
  for (let t = 0.5; t <= 4.001; t += 0.05) {
    const v = nll(records, t);
    if (v < best) [best, temperature] = [v, Number(t.toFixed(2))];
  }
  let weight = 1, bestAcc = -1;
  for (const w of [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) {
    const acc = meanConditionAccuracy(records, temperature, neutralWeights(w), conditions);
    if (acc > bestAcc + 1e-4) [bestAcc, weight] = [acc, w];
  }
  const classWeights = neutralWeights(weight);
  // Temperature again with the prior in place: confidence shown is what the user sees.
  let t2 = temperature, best2 = Infinity;
  for (let t = 0.5; t <= 4.001; t += 0.05) {
    let s = 0;
    for (const r of records) s -= Math.log(Math.max(1e-12, calibrate(r.probabilities, t, classWeights)[r.truth]));
    if (s < best2) [best2, t2] = [s, Number(t.toFixed(2))];
  }
  const scored = records.map((r) => scoredFrom(r.truth, calibrate(r.probabilities, t2, classWeights)));
  return { temperature: t2, classWeights, ...uncertainThreshold(scored) };
}

/**
 * The largest confidence (0.2–0.6, steps of 0.025) below which the (calibrated) items are right at
 * most UNCERTAIN_ACCURACY of the time; items may carry weights (call frames).
 */
export function uncertainThreshold(scored: readonly Scored[]): Pick<FittedDecision, 'uncertainBelow' | 'uncertainAccuracy' | 'uncertainShare'> {
  const weight = (s: Scored): number => s.weight ?? 1;
  const total = scored.reduce((n, s) => n + weight(s), 0);
  let uncertainBelow = 0, uncertainAccuracy = NaN, uncertainShare = 0;
  for (let c = 0.2; c <= 0.601; c += 0.025) {
    let n = 0, hit = 0;
    for (const s of scored) {
      if (s.confidence >= c) continue;
      n += weight(s);
      if (s.predicted === s.truth) hit += weight(s);
    }
    if (!n) continue;
    if (hit / n <= UNCERTAIN_ACCURACY) [uncertainBelow, uncertainAccuracy, uncertainShare] = [Number(c.toFixed(3)), hit / n, n / total];
  }
  return { uncertainBelow, uncertainAccuracy, uncertainShare };
}
