/**
 * Scores a model's heads the way analysis would use them: corrections with the statistics of their
 * party in that call, base validation rows with those of their voice in that condition (label-free,
 * as the ML engineer's per-speaker normalisation does). Accuracy counts windows / rows.
 */
import { EMOTIONS } from '../../electron/shared/domain';
import type { EvalScore } from '../../electron/shared/contract';
import { partyStats } from '../model/pooling';
import { robustStats } from '../model/party-features';
import { argmax, classificationReport } from '../train/metrics';
import type { PartyFeatures } from './correction-features';
import type { BaseRow } from './feature-bank';
import { predictHeads, type Heads, type PartyRow } from './heads';
import { applyMemory, type CorrectionMemory } from '../model/correction-memory';
import { partyHeadInputs, partyVoices } from './party-head';

export interface Evaluation {
  score: EvalScore;
  confusion: number[][];
}

/** Base rows with the statistics of their group (speaker × condition). */
export function baseRowsWithStats(rows: readonly BaseRow[]): PartyRow[] {
  const groups = new Map<string, BaseRow[]>();
  for (const r of rows) {
    const key = `${r.speaker}|${r.variant}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const stats = new Map([...groups].map(([key, list]) => {
    const pooled = list.map((r) => r.pooled);
    return [key, { party: partyStats(pooled), robust: robustStats(pooled) }];
  }));
  return rows.map((r) => {
    const s = stats.get(`${r.speaker}|${r.variant}`);
    return { pooled: r.pooled, label: r.label, party: s?.party ?? partyStats([r.pooled]), robust: s?.robust };
  });
}

export function correctionRows(parties: readonly PartyFeatures[]): PartyRow[] {
  return parties.flatMap((p) => p.examples.map((e) => ({ pooled: e.pooled, label: e.label, party: p.stats, robust: p.robust })));
}

/** Probabilities as analysis decides them: the heads, then (a party head's) correction memory. */
export async function predictWithMemory(heads: Heads, rows: readonly PartyRow[], memory: CorrectionMemory | null = null): Promise<Float32Array[]> {
  return (await predictWithMemories(heads, rows, [memory]))[0];
}

/** The same rows under each memory: the heads predict once. */
async function predictWithMemories(heads: Heads, rows: readonly PartyRow[], memories: readonly (CorrectionMemory | null)[]): Promise<Float32Array[][]> {
  const probabilities = await predictHeads(heads, rows);
  const inputs = heads.party && memories.some(Boolean) ? partyHeadInputs(heads.party, rows) : null;
  const voices = heads.party && inputs ? partyVoices(heads.party, rows) : [];
  return memories.map((memory) => (memory && inputs ? applyMemory(memory, inputs, probabilities, voices) : probabilities));
}

function evaluation(rows: readonly PartyRow[], probabilities: readonly Float32Array[]): Evaluation {
  const report = classificationReport(rows.map((r) => r.label), probabilities.map(argmax), EMOTIONS.length);
  return { score: { accuracy: report.accuracy, macroF1: report.macroF1, n: report.n }, confusion: report.confusion };
}

const EMPTY_EVALUATION: Evaluation = { score: { accuracy: 0, macroF1: 0, n: 0 }, confusion: EMOTIONS.map(() => EMOTIONS.map(() => 0)) };

export async function evaluateHeads(heads: Heads, rows: readonly PartyRow[], memory: CorrectionMemory | null = null): Promise<Evaluation> {
  return (await evaluateMemories(heads, rows, [memory]))[0];
}

/** `rows` scored under each memory (as evaluateHeads), the heads' posteriors computed once. */
export async function evaluateMemories(heads: Heads, rows: readonly PartyRow[], memories: readonly (CorrectionMemory | null)[]): Promise<Evaluation[]> {
  if (!rows.length) return memories.map(() => structuredClone(EMPTY_EVALUATION));
  return (await predictWithMemories(heads, rows, memories)).map((probabilities) => evaluation(rows, probabilities));
}
