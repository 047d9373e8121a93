/**
 * The decision rule after the party head, as one function of a party's raw window posteriors: what
 * the product runs (classifier.ts) and what the calibration bench fits and scores through the call
 * path (bench/calibrate-calls.ts), so the measured rule is the shipped one.
 */
import { calibrate } from './party-features';

export interface CallRule {
  /** Softmax temperature (p ∝ p_raw^(1/T)). */
  temperature: number;
  /** Prior correction, multiplied in after the temperature. */
  classWeights: readonly number[];
  /** Regions whose confidence is below this are shown as uncertain. */
  uncertainBelow: number;
}

/** Every window of one party: tempered and prior-corrected. */
export function applyCallRule(raw: readonly Float32Array[], rule: Pick<CallRule, 'temperature' | 'classWeights'>): Float32Array[] {
  return raw.map((p) => calibrate(p, rule.temperature, rule.classWeights));
}
