/**
 * The scoring half of bench/calibrate-calls.ts: a captured party (its windows' raw head output, its
 * speech runs and truth), and how a candidate rule scores on captured parties through the product's
 * own steps (the call rule, `partyRegions`, frames of 10 ms as `evaluate:calls` scores them).
 */
import { z } from 'zod';
import { EMOTIONS } from '../electron/shared/domain';
import { partyRegions } from '../electron/services/analysis/party-analyser';
import type { TimeSpan } from '../ml/segment/spans';
import { negativeShare, partyFrames, summarise, type PartyFrames } from '../ml/train/call-scores';
import type { Scored } from '../ml/train/decision-metrics';
import { applyCallRule, type CallRule } from '../ml/model/call-rule';

export const partySchema = z.object({
  fold: z.number(), scenario: z.enum(['real', 'mixed']), call: z.string(), role: z.enum(['agent', 'customer']), duration: z.number(),
  truth: z.array(z.object({ start: z.number(), end: z.number(), emotion: z.string() })),
  runs: z.array(z.object({ start: z.number(), end: z.number() })), windows: z.array(z.object({ start: z.number(), end: z.number() })),
  raw: z.array(z.array(z.number())),
});
export type Party = z.infer<typeof partySchema>;

export interface Scores { frames: PartyFrames[]; negErrors: number[]; expectedNegErrors: number[]; nll: number }

/** A rule as the bench tries it: optionally a neutral weight per party role in place of the rule's one. */
export type BenchRule = CallRule & { roleNeutral?: Readonly<Record<Party['role'], number>> };
export const withNeutralWeight = (rule: CallRule, w: number): number[] => rule.classWeights.map((x, k) => (EMOTIONS[k] === 'neutral' ? w : x));

export function score(parties: readonly Party[], benchRule: BenchRule): Scores {
  const frames: PartyFrames[] = [];
  const negErrors: number[] = [];
  const expectedNegErrors: number[] = [];
  let nll = 0, n = 0;
  for (const p of parties) {
    const rule = benchRule.roleNeutral ? { ...benchRule, classWeights: withNeutralWeight(benchRule, benchRule.roleNeutral[p.role]) } : benchRule;
    const decided = applyCallRule(p.raw.map((r) => Float32Array.from(r)), rule);
    const regions = partyRegions(p.runs as TimeSpan[], p.windows as TimeSpan[], decided, { classes: EMOTIONS, uncertainBelow: rule.uncertainBelow, shownTemperature: rule.shownTemperature });
    const f = partyFrames(p.truth, regions, p.duration);
    frames.push(f);
    for (const x of f.frames) if (x.covered) [nll, n] = [nll - Math.log(Math.max(1e-6, x.truthProbability ?? 0)), n + 1];
    if (p.role === 'customer') {
      const share = negativeShare(f);
      negErrors.push(Math.abs(share.truth - share.predicted));
      expectedNegErrors.push(Math.abs(share.truth - (share.expected ?? 0)));
    }
  }
  return { frames, negErrors, expectedNegErrors, nll: nll / Math.max(1, n) };
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
export const f3 = (x: number): string => x.toFixed(3);
export const covered = (s: Scores): Scored[] => s.frames.flatMap((f) => f.frames.filter((x) => x.covered));

export function line(label: string, s: Scores): string {
  const sum = summarise(s.frames);
  return `${label.padEnd(34)} acc ${f3(sum.accuracy)}  neutral-recall ${f3(sum.covered.neutralRecall)}  not-neutral-prec ${f3(sum.covered.notNeutralPrecision)}  ECE ${f3(sum.covered.ece)}  conf ${f3(sum.covered.confidence)}  NLL ${f3(s.nll)}  uncertain ${f3(sum.uncertainShare)} (certain right ${f3(sum.certainAccuracy)})  neg-err ${s.negErrors.length ? `${f3(mean(s.negErrors))} (expected ${f3(mean(s.expectedNegErrors))})` : '  –  '}`;
}

/** The value in [lo, hi] of least `f` (golden-section search, to 0.01; log-loss is unimodal in a temperature). */
export function argminOn(lo: number, hi: number, f: (x: number) => number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo, b = hi, c = b - g * (b - a), d = a + g * (b - a), fc = f(c), fd = f(d);
  while (b - a > 0.01) {
    if (fc < fd) {
      [b, d, fd] = [d, c, fc];
      c = b - g * (b - a);
      fc = f(c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return Number(((a + b) / 2).toFixed(2));
}

