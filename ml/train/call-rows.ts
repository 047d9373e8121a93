/**
 * Training rows taken through the call path: the windows of synthetic calls (make_calls.py) as the
 * product cuts and pools them (scripts/call-windows.ts captures them with the product's own
 * PartyPass), each party's relative half built from that party's own windows in the call, the way
 * analysis builds it. Clips pooled whole never show the head a ≈3 s window that crosses utterance
 * boundaries and pauses, nor a party's statistics over a real call's mix; these rows do.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EMOTIONS } from '../../electron/shared/domain';
import { partyInputs, type PartyDecision } from '../model/party-features';
import type { PartyStats } from '../model/pooling';

/** One party (channel) of one call: its windows' pooled vectors and how much of each window is each true emotion. */
export const callPartySchema = z.object({
  call: z.string(),
  role: z.enum(['agent', 'customer']),
  speaker: z.string(),
  corpus: z.string(),
  windows: z.array(z.object({ start: z.number(), end: z.number() })),
  pooled: z.array(z.array(z.number())),
  /** Seconds of each window (rows) covered by the truth's speech of each class (columns, EMOTIONS order). */
  overlap: z.array(z.array(z.number()).length(EMOTIONS.length)),
});
export type CallParty = z.infer<typeof callPartySchema>;

/** Seconds of `window` covered by each class of `truth` (one party's segments). */
export function windowOverlap(window: { start: number; end: number }, truth: ReadonlyArray<{ start: number; end: number; emotion: string }>): number[] {
  const out = EMOTIONS.map(() => 0);
  for (const s of truth) {
    const k = EMOTIONS.indexOf(s.emotion as (typeof EMOTIONS)[number]);
    const o = Math.min(window.end, s.end) - Math.max(window.start, s.start);
    if (k >= 0 && o > 0) out[k] += o;
  }
  return out;
}

/**
 * A window's training label: its majority class of true speech, or -1 (not trained on, but still part
 * of its party's statistics, as in analysis) when less than `minSpeech` of the window is labelled
 * speech or the majority holds less than `minMajority` of it.
 */
export function windowLabel(overlap: readonly number[], durationS: number, o: { minSpeech: number; minMajority: number }): number {
  const total = overlap.reduce((a, b) => a + b, 0);
  if (durationS <= 0 || total / durationS < o.minSpeech) return -1;
  let best = 0;
  for (let k = 1; k < overlap.length; k++) if (overlap[k] > overlap[best]) best = k;
  return overlap[best] / total >= o.minMajority ? best : -1;
}

export function readCallParties(file: string): CallParty[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => callPartySchema.parse(JSON.parse(l)));
}

/** How call windows join the party head's training (PartyRecipe.calls). */
export interface CallTraining {
  parties: readonly CallParty[];
  /** Share of the total training weight the call rows carry (clip rows the rest); 1 = call rows only. */
  share: number;
  minSpeech: number;
  minMajority: number;
}

export const CALL_LABEL_DEFAULTS = { minSpeech: 0.5, minMajority: 0.6 } as const;

export interface CallRows { x: Float32Array[]; labels: number[]; corpus: string[] }

/** Rows of the parties whose voice is a training voice, with each party's own statistics over all its windows. */
export function callPartyRows(calls: CallTraining, trainVoices: ReadonlySet<string>, global: PartyStats,
  decision: Pick<PartyDecision, 'shrinkWindows' | 'stdFloor'>): CallRows {
  const rows: CallRows = { x: [], labels: [], corpus: [] };
  for (const p of calls.parties) {
    if (!trainVoices.has(p.speaker) || !p.pooled.length) continue;
    if (p.pooled[0].length !== global.mean.length) throw new Error(`${p.call}: pooled vectors of ${p.pooled[0].length}, the head reads ${global.mean.length}`);
    const x = partyInputs(p.pooled.map((v) => Float32Array.from(v)), global, decision);
    p.windows.forEach((w, i) => {
      const label = windowLabel(p.overlap[i], w.end - w.start, calls);
      if (label < 0) return;
      rows.x.push(x[i]);
      rows.labels.push(label);
      rows.corpus.push(p.corpus);
    });
  }
  return rows;
}

/** Clip weights (mean 1) and call rows joined: the call rows carry `share` of the total weight, each the same. */
export function joinCallWeights(clipWeights: Float32Array, nCall: number, share: number): Float32Array {
  const n = clipWeights.length + nCall;
  const out = new Float32Array(n);
  const clipSum = clipWeights.reduce((a, b) => a + b, 0);
  const clipScale = clipSum > 0 ? ((1 - share) * n) / clipSum : 0;
  clipWeights.forEach((w, i) => (out[i] = w * clipScale));
  const callW = nCall ? (share * n) / nCall : 0;
  for (let i = clipWeights.length; i < n; i++) out[i] = callW;
  return out;
}
