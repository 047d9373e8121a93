/**
 * One retraining, start to finish (run inside a worker thread): correction features from the
 * calls' audio, base data from the feature bank, a candidate trained on both (by default the
 * current model fine-tuned), it and the current model scored on held-out corrected calls and on
 * the base validation speakers, the gate applied, and the candidate written. The caller decides
 * what to offer.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EMOTIONS } from '../../electron/shared/domain';
import { EmoqaError } from '../../electron/shared/errors';
import type { EvalScore, RetrainReport } from '../../electron/shared/contract';
import { initBackend } from '../model/backend';
import { loadBaseData } from './base-data';
import type { PartyFeatures } from './correction-features';
import { baseRowsWithStats, correctionRows, evaluateHeads } from './evaluate';
import { cachedPartyFeatures } from './feature-store';
import { judge } from './gate';
import { disposeHeads, loadHeads, trainHeads, type PartyRow } from './heads';
import { POOLED_DIM } from '../model/pooling';
import type { RetrainRequest, RetrainResult } from './protocol';
import { splitByCall } from './split';
import { classBalancedWeights } from '../train/weighted-fit';
import { readSawValidation, writeCandidate } from './write-candidate';

export type ProgressFn = (stage: string, done: number, total: number, etaS: number | null) => void;

/** Rough training cost per row and epoch on one core (WASM backend), for the ETA before training starts. */
const SECONDS_PER_ROW_EPOCH = 1.6e-4;

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new EmoqaError('CANCELLED', 'retraining cancelled');
}

async function correctionFeatures(request: RetrainRequest, progress: ProgressFn, signal?: AbortSignal): Promise<PartyFeatures[]> {
  const parties: PartyFeatures[] = [];
  const t0 = Date.now();
  const cacheDir = request.cacheDir ? path.join(request.cacheDir, 'features') : null;
  for (const [i, party] of request.parties.entries()) {
    checkAborted(signal);
    progress('features', i, request.parties.length, i ? ((Date.now() - t0) / i / 1000) * (request.parties.length - i) : null);
    try {
      parties.push(await cachedPartyFeatures(party, cacheDir, signal));
    } catch (error) {
      if (error instanceof EmoqaError && error.code === 'CANCELLED') throw error;
      throw new EmoqaError('UNREADABLE', `${party.path} (channel ${party.channel}): ${(error as Error).message}`, { cause: error });
    }
  }
  return parties;
}

/** Trains one set of heads on `rows` (fine-tuning a fresh copy of the current model, or from scratch) and scores it. */
async function trainAndScore(request: RetrainRequest, rows: PartyRow[], correction: boolean[], minWindows: number,
  evalSets: PartyRow[][], onEpoch: () => void, signal?: AbortSignal) {
  const { config } = request;
  const weights = classBalancedWeights(rows.map((r, i) => ({ label: r.label, correction: correction[i] })), EMOTIONS.length, config.correctionWeight);
  let init = config.fineTune ? (await loadHeads(request.current.dir)).heads : undefined;
  // A model of an older pooling version reads fewer inputs than the rows carry: train afresh.
  if (init && init.dim !== POOLED_DIM) {
    disposeHeads(init);
    init = undefined;
  }
  const recipe = init ? { ...config.recipe, epochs: config.fineTuneEpochs, learningRate: config.fineTuneLearningRate } : config.recipe;
  const heads = await trainHeads(rows, { recipe, init, seed: config.seed, minWindows, weights, onEpoch, signal });
  const scores = [];
  for (const set of evalSets) scores.push(await evaluateHeads(heads, set));
  return { heads, scores, epochs: recipe.epochs };
}

async function readControl(file: string | null): Promise<EvalScore | null> {
  if (!file) return null;
  return fs.readFile(file, 'utf8').then((text) => JSON.parse(text) as EvalScore, () => null);
}

