/**
 * Whether a candidate may be offered: better than the current model on held-out corrected calls
 * (by more than `minCorrectionGain`), and no more than `maxBaseDrop` below the reference on the
 * base speaker-independent validation set. Reasons are written for the reviewer who asked.
 */
import type { EvalScore } from '../../electron/shared/contract';

export interface GateInput {
  /** Current model and candidate on the held-out corrections. */
  before: EvalScore;
  after: EvalScore;
  /** Candidate and reference on the base validation set. */
  base: EvalScore;
  reference: EvalScore;
}

export interface GateThresholds {
  minCorrectionGain: number;
  maxBaseDrop: number;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const points = (x: number): string => `${(100 * x).toFixed(1)} points`;

export function judge(input: GateInput, thresholds: GateThresholds): { accepted: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const gain = input.after.accuracy - input.before.accuracy;
  if (input.after.n === 0) reasons.push('no held-out corrections to judge the new version on');
  else if (!(gain > thresholds.minCorrectionGain)) {
    reasons.push(`not better on the held-out corrected calls: ${pct(input.before.accuracy)} → ${pct(input.after.accuracy)} ` +
      `(needs more than +${points(thresholds.minCorrectionGain)})`);
  }
  const drop = input.reference.accuracy - input.base.accuracy;
  if (input.base.n > 0 && drop > thresholds.maxBaseDrop + 1e-9) {
    reasons.push(`base validation drops ${points(drop)}: ${pct(input.reference.accuracy)} → ${pct(input.base.accuracy)} ` +
      `(at most ${points(thresholds.maxBaseDrop)} allowed)`);
  }
  return { accepted: reasons.length === 0, reasons };
}
