/**
 * Writes the party head and its decision rule beside the shipped plain/adapted heads (which the
 * retraining pipeline keeps building on): `party.json` + metadata.decision + metadata.figures.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SEQUENCE } from '../model/frame-sequence';
import { saveModel } from '../model/fs-io';
import { LICENCE_NOTE_FOUR_CORPORA, modelMetadataSchema, partyFigureSchema, type CallFigure, type ModelMetadata, type PartyFigure } from '../model/metadata';
import type { CallRule } from '../model/call-rule';
import type { FittedDecision } from './fit-decision';
import type { PartyTable } from './party-compare';
import { HELD_OUT_SPEAKERS } from './party-protocol';
import type { PartyHead } from './party-recipe';

export const PARTY_FILE = 'party.json';

/** split | condition | band → measures (accuracy, neutral recall, "not neutral" precision, ECE) and the confusion counts. */
export function figuresOf(tables: readonly PartyTable[]): Record<string, PartyFigure> {
  const out: Record<string, PartyFigure> = {};
  for (const t of tables) {
    for (const r of t.rows) {
      const entry: Record<string, number> = { n: r.decided.n, accuracy: r.decided.accuracy, neutralRecall: r.decided.neutralRecall,
        notNeutralPrecision: r.decided.notNeutralPrecision, ece: r.decided.ece, rawAccuracy: r.raw.accuracy, rawEce: r.raw.ece };
      if (r.restricted !== undefined) entry.restrictedAccuracy = r.restricted;
      const measures = Object.fromEntries(Object.entries(entry).filter(([, v]) => Number.isFinite(v)));
      out[`${t.split} | ${r.condition} | ${r.variant === 'clean' ? 'wideband' : 'telephone'}`] = partyFigureSchema.parse({ ...measures, confusion: r.confusion });
    }
  }
  return out;
}

/** Measures of `next` that differ from `previous` by more than `tolerance` (keys missing on either side included). */
export function figureDifferences(previous: Record<string, PartyFigure>, next: Record<string, PartyFigure>, tolerance = 1e-9): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    const a = previous[key], b = next[key];
    if (!a || !b) {
      out.push(`${key}: only in ${a ? 'the shipped' : 'the new'} figures`);
      continue;
    }
    for (const m of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (m === 'confusion') continue;
      const x = a[m], y = b[m];
      if (x === undefined || y === undefined || Math.abs(x - y) > tolerance) out.push(`${key} | ${m}: ${x} -> ${y}`);
    }
  }
  return out;
}

/**
 * Rewrites only metadata.figures of the model in `dir` (its head and decision block stay): for
 * adding measures to a shipped model by re-running its protocol. Returns the differences found.
 */
export async function refreshFigures(dir: string, decision: FittedDecision, tables: readonly PartyTable[]): Promise<string[]> {
  const file = path.join(dir, 'metadata.json');
  const raw: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  const current = modelMetadataSchema.parse(raw);
  const shipped = current.decision;
  const notes: string[] = [];
  if (!shipped || shipped.temperature !== decision.temperature || shipped.uncertainBelow !== decision.uncertainBelow || shipped.classWeights.join() !== decision.classWeights.join()) {
    notes.push(`decision differs from the shipped one: T ${decision.temperature}, weights ${decision.classWeights.join(' ')}, uncertain ${decision.uncertainBelow}`);
  }
  const figures = figuresOf(tables);
  notes.push(...figureDifferences(current.figures ?? {}, figures));
  // The file's own key order is kept (figures replaced in place), so the diff shows only the figures.
  const metadata = { ...z.record(z.string(), z.unknown()).parse(raw), figures };
  modelMetadataSchema.parse(metadata);
  await fs.writeFile(file, JSON.stringify(metadata, null, 2) + '\n');
  return notes;
}

const PLAIN_HEADS = 'Plain/adapted heads: ';

/** What trained the party head, then what trained the plain/adapted heads (carried over: only the last ship's party head is named). */
export function partyTrainingData(partyRows: string, previous: string): string {
  const at = previous.lastIndexOf(PLAIN_HEADS);
  const plain = at < 0 ? previous : previous.slice(at + PLAIN_HEADS.length);
  return `party head: ${partyRows}; held out, never trained on: ${HELD_OUT_SPEAKERS.join(', ')}. ${PLAIN_HEADS}${plain}`;
}

