/**
 * Scores of a call's emotion regions against its truth, over the truth's speech frames (10 ms):
 * what a reviewer sees when opening the call. Frames no region covers count as wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EMOTIONS, NEGATIVE_EMOTIONS } from '../../electron/shared/domain';
import type { CallFigure } from '../model/metadata';
import { decisionReport, type DecisionReport, type Scored } from './decision-metrics';

export const CALL_FRAME_S = 0.01;

export interface TruthSegment { start: number; end: number; emotion: string }

/** The truth make_calls.py writes beside each call (call_NNN.json); older calls' segments name no speaker. */
export const callTruthSchema = z.object({
  duration_s: z.number().nonnegative(),
  scenario: z.string().optional(),
  customer_arc: z.string().optional(),
  segments: z.array(z.object({
    start: z.number(), end: z.number(), channel: z.enum(['agent', 'customer']), emotion: z.string(), source: z.string(), speaker: z.string().optional(),
  })),
});
export type CallTruth = z.infer<typeof callTruthSchema>;
export type CallTruthSegment = CallTruth['segments'][number];

/** The truth of a call (its .wav, .mono.mp3 or .json path), validated; the error names the file. */
export function readCallTruth(callPath: string): CallTruth {
  const file = callPath.replace(/(\.mono)?\.(wav|mp3)$|\.json$/, '') + '.json';
  const parsed = callTruthSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not a make_calls.py truth file (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  return parsed.data;
}
export interface PredictedRegion { start: number; end: number; emotion: string; confidence: number; uncertain?: boolean; probabilities?: Readonly<Record<string, number>> }

export interface CallFrame extends Scored {
  /** A region covers the frame (else predicted is -1). */
  covered: boolean;
  uncertain: boolean;
  /** The region's probability of the truth emotion (when it carries probabilities): for the frames' log-loss. */
  truthProbability?: number;
  /** The region's probability of any negative emotion (when it carries probabilities): the expected negative share. */
  negativeProbability?: number;
}

export interface PartyFrames {
  /** One per truth speech frame. */
  frames: CallFrame[];
  total: number;
}

const frameIndex = (t: number): number => Math.ceil(t / CALL_FRAME_S - 0.5);
const negativeMass = (probabilities: Readonly<Record<string, number>>): number => NEGATIVE_EMOTIONS.reduce((sum, e) => sum + (probabilities[e] ?? 0), 0);

export function partyFrames(truth: readonly TruthSegment[], regions: readonly PredictedRegion[], durationS: number): PartyFrames {
  const n = Math.ceil(durationS / CALL_FRAME_S);
  const predicted: Array<PredictedRegion | null> = new Array<PredictedRegion | null>(n).fill(null);
  for (const r of regions) for (let i = Math.max(0, frameIndex(r.start)); i < Math.min(n, frameIndex(r.end)); i++) predicted[i] = r;
  const frames: PartyFrames['frames'] = [];
  for (const seg of truth) {
    const k = EMOTIONS.indexOf(seg.emotion as (typeof EMOTIONS)[number]);
    for (let i = Math.max(0, frameIndex(seg.start)); i < Math.min(n, frameIndex(seg.end)); i++) {
      const r = predicted[i];
      frames.push(r ? { truth: k, predicted: EMOTIONS.indexOf(r.emotion as (typeof EMOTIONS)[number]), confidence: r.confidence, uncertain: r.uncertain ?? false, covered: true,
        ...(r.probabilities ? { truthProbability: r.probabilities[seg.emotion] ?? 0, negativeProbability: negativeMass(r.probabilities) } : {}) }
        : { truth: k, predicted: -1, confidence: 0, uncertain: false, covered: false });
    }
  }
  return { frames, total: frames.length };
}

export interface CallSummary {
  /** Share of truth speech frames whose region carries the truth emotion. */
  accuracy: number;
  coverage: number;
  /** Over covered frames: neutral recall, "not neutral" precision, ECE (15 bins). */
  covered: DecisionReport;
  uncertainShare: number;
  /** Accuracy of covered frames not marked uncertain. */
  certainAccuracy: number;
}

export function summarise(parts: readonly PartyFrames[]): CallSummary {
  const all = parts.flatMap((p) => p.frames);
  const covered = all.filter((f) => f.covered);
  const certain = covered.filter((f) => !f.uncertain);
  return {
    accuracy: covered.filter((f) => f.truth === f.predicted).length / Math.max(1, all.length),
    coverage: covered.length / Math.max(1, all.length),
    covered: decisionReport(covered),
    uncertainShare: (covered.length - certain.length) / Math.max(1, covered.length),
    certainAccuracy: certain.filter((f) => f.truth === f.predicted).length / Math.max(1, certain.length),
  };
}

const definedOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The figure a model's metadata keeps of scored calls (callFigures). */
export function callFigure(parts: readonly PartyFrames[], calls: number, negativeErrors: readonly number[]): CallFigure {
  const s = summarise(parts);
  return {
    calls, frames: parts.reduce((n, p) => n + p.total, 0),
    accuracy: s.accuracy, neutralRecall: definedOrNull(s.covered.neutralRecall), notNeutralPrecision: definedOrNull(s.covered.notNeutralPrecision), ece: s.covered.ece,
    coverage: s.coverage, uncertainShare: s.uncertainShare, certainAccuracy: s.certainAccuracy,
    negativeShareError: negativeErrors.reduce((a, b) => a + b, 0) / Math.max(1, negativeErrors.length),
  };
}

/**
 * The party's share of negative emotion over its truth speech frames: truth, as the labels predict it
 * (frames whose label is negative) and as expected from the regions' probabilities (the mean negative
 * probability; null when regions carry none). Uncovered frames are not negative.
 */
export function negativeShare(p: PartyFrames): { truth: number; predicted: number; expected: number | null } {
  const neg = new Set(NEGATIVE_EMOTIONS.map((e) => EMOTIONS.indexOf(e)));
  let t = 0, q = 0, e = 0, known = true;
  for (const f of p.frames) {
    if (neg.has(f.truth)) t++;
    if (neg.has(f.predicted)) q++;
    if (f.covered && f.negativeProbability === undefined) known = false;
    e += f.negativeProbability ?? 0;
  }
  const n = Math.max(1, p.total);
  return { truth: t / n, predicted: q / n, expected: known ? e / n : null };
}
