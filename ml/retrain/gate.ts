/**
 * Whether a candidate may be offered: better than the current model on the corrected calls, judged
 * by cross-validation by call (more than `minCorrectionGain` on the pooled held-out windows, and
 * better in at least `minProbabilityBetter` of the bootstrap resamples of calls), and no more than
 * `maxBaseDrop` below the reference on the base speaker-independent validation set. Reasons are
 * written for the reviewer who asked.
 */
import type { EvalScore, RetrainReport } from '../../electron/shared/contract';

export interface GateInput {
  /** Current model and candidate on the pooled held-out corrections. */
  before: EvalScore;
  after: EvalScore;
  /** Bootstrap over calls: interval of the gain and share of resamples in which the candidate is better. */
  interval: [number, number];
  probabilityBetter: number;
  calls: number;
  /** Candidate and reference on the base validation set. */
  base: EvalScore;
  reference: EvalScore;
  /** The current model and the candidate on the corrected windows, each voice judged by a version that never heard it (null: not measured). */
  unheardVoices?: { before: number; after: number } | null;
  voices?: number;
}

export interface GateThresholds {
  minCorrectionGain: number;
  minProbabilityBetter: number;
  maxBaseDrop: number;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const points = (x: number): string => `${(100 * x).toFixed(1)} points`;
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${(100 * Math.abs(x)).toFixed(1)}`;

/** How the gate's reason for a base-validation drop begins (retraining falls back on it, retrain.ts). */
export const BASE_DROP_REASON = 'base validation drops';

export function judge(input: GateInput, thresholds: GateThresholds): { accepted: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const gain = input.after.accuracy - input.before.accuracy;
  const range = `gain ${signed(gain)} points, ${signed(input.interval[0])} to ${signed(input.interval[1])} over resamples of the ${input.calls} calls`;
  if (input.after.n === 0) reasons.push('no held-out corrections to judge the new version on');
  else if (!(gain > thresholds.minCorrectionGain)) {
    reasons.push(`not better on the corrected calls, each judged by a version that never trained on it: ${pct(input.before.accuracy)} → ` +
      `${pct(input.after.accuracy)} over ${input.after.n} windows (needs more than +${points(thresholds.minCorrectionGain)}; ${range})`);
  } else if (input.probabilityBetter < thresholds.minProbabilityBetter) {
    reasons.push(`not reliably better: better in ${pct(input.probabilityBetter)} of resamples of the corrected calls, ` +
      `${pct(thresholds.minProbabilityBetter)} needed (${range}); correct more calls`);
  }
  const unheard = input.unheardVoices;
  if (unheard && unheard.after < unheard.before - 1e-9) {
    reasons.push(`lower on voices it never heard: ${pct(unheard.before)} → ${pct(unheard.after)} over the corrected windows, each of the ` +
      `${input.voices ?? 0} voices judged by a version trained without it (it learnt the voices, not their emotions); correct calls of more voices`);
  }
  const drop = input.reference.accuracy - input.base.accuracy;
  if (dropsTooFar(input.base, input.reference, thresholds.maxBaseDrop)) {
    reasons.push(`${BASE_DROP_REASON} ${points(drop)}: ${pct(input.reference.accuracy)} → ${pct(input.base.accuracy)} ` +
      `(at most ${points(thresholds.maxBaseDrop)} allowed)`);
  }
  return { accepted: reasons.length === 0, reasons };
}

/**
 * Whether a refused fine-tuned head gives way to the current head kept with a memory of the
 * corrections: only when the base-validation drop is its one failing (the corrections themselves were
 * judged better) and there is such a memory to judge.
 */
export function fallsBackToMemory(verdict: { accepted: boolean; reasons: readonly string[] }, head: 'current' | 'fine-tuned', keptHasMemory: () => boolean): boolean {
  // keptHasMemory last: choosing that memory is work, done only for a head refused for its base drop alone.
  return !verdict.accepted && head === 'fine-tuned' && verdict.reasons.length > 0 && verdict.reasons.every((r) => r.startsWith(BASE_DROP_REASON)) && keptHasMemory();
}

type BaseReference = RetrainReport['baseReference'];

/** The gate's base-validation test: `base` more than `maxBaseDrop` below `reference` (nothing to judge without rows). */
function dropsTooFar(base: EvalScore, reference: EvalScore, maxBaseDrop: number): boolean {
  return base.n > 0 && reference.accuracy - base.accuracy > maxBaseDrop + 1e-9;
}

/**
 * What a version's base-validation score is held against. The current head kept ships as it is, so
 * it is held against itself (whatever its memory costs the base voices shows). A fine-tuned head is
 * held against `tuned`: the control fine-tuned without corrections where the current model heard the
 * validation voices (fine-tuning on the bank alone forgets them), else the current model.
 */
export async function baseReferenceFor(head: 'current' | 'fine-tuned', current: EvalScore, tuned: () => Promise<BaseReference>): Promise<BaseReference> {
  return head === 'current' ? { kind: 'current', score: current } : tuned();
}

/** The memory rules a version may carry: those whose memory, on the current head, keeps the base voices within the gate's limit. */
export function rulesTheBaseAllows<R>(rules: readonly R[], baseWith: readonly EvalScore[], current: EvalScore, maxBaseDrop: number): R[] {
  return rules.filter((_, i) => !dropsTooFar(baseWith[i], current, maxBaseDrop));
}