export async function runRetrain(request: RetrainRequest, progress: ProgressFn = () => undefined, signal?: AbortSignal): Promise<RetrainResult> {
  const t0 = Date.now();
  const { config } = request;
  await initBackend();
  const split = splitByCall(request.parties.map((p) => p.recordingId), config.heldOutShare);
  if (split.heldOut.length === 0 || split.train.length === 0) {
    throw new EmoqaError('INVALID_ARGUMENT', 'retraining needs corrections on at least 2 calls (some train, at least one judges the result)');
  }
  const parties = await correctionFeatures(request, progress, signal);
  const heldOutIds = new Set(split.heldOut);
  const heldOut = correctionRows(parties.filter((p) => heldOutIds.has(p.recordingId)));
  const trainCorrections = correctionRows(parties.filter((p) => !heldOutIds.has(p.recordingId)));
  if (trainCorrections.length < config.minTrainWindows) {
    throw new EmoqaError('INVALID_ARGUMENT', `only ${trainCorrections.length} correction windows in the training calls; at least ${config.minTrainWindows} are needed`);
  }

  checkAborted(signal);
  progress('base data', 0, 1, null);
  const base = await loadBaseData(request.bankFile, { datasets: request.datasets });
  const validation = baseRowsWithStats(base.validation);
  const baseRows = baseRowsWithStats(base.train);
  const current = await loadHeads(request.current.dir);
  const minWindows = current.metadata.adaptation?.minWindows ?? 8;
  const before = { corrections: await evaluateHeads(current.heads, heldOut), base: await evaluateHeads(current.heads, validation) };
  disposeHeads(current.heads);
  // Did the current model hear the validation voices? Then its base score flatters it, and the
  // candidate is compared with a control made the same way without corrections.
  const currentSaw = request.current.source === 'shipped' ? base.header.validationSeenByShipped : await readSawValidation(request.current.dir);
  const controlKey = createHash('sha1').update(JSON.stringify([request.current.version, base.header.createdAt, base.source, base.train.length, config])).digest('hex').slice(0, 16);
  const controlFile = request.cacheDir ? path.join(request.cacheDir, `control-${controlKey}.json`) : null;
  const cachedControl = currentSaw ? await readControl(controlFile) : null;

  const rows = [...baseRows, ...trainCorrections];
  const correction = rows.map((_, i) => i >= baseRows.length);
  const perHead = config.fineTune ? config.fineTuneEpochs : config.recipe.epochs;
  const epochs = perHead * 2 * (currentSaw && !cachedControl ? 2 : 1);
  let epochsDone = 0;
  const trainStart = Date.now();
  const onEpoch = (): void => {
    epochsDone += 1;
    progress('training', epochsDone, epochs, ((Date.now() - trainStart) / 1000 / epochsDone) * (epochs - epochsDone));
  };
  progress('training', 0, epochs, epochs * rows.length * SECONDS_PER_ROW_EPOCH);
  const candidate = await trainAndScore(request, rows, correction, minWindows, [heldOut, validation], onEpoch, signal);
  try {
    const after = { corrections: candidate.scores[0], base: candidate.scores[1] };
    let reference: RetrainReport['baseReference'] = { kind: 'current', score: before.base.score };
    if (currentSaw) {
      let score = cachedControl;
      if (!score) {
        const control = await trainAndScore(request, baseRows, baseRows.map(() => false), minWindows, [validation], onEpoch, signal);
        disposeHeads(control.heads);
        score = control.scores[0].score;
        if (controlFile) await fs.mkdir(path.dirname(controlFile), { recursive: true }).then(() => fs.writeFile(controlFile, JSON.stringify(score)));
      }
      reference = { kind: 'control', score };
    }
    const verdict = judge({ before: before.corrections.score, after: after.corrections.score, base: after.base.score, reference: reference.score }, config);
    const report: RetrainReport = {
      version: request.version,
      parent: request.current.version,
      data: {
        corrections: request.parties.reduce((s, p) => s + p.spans.length, 0),
        trainCalls: split.train.length,
        heldOutCalls: split.heldOut.length,
        trainWindows: trainCorrections.length,
        heldOutWindows: heldOut.length,
        baseRows: baseRows.length,
        baseSource: base.source,
        correctionWeight: config.correctionWeight,
        validationSpeakers: base.header.validationSpeakers,
      },
      before: { corrections: before.corrections.score, base: before.base.score },
      after: { corrections: after.corrections.score, base: after.base.score },
      baseReference: reference,
      thresholds: { minCorrectionGain: config.minCorrectionGain, maxBaseDrop: config.maxBaseDrop },
      accepted: verdict.accepted,
      reasons: verdict.reasons,
      epochs: candidate.epochs,
      seconds: (Date.now() - t0) / 1000,
    };
    checkAborted(signal);
    progress('saving', 0, 1, 1);
    await writeCandidate(request.outDir, {
      parent: current.metadata, heads: candidate.heads, recipe: config.recipe, report, confusion: after.corrections.confusion,
      baseDescription: `${base.train.length} base rows (${base.source}: ${base.header.source})`, trainRows: rows.length, seed: config.seed,
      fineTuned: config.fineTune, sawValidationSpeakers: config.fineTune && currentSaw,
    });
    return { report, confusion: after.corrections.confusion };
  } finally {
    disposeHeads(candidate.heads);
  }
}
