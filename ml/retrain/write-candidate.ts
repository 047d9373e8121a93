/**
 * Writes a retrained model in the shipped format (model.json, adapted.json, party.json when the
 * parent has a party head, weights, metadata.json) so analysis loads it like any other and decides
 * with the same rule (the parent's temperature, prior and uncertain threshold), plus retrain.json: the report that judged it and what
 * trained it. Written to a temporary sibling and renamed: a folder is complete or absent.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RetrainReport } from '../../electron/shared/contract';
import { saveModel } from '../model/fs-io';
import { LICENCE_NOTE, type ModelMetadata } from '../model/metadata';
import { POOLED_DIM } from '../model/pooling';
import type { Heads, HeadRecipe } from './heads';
import type { CorrectionMemory } from '../model/correction-memory';
import { writeMemory } from '../model/memory-file';

const MEMORY_FILE = 'memory.json';

export interface CandidateInfo {
  parent: ModelMetadata;
  heads: Heads;
  recipe: HeadRecipe;
  report: RetrainReport;
  confusion: number[][];
  baseDescription: string;
  trainRows: number;
  seed: number;
  /** Fine-tuned from `parent` (same layers) rather than new heads built with `recipe`. */
  fineTuned: boolean;
  /** A model fine-tuned from one that heard the validation speakers inherits that. */
  sawValidationSpeakers: boolean;
  /** The corrected windows blended with the party head (null: none). */
  memory?: CorrectionMemory | null;
  /** The parent's party head kept as it is (only the memory is new). */
  headKept?: boolean;
}

/** Whether a retrained model (its folder's retrain.json) heard the base validation speakers. */
export async function readSawValidation(dir: string): Promise<boolean> {
  try {
    const saved = JSON.parse(await fs.readFile(path.join(dir, 'retrain.json'), 'utf8')) as { sawValidationSpeakers?: unknown };
    return saved.sawValidationSpeakers === true;
  } catch {
    return false;
  }
}

function reportEntry(score: { accuracy: number; macroF1: number; n: number }): ModelMetadata['metrics'][string] {
  return { n: score.n, accuracy: score.accuracy, macroF1: score.macroF1, recall: {} };
}

export function candidateMetadata(info: CandidateInfo): ModelMetadata {
  const { parent, heads, recipe, report } = info;
  const layers = `dense ${POOLED_DIM}-${recipe.hidden.join('-')}-7, ReLU, dropout ${recipe.dropout}`;
  // With a party head only it is fine-tuned (analysis runs it alone); the other heads stay the parent's.
  const tuned = heads.party ? 'kept from the parent' : 'fine-tuned';
  const plainArchitecture = info.fineTuned ? `${parent.model.architecture} (${tuned})` : layers;
  const adaptedArchitecture = info.fineTuned && parent.adaptation ? `${parent.adaptation.architecture} (${tuned})` : `${layers} on per-party z-scores`;
  return {
    ...parent,
    // The parent's decision rule with the fine-tuned party head; its figures were measured on the parent.
    decision: heads.party ? { ...heads.party.decision, architecture: `${heads.party.decision.architecture}${info.headKept ? '' : ' (fine-tuned)'}` } : undefined,
    memory: info.memory && heads.party ? {
      file: MEMORY_FILE, windows: info.memory.rows.length,
      description: `${info.memory.rows.length} corrected windows of ${info.memory.voices?.centres.length ?? 'unrecorded'} voices, ${info.memory.rule.k} nearest of the party's own voice on the ${info.memory.rule.space} half, blended with the party head ` +
        `(at most ${info.memory.rule.maxWeight}, half at kernel support ${info.memory.rule.halfSupport}, bandwidth ${info.memory.rule.bandwidth} z)`,
    } : undefined,
    figures: undefined,
    version: report.version,
    createdAt: new Date().toISOString(),
    normalisation: { mean: Array.from(heads.global.mean), std: Array.from(heads.global.std) },
    model: { file: 'model.json', architecture: plainArchitecture, parameters: heads.plain.countParams() },
    adaptation: heads.adapted ? {
      file: 'adapted.json',
      architecture: adaptedArchitecture,
      stdFloor: Array.from(heads.adaptFloor),
      minWindows: heads.minWindows,
      description: 'z-score every pooled vector with the mean/std of the same party over its windows',
    } : undefined,
    training: {
      data: `${info.baseDescription} + ${report.data.corrections} reviewer corrections from ${report.data.trainCalls} calls ` +
        `(${report.data.trainWindows} windows, weight ${report.data.correctionWeight}×, classes balanced)`,
      rows: info.trainRows,
      augmentation: [],
      seed: info.seed,
      epochs: recipe.epochs,
      durationS: Math.round(report.seconds),
    },
    split: `retrained from ${report.parent} on all corrections; judged by cross-validation over ${report.data.heldOutCalls} corrected calls (by call) and ` +
      `base validation speakers ${report.data.validationSpeakers.join(', ')} (never trained on)`,
    metrics: {
      'corrections/cross-validated-by-call': reportEntry(report.after.corrections),
      'base/validation-speakers': reportEntry(report.after.base),
    },
    licence: `${LICENCE_NOTE} Retrained with this call centre's own corrections.`,
  };
}

export async function writeCandidate(outDir: string, info: CandidateInfo): Promise<void> {
  const tmp = `${outDir}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await saveModel(info.heads.plain, tmp, 'model.json');
  if (info.heads.adapted) await saveModel(info.heads.adapted, tmp, 'adapted.json');
  if (info.heads.party) await saveModel(info.heads.party.model, tmp, info.heads.party.decision.file);
  if (info.memory && info.heads.party) await writeMemory(tmp, MEMORY_FILE, info.memory);
  await fs.writeFile(path.join(tmp, 'metadata.json'), JSON.stringify(candidateMetadata(info), null, 2) + '\n');
  await fs.writeFile(path.join(tmp, 'retrain.json'), JSON.stringify({ report: info.report, confusion: info.confusion, sawValidationSpeakers: info.sawValidationSpeakers }, null, 2) + '\n');
  await fs.mkdir(path.dirname(outDir), { recursive: true });
  await fs.rm(outDir, { recursive: true, force: true });
  await fs.rename(tmp, outDir);
}
