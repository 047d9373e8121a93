/**
 * The decision rule after the party head, as one function of a party's raw window posteriors: what
 * the product runs (classifier.ts per window, party-classifier.ts over the party) and what the
 * calibration bench fits and scores through the call path (bench/calibrate-calls.ts), so the
 * measured rule is the shipped one.
 */
import { adjustPosterior, estimatePriors } from './class-priors';
import { calibrate } from './party-features';

export interface CallRule {
  /** Softmax temperature (p ∝ p_raw^(1/T)). */
  temperature: number;
  /** Prior correction, multiplied in after the temperature. */
  classWeights: readonly number[];
  /** Regions whose confidence is below this are shown as uncertain. */
  uncertainBelow: number;
  /**
   * The party's own prior (EM over its decided windows, Saerens et al. 2002), damped by this power
   * (0 or absent: none): a party that is mostly one emotion is read as such.
   */
  partyPrior?: number;
  /** Share of the party's mean posterior blended into each window (0 or absent: none). */
  partyBlend?: number;
  /**
   * Temperature of what a region shows (its smoothed probabilities; absent: 1): the confidence is
   * calibrated on regions as reviewers see them, after the windows' rule chose the label.
   */
  shownTemperature?: number;
}

/** A region's smoothed probabilities as shown: tempered by `shownTemperature` (the winning class is unchanged). */
export function showRegion(p: Float32Array, shownTemperature = 1): Float32Array {
  return shownTemperature === 1 ? p : calibrate(p, shownTemperature, new Array<number>(p.length).fill(1));
}

/** A shown region's probabilities back to its smoothed ones (what the library's prior estimate reads). */
export function unshowRegion(p: ArrayLike<number>, shownTemperature = 1): Float32Array {
  return shownTemperature === 1 ? Float32Array.from(p) : calibrate(Float32Array.from(p), 1 / shownTemperature, new Array<number>(p.length).fill(1));
}

/** The per-window part: tempered and prior-corrected. */
export function decideWindows(raw: readonly Float32Array[], rule: Pick<CallRule, 'temperature' | 'classWeights'>): Float32Array[] {
  return raw.map((p) => calibrate(p, rule.temperature, rule.classWeights));
}

/** The party part, over all of one party's decided windows. */
export function decideParty(decided: readonly Float32Array[], rule: Pick<CallRule, 'partyPrior' | 'partyBlend'>): Float32Array[] {
  let out = [...decided];
  const k = out[0]?.length ?? 0;
  const beta = rule.partyPrior ?? 0;
  if (beta > 0 && out.length) {
    const uniform = new Array<number>(k).fill(1 / k);
    const { priors } = estimatePriors(out, { smoothing: 0.02 });
    const damped = priors.map((p) => p ** beta);
    const sum = damped.reduce((a, b) => a + b, 0);
    out = out.map((p) => adjustPosterior(p, uniform, damped.map((d) => d / sum)));
  }
  if (rule.partyBlend && out.length) {
    const lambda = rule.partyBlend;
    const mean = new Float32Array(k);
    for (const p of out) for (let c = 0; c < k; c++) mean[c] += p[c] / out.length;
    out = out.map((p) => p.map((v, c) => (1 - lambda) * v + lambda * mean[c]));
  }
  return out;
}

/** The whole rule over one party's raw window posteriors. */
export function applyCallRule(raw: readonly Float32Array[], rule: Omit<CallRule, 'uncertainBelow'>): Float32Array[] {
  return decideParty(decideWindows(raw, rule), rule);
}
