/**
 * Writes the party head and its decision rule beside the shipped plain/adapted heads (which the
 * retraining pipeline keeps building on): `party.json` + metadata.decision + metadata.figures.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { saveModel } from '../model/fs-io';
import { LICENCE_NOTE_FOUR_CORPORA, modelMetadataSchema, type ModelMetadata } from '../model/metadata';
import type { FittedDecision } from './fit-decision';
import type { PartyTable } from './party-compare';
import { HELD_OUT_SPEAKERS } from './party-protocol';
import { PARTY_RECIPE, type PartyHead } from './party-recipe';

export const PARTY_FILE = 'party.json';

/** condition → measure → value, for metadata.figures (accuracy, neutral recall, "not neutral" precision, ECE). */
export function figuresOf(tables: readonly PartyTable[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const t of tables) {
    for (const r of t.rows) {
      const entry: Record<string, number> = { n: r.decided.n, accuracy: r.decided.accuracy, neutralRecall: r.decided.neutralRecall,
        notNeutralPrecision: r.decided.notNeutralPrecision, ece: r.decided.ece, rawAccuracy: r.raw.accuracy, rawEce: r.raw.ece };
      if (r.restricted !== undefined) entry.restrictedAccuracy = r.restricted;
      out[`${t.split} | ${r.condition} | ${r.variant === 'clean' ? 'wideband' : 'telephone'}`] = Object.fromEntries(Object.entries(entry).filter(([, v]) => Number.isFinite(v)));
    }
  }
  return out;
}

const recipeText = (): string => PARTY_RECIPE.members.map((o) => (o.hidden.length ? `MLP ${o.hidden.join('-')} (ReLU, dropout ${o.dropout})` : `logistic regression (L2 ${o.l2})`)).join(' + ');

export async function shipPartyHead(dir: string, head: PartyHead, decision: FittedDecision, tables: readonly PartyTable[], training: { rows: string; seconds: number; seed: number }): Promise<ModelMetadata> {
  const current = modelMetadataSchema.parse(JSON.parse(await fs.readFile(path.join(dir, 'metadata.json'), 'utf8')));
  const dim = head.global.mean.length;
  const metadata: ModelMetadata = {
    ...current,
    version: `emoqa-party-${new Date().toISOString().slice(0, 16).replace(/[-:]/g, '')}-s${training.seed}`,
    createdAt: new Date().toISOString(),
    decision: {
      kind: 'party-abs-rel',
      file: PARTY_FILE,
      architecture: `soft vote: ${recipeText()} on [global z | party-relative z] (${2 * dim} inputs)`,
      global: { mean: Array.from(head.global.mean), std: Array.from(head.global.std) },
      shrinkWindows: head.shrinkWindows,
      stdFloor: Array.from(head.stdFloor),
      temperature: decision.temperature,
      classWeights: decision.classWeights,
      uncertainBelow: decision.uncertainBelow,
      description: 'every window of a party: global z-score beside a z-score with the party\'s median and IQR/1.349, shrunk towards the global ones ' +
        `with ${head.shrinkWindows} windows of pseudo-count; then p ∝ p^(1/T) · classWeights (prior towards the mostly-neutral base rate of calls), fitted on validation voices`,
    },
    figures: figuresOf(tables),
    training: {
      ...current.training,
      data: `party head: ${training.rows}; held out, never trained on: ${HELD_OUT_SPEAKERS.join(', ')}. Plain/adapted heads: ${current.training.data}`,
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
