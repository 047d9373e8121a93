/**
 * `npm run ml:compare -- --party [--quick] [--folds N] [--loco all|emodb,urdu] [--final] [--ship DIR] [--no-aug] [--codec]`
 * The party protocol: validation folds over all four corpora (choices are fitted on their
 * out-of-fold predictions), leave-one-corpus-out, and — with --final — the held-out voices,
 * scored once by the head trained on every other voice (the one --ship writes).
 */
import { EMOTIONS } from '../../electron/shared/domain';
import { initBackend } from '../model/backend';
import { readCorpora } from './corpora';
import { formatDecision } from './decision-metrics';
import { fitDecision, type FittedDecision } from './fit-decision';
import type { TrainContext } from './models';
import { PARTY_CONDITIONS } from './party-conditions';
import { conditionTable, HELD_OUT_SPEAKERS, loadPartyBank, trainAndScore, validationFolds, type ConditionRow, type TestRecord } from './party-protocol';
import { PARTY_RECIPE, type PartyFamily, type PartyHead } from './party-recipe';
import type { CallTraining } from './call-rows';

export interface PartyCompareOptions {
  datasets?: string;
  seed: number;
  quick: boolean;
  folds: number;
  loco: string[];
  final: boolean;
  useAug: boolean;
  /** Train on the codec copy too (codec.ts). */
  useCodec?: boolean;
  /** Keep the head of every validation fold (for scoring each fold's voices as calls, trained without them). */
  keepFolds?: boolean;
  /** Which head to train (default: the pooled party head). */
  family?: PartyFamily;
  /** Train and score only the first N validation folds (a slow family on a shared machine); the decision is fitted on them. */
  runFolds?: number;
  /** Also train on call windows (call-rows.ts): each head takes the parties of its own training voices only. */
  calls?: CallTraining;
  log: (line: string) => void;
}

export interface PartyTable {
  split: string;
  rows: ConditionRow[];
}

export interface PartyComparison {
  decision: FittedDecision;
  tables: PartyTable[];
  /** The head trained on every voice but the held-out ones (with --final). */
  final?: PartyHead;
  /** With keepFolds: each validation fold's head and the voices it never heard, in fold order. */
  foldHeads: Array<{ head: PartyHead; voices: string[] }>;
  /** The validation folds' out-of-fold predictions (raw head output) that the decision was fitted on. */
  oof: TestRecord[];
  seconds: number;
}

export function printTable(t: PartyTable, log: (line: string) => void): void {
  log(`\n## ${t.split}`);
  for (const r of t.rows) {
    const tag = `${r.condition.padEnd(9)} ${r.variant === 'clean' ? 'wide' : 'tel '}`;
    log(`${tag}  raw acc ${(100 * r.raw.accuracy).toFixed(1).padStart(5)} ECE ${r.raw.ece.toFixed(3)} | decided ${formatDecision(r.decided)}${r.restricted !== undefined ? `  restricted ${(100 * r.restricted).toFixed(1)}` : ''}`);
  }
}

export async function runPartyComparison(o: PartyCompareOptions): Promise<PartyComparison> {
  const t0 = Date.now();
  o.log(`backend: ${await initBackend()}`);
  const items = await readCorpora(o.datasets);
  const bank = await loadPartyBank(items, o.log);
  let epochs = 0;
  const ctx: TrainContext = { seed: o.seed, quick: o.quick, onEpoch: () => o.log(`  epoch ${++epochs} (${((Date.now() - t0) / 60000).toFixed(1)} min)`) };
  const copies = { useAug: o.useAug, useCodec: o.useCodec, family: o.family, recipe: o.calls ? { ...PARTY_RECIPE, calls: o.calls } : undefined };
  if (o.calls) o.log(`call windows: ${o.calls.parties.length} parties, ${o.calls.share} of the training weight, labelled where ≥ ${o.calls.minSpeech} of a window is speech and its majority class ≥ ${o.calls.minMajority} of it`);
  const allVoices = [...new Set(bank.items.map((u) => u.speaker))];
  const notHeld = allVoices.filter((s) => !HELD_OUT_SPEAKERS.includes(s));
  const folds = validationFolds(bank.items, o.folds);
  const oof: TestRecord[] = [];
  const foldHeads: PartyComparison['foldHeads'] = [];
  for (const [f, test] of folds.entries()) {
    if (o.runFolds !== undefined && f >= o.runFolds) break;
    const testSet = new Set(test);
    const { head, records } = await trainAndScore(bank, new Set(notHeld.filter((s) => !testSet.has(s))), testSet, ctx, copies);
    if (o.keepFolds) foldHeads.push({ head, voices: test });
    else head.model.dispose();
    oof.push(...records);
    o.log(`fold ${f + 1}/${folds.length} [${test.join(' ')}]: ${records.length} rows (${((Date.now() - t0) / 60000).toFixed(1)} min)`);
  }
  const decision = fitDecision(oof, PARTY_CONDITIONS);
  o.log(`decision (validation folds): T ${decision.temperature}, neutral weight ${decision.classWeights[EMOTIONS.indexOf('neutral')]}, uncertain below ${decision.uncertainBelow} (${(100 * decision.uncertainShare).toFixed(1)}% of rows, accuracy ${(100 * decision.uncertainAccuracy).toFixed(1)}%)`);
  const ran = o.runFolds !== undefined && o.runFolds < folds.length ? `, only fold${o.runFolds > 1 ? 's' : ''} 1${o.runFolds > 1 ? `-${o.runFolds}` : ''} run` : '';
  const tables: PartyTable[] = [{ split: `validation folds (${o.folds} folds by voice, all four corpora but TESS in test${ran})`, rows: conditionTable(oof, decision) }];
  for (const corpus of [...new Set(bank.items.map((u) => u.corpus))].sort()) {
    const chosen = oof.filter((r) => r.corpus === corpus);
    if (chosen.length) tables.push({ split: `validation folds, ${corpus} voices only`, rows: conditionTable(chosen, decision) });
  }
  for (const corpus of o.loco) {
    const testSet = new Set(notHeld.filter((s) => bank.items.some((u) => u.speaker === s && u.corpus === corpus)));
    const trainSet = new Set(notHeld.filter((s) => !testSet.has(s)));
    const { head, records } = await trainAndScore(bank, trainSet, testSet, ctx, copies);
    head.model.dispose();
    const present = [...new Set(bank.items.filter((u) => u.corpus === corpus).map((u) => u.label))];
    tables.push({ split: `leave one corpus out: test ${corpus} (${testSet.size} voices), train the rest`, rows: conditionTable(records, decision, present) });
    o.log(`loco ${corpus} done (${((Date.now() - t0) / 60000).toFixed(1)} min)`);
  }
  let final: PartyHead | undefined;
  if (o.final) {
    const held = new Set(HELD_OUT_SPEAKERS);
    const { head, records } = await trainAndScore(bank, new Set(notHeld), held, ctx, copies);
    final = head;
    tables.push({ split: `HELD-OUT voices ${HELD_OUT_SPEAKERS.join(' ')} (reported once; model trained on every other voice)`, rows: conditionTable(records, decision) });
  }
  for (const t of tables) printTable(t, o.log);
  return { decision, tables, final, foldHeads, oof, seconds: (Date.now() - t0) / 1000 };
}