export async function shipPartyHead(dir: string, head: PartyHead, decision: FittedDecision, tables: readonly PartyTable[], training: { rows: string; seconds: number; seed: number }): Promise<ModelMetadata> {
  // The product cuts pooled statistics or frame sequences; the study's Conv1D (the 184 means) is measured, never shipped.
  if (head.family === 'study-conv1d') throw new Error('the study Conv1D head is for the comparison only: the product does not read the 184 means (and it is over the CPU budget)');
  const current = modelMetadataSchema.parse(JSON.parse(await fs.readFile(path.join(dir, 'metadata.json'), 'utf8')));
  const sequence = head.family === 'frame-sequence' ? { sequence: { steps: SEQUENCE.steps, stride: SEQUENCE.stride, channels: SEQUENCE.channels } } : {};
  const metadata: ModelMetadata = {
    ...current,
    version: `emoqa-party-${new Date().toISOString().slice(0, 16).replace(/[-:]/g, '')}-s${training.seed}`,
    createdAt: new Date().toISOString(),
    decision: {
      kind: 'party-abs-rel',
      file: PARTY_FILE,
      architecture: head.architecture,
      global: { mean: Array.from(head.global.mean), std: Array.from(head.global.std) },
      shrinkWindows: head.shrinkWindows,
      stdFloor: Array.from(head.stdFloor),
      temperature: decision.temperature,
      classWeights: decision.classWeights,
      uncertainBelow: decision.uncertainBelow,
      description: 'every window of a party: global z-score beside a z-score with the party\'s median and IQR/1.349, shrunk towards the global ones ' +
        `with ${head.shrinkWindows} windows of pseudo-count; then p ∝ p^(1/T) · classWeights (prior towards the mostly-neutral base rate of calls), fitted on validation voices`,
      ...sequence,
    },
    figures: figuresOf(tables),
    // The previous head's calls say nothing of this one: evaluate:calls --record and calibrate-calls --ship add them again.
    callFigures: undefined,
    training: {
      ...current.training,
      data: partyTrainingData(training.rows, current.training.data),
      durationS: Math.round(training.seconds),
      seed: training.seed,
    },
    split: `party head: validation folds by voice over RAVDESS, Emo-DB and URDU (TESS always trains), parties drawn as calls have them (one emotion, 75% neutral, arc, balanced) and single utterances; held-out voices ${HELD_OUT_SPEAKERS.join(', ')} reported once. ${current.split}`,
    licence: LICENCE_NOTE_FOUR_CORPORA,
  };
  modelMetadataSchema.parse(metadata);
  await saveModel(head.model, dir, PARTY_FILE);
  await fs.writeFile(path.join(dir, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
  return metadata;
}

/** Adds (or replaces) call figures in the model in `dir`'s metadata (callFigures), everything else kept as it is. */
export async function recordCallFigures(dir: string, entries: Readonly<Record<string, CallFigure>>): Promise<void> {
  const file = path.join(dir, 'metadata.json');
  const raw = z.record(z.string(), z.unknown()).parse(JSON.parse(await fs.readFile(file, 'utf8')));
  const current = modelMetadataSchema.parse(raw);
  const metadata = { ...raw, callFigures: { ...current.callFigures, ...entries } };
  modelMetadataSchema.parse(metadata);
  await fs.writeFile(file, JSON.stringify(metadata, null, 2) + '\n');
}

/**
 * Replaces the decision rule of the model in `dir` (head, statistics and figures stay) with one
 * fitted through the call path (bench/calibrate-calls.ts), and says how in `decision.calibration`.
 */
export async function writeCallRule(dir: string, rule: CallRule, calibration: string): Promise<void> {
  const file = path.join(dir, 'metadata.json');
  const raw: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  const current = modelMetadataSchema.parse(raw);
  if (!current.decision) throw new Error(`${dir}: no party decision rule to replace`);
  const decision = { ...current.decision, temperature: rule.temperature, classWeights: [...rule.classWeights], uncertainBelow: rule.uncertainBelow,
    partyPrior: rule.partyPrior, partyBlend: rule.partyBlend, shownTemperature: rule.shownTemperature, calibration };
  // The file's own key order is kept (decision replaced in place), so the diff shows only the rule.
  const metadata = { ...z.record(z.string(), z.unknown()).parse(raw), decision };
  modelMetadataSchema.parse(metadata);
  await fs.writeFile(file, JSON.stringify(metadata, null, 2) + '\n');
}
