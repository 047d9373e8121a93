/**
 * One retraining, start to finish (run inside a worker thread): correction features from the
 * calls' audio, base data from the feature bank; the recipe judged by cross-validation by call
 * (per fold a candidate trained on the base data and the other folds' corrections, by default the
 * current model fine-tuned, scored beside the current model on the fold's windows, all folds
 * pooled); then the version that ships trained on ALL corrections, scored on the base validation
 * speakers; the gate applied and that version written. The caller decides what to offer.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EMOTIONS, type Emotion } from '../../electron/shared/domain';
import { EmoqaError } from '../../electron/shared/errors';
import type { EvalScore, RetrainJudging, RetrainReport } from '../../electron/shared/contract';
import { argmax, classificationReport } from '../train/metrics';
import { initBackend } from '../model/backend';
import { loadBaseData, replaySample } from './base-data';
import type { PartyCorrections, PartyFeatures } from './correction-features';
import { baseRowsWithStats, correctionRows, evaluateHeads, evaluateMemories } from './evaluate';
import { planFolds, poolHeldOut, type HeldOutWindow } from './cross-validate';
import { cachedPartyFeatures } from './feature-store';
import { baseReferenceFor, fallsBackToMemory, judge, rulesTheBaseAllows } from './gate';
import { disposeHeads, headsTrained, loadHeads, predictHeads, trainHeads, type Heads, type PartyRow } from './heads';
import { POOLED_DIM } from '../model/pooling';
import type { RetrainRequest, RetrainResult } from './protocol';
import { classBalancedWeights } from '../train/weighted-fit';
import { readSawValidation, writeCandidate } from './write-candidate';
import { chooseMemory, MEMORY_GRID, memoryOf, voiceGroups, type JudgedWindow, type MemoryChoice } from './memory-rule';
import { chooseGuarded } from './voice-guard';
import { partyHeadInputs, partyVoices } from './party-head';

export type ProgressFn = (stage: string, done: number, total: number, etaS: number | null) => void;

/** Rough training cost per row and epoch on one core (WASM backend), for the ETA before training starts. */
const SECONDS_PER_ROW_EPOCH = 1.6e-4;

/** The by-voice guard of fine-tuning trains at most this many versions (each without a third of the voices or more). */
const VOICE_FOLDS = 3;

/** Corrected windows kept in a version's memory, at most: the search costs rows × windows (an hour of one party, 2,400 windows: 7 s at 500 rows, 33 s at 4,000, on this 2-core machine at load 15). */
const MEMORY_MAX_ROWS = 2000;

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

/**
 * Trains one set of heads on `rows` (fine-tuning a fresh copy of the current model, or from scratch),
 * `correction` marking the reviewers' rows among the base ones. The one recipe for every fold, the
 * shipped version, the control and the benches.
 */
export async function trainCandidate(request: Pick<RetrainRequest, 'config' | 'current'>, rows: PartyRow[], correction: boolean[], minWindows: number,
  onEpoch: () => void, signal?: AbortSignal): Promise<{ heads: Heads; epochs: number }> {
  const { config } = request;
  const weights = classBalancedWeights(rows.map((r, i) => ({ label: r.label, correction: correction[i], recency: r.recency })), EMOTIONS.length, config.correctionWeight);
  let init = config.fineTune ? (await loadHeads(request.current.dir)).heads : undefined;
  // A model of an older pooling version reads fewer inputs than the rows carry: train afresh.
  if (init && init.dim !== POOLED_DIM) {
    disposeHeads(init);
    init = undefined;
  }
  const recipe = init ? { ...config.recipe, epochs: config.fineTuneEpochs, learningRate: config.fineTuneLearningRate } : config.recipe;
  const heads = await trainHeads(rows, { recipe, init, seed: config.seed, minWindows, weights, fineTuneKeep: config.fineTuneKeep, onEpoch, signal });
  return { heads, epochs: recipe.epochs };
}

async function posteriorsOf(heads: Heads, rows: readonly PartyRow[]): Promise<Float32Array[]> {
  return rows.length ? predictHeads(heads, rows) : [];
}

async function readControl(file: string | null): Promise<EvalScore | null> {
  if (!file) return null;
  return fs.readFile(file, 'utf8').then((text) => JSON.parse(text) as EvalScore, () => null);
}

function scoreOf(truth: readonly number[], predicted: readonly number[]): { score: EvalScore; confusion: number[][] } {
  const report = classificationReport(truth, predicted, EMOTIONS.length);
  return { score: { accuracy: report.accuracy, macroF1: report.macroF1, n: report.n }, confusion: report.confusion };
}

/**
 * 0.5 for every `halfLifeDays` since the call's newest label (1 without a date or a half-life), counted
 * in whole days: the same labels retrained minutes later weigh the same, and so train to the same version
 * (an age in milliseconds moved the weights in their last float32 digits, which training can carry to borderline windows).
 */
export function recencyOf(parties: readonly PartyCorrections[], halfLifeDays: number, now: number): number {
  const newest = Math.max(...parties.map((p) => (p.labelledAt ? Date.parse(p.labelledAt) : Number.NaN)).filter(Number.isFinite));
  if (!(halfLifeDays > 0) || !Number.isFinite(newest)) return 1;
  return 0.5 ** (Math.floor(Math.max(0, now - newest) / 86_400_000) / halfLifeDays);
}

export async function runRetrain(request: RetrainRequest, progress: ProgressFn = () => undefined, signal?: AbortSignal): Promise<RetrainResult> {
  const t0 = Date.now();
  const { config } = request;
  await initBackend();
  // Calls are keyed by their place in the request (the library sends them in content-hash order), not
  // by their random recording ids: folds, pooling and the bootstrap then see the same recordings the
  // same way in any library, and the same corrections retrain to the same version.
  const recordingIds = [...new Set(request.parties.map((p) => p.recordingId))];
  const keyOf = new Map(recordingIds.map((id, i) => [id, `call-${String(i).padStart(6, '0')}`]));
  const idOf = new Map([...keyOf].map(([id, key]) => [key, id]));
  const callIds = [...keyOf.values()];
  const partiesOf = <T extends { recordingId: string }>(list: readonly T[], key: string): T[] => list.filter((p) => keyOf.get(p.recordingId) === key);
  if (callIds.length < 2) {
    throw new EmoqaError('INVALID_ARGUMENT', `retraining needs corrections on at least 2 calls (each is judged by a version trained on the others); there are corrections on ${callIds.length}`);
  }
  const parties = await correctionFeatures(request, progress, signal);
  const byCall = new Map(callIds.map((id) => {
    const recency = recencyOf(partiesOf(request.parties, id), config.recencyHalfLifeDays, t0);
    return [id, correctionRows(partiesOf(parties, id)).map((r) => ({ ...r, recency }))];
  }));
  const judged = callIds.filter((id) => (byCall.get(id)?.length ?? 0) > 0);
  const allCorrections = judged.flatMap((id) => byCall.get(id) ?? []);
  if (judged.length < 2 || allCorrections.length < config.minTrainWindows) {
    throw new EmoqaError('INVALID_ARGUMENT', `only ${allCorrections.length} correction windows on ${judged.length} call(s); at least ${config.minTrainWindows} windows on 2 calls are needed`);
  }
  const plan = planFolds(judged, config.folds);

  checkAborted(signal);
  progress('base data', 0, 1, null);
  const base = await loadBaseData(request.bankFile, { datasets: request.datasets });
  const validation = baseRowsWithStats(base.validation);
  // Statistics over every row of a voice, then the sample replayed.
  const baseRows = replaySample(baseRowsWithStats(base.train), config.baseReplayRows, config.seed);
  const current = await loadHeads(request.current.dir);
  const minWindows = current.metadata.adaptation?.minWindows ?? 8;
  const beforeBase = await evaluateHeads(current.heads, validation);
  // The current model's party head without its own memory (that memory holds these very windows).
  const currentPosteriors = new Map<string, Float32Array[]>();
  for (const id of judged) currentPosteriors.set(id, await posteriorsOf(current.heads, byCall.get(id) ?? []));
  const inputState = current.heads.party;
  // Voices are not known: parties alike on average are one (the by-voice guard).
  const groups = voiceGroups(parties.map((p) => p.robust.mean), inputState?.global ?? current.heads.global);
  const voiceOf = new Map(parties.map((p, i) => [p.robust, groups[i]]));
  // Did the current model hear the validation voices? Then its base score flatters it, and the
  // candidate is compared with a control made the same way without corrections.
  const currentSaw = request.current.source === 'shipped' ? base.header.validationSeenByShipped : await readSawValidation(request.current.dir);
  // Keyed by what trains it (base rows only), not by the gate's thresholds: a stricter gate reuses it.
  const recipe = [config.seed, config.fineTune, config.fineTuneEpochs, config.fineTuneLearningRate, config.fineTuneKeep, config.recipe, config.baseReplayRows];
  const controlKey = createHash('sha1').update(JSON.stringify([request.current.version, base.header.createdAt, base.source, base.train.length, recipe])).digest('hex').slice(0, 16);
  const controlFile = request.cacheDir ? path.join(request.cacheDir, `control-${controlKey}.json`) : null;
  const cachedControl = currentSaw ? await readControl(controlFile) : null;

  const perHead = config.fineTune ? config.fineTuneEpochs : config.recipe.epochs;
  const trainings = plan.folds.length + 1 + (currentSaw && !cachedControl ? 1 : 0);
  const perTraining = perHead * (config.fineTune ? headsTrained(current.heads) : 2);
  let epochs = perTraining * trainings;
  let epochsDone = 0;
  const trainStart = Date.now();
  const onEpoch = (): void => {
    epochsDone += 1;
    progress('training', epochsDone, epochs, ((Date.now() - trainStart) / 1000 / epochsDone) * (epochs - epochsDone));
  };
  progress('training', 0, epochs, epochs * (baseRows.length + allCorrections.length) * SECONDS_PER_ROW_EPOCH);
  const withCorrections = (corrections: PartyRow[]): { rows: PartyRow[]; correction: boolean[] } => ({
    rows: [...baseRows, ...corrections], correction: [...baseRows.map(() => false), ...corrections.map(() => true)],
  });

  // Cross-validation: every corrected window judged by a candidate that never heard its call.
  const judgedWindows: JudgedWindow[] = [];
  const judgedRows: PartyRow[] = [];
  for (const fold of plan.folds) {
    const held = new Set(fold);
    const train = withCorrections(judged.filter((id) => !held.has(id)).flatMap((id) => byCall.get(id) ?? []));
    const candidate = await trainCandidate(request, train.rows, train.correction, minWindows, onEpoch, signal);
    try {
      for (const id of fold) {
        const rows = byCall.get(id) ?? [];
        const predicted = await posteriorsOf(candidate.heads, rows);
        const was = currentPosteriors.get(id) ?? [];
        const inputs = inputState ? partyHeadInputs(inputState, rows) : rows.map(() => new Float32Array(0));
        const centres = inputState ? partyVoices(inputState, rows) : rows.map(() => new Float32Array(0));
        judgedRows.push(...rows);
        rows.forEach((r, i) => judgedWindows.push({
          call: id, voice: r.robust ? voiceOf.get(r.robust) ?? 0 : 0, label: r.label, input: inputs[i], centre: centres[i], recency: r.recency ?? 1, current: was[i], candidate: predicted[i],
        }));
      }
    } finally {
      disposeHeads(candidate.heads);
    }
  }
  // The memory a version ships with: the newest corrected windows (analysis compares every window with every row).
  const newest = [...judgedWindows].sort((x, y) => y.recency - x.recency).slice(0, MEMORY_MAX_ROWS);
  // A memory blends corrected windows into every window near them, base voices too: a rule whose memory
  // costs the base voices more than the gate allows (on the current head, against itself) is not offered.
  const rules = config.memory ? MEMORY_GRID : [];
  const baseWith = (await evaluateMemories(current.heads, validation, rules.map((rule) => memoryOf(rule, newest)))).map((e) => e.score);
  const grid = rulesTheBaseAllows(rules, baseWith, beforeBase.score, config.maxBaseDrop);
  disposeHeads(current.heads);
  // The head (fine-tuned, or the current one kept) and its correction memory, chosen on these folds.
  const choice = await chooseGuarded(judgedWindows, judgedRows, {
    guard: Boolean(inputState) && config.fineTune, grid, folds: Math.min(config.folds, VOICE_FOLDS),
    train: async (corrections) => {
      epochs += perTraining;
      const train = withCorrections(corrections);
      return (await trainCandidate(request, train.rows, train.correction, minWindows, onEpoch, signal)).heads;
    },
    predict: posteriorsOf, dispose: disposeHeads,
  });
  const truth = judgedWindows.map((w) => w.label);
  const before = judgedWindows.map((w) => argmax(w.current));
  const cvBefore = scoreOf(truth, before);
  // Did the current model hear the validation voices? Then the base reference is a control made the same way without corrections.
  const baseReference = async (): Promise<RetrainReport['baseReference']> => {
    if (!currentSaw) return { kind: 'current', score: beforeBase.score };
    let score = cachedControl;
    if (!score) {
      const control = await trainCandidate(request, baseRows, baseRows.map(() => false), minWindows, onEpoch, signal);
      score = (await evaluateHeads(control.heads, validation)).score;
      disposeHeads(control.heads);
      if (controlFile) await fs.mkdir(path.dirname(controlFile), { recursive: true }).then(() => fs.writeFile(controlFile, JSON.stringify(score)));
    }
    return { kind: 'control', score };
  };
  const all = withCorrections(allCorrections);
  let tunedReference: RetrainReport['baseReference'] | null = null;
  /** A (head, memory) choice made into the version that would ship, scored and judged. */
  const judgeChoice = async (choice: MemoryChoice) => {
    const windows: HeldOutWindow[] = judgedWindows.map((w, i) => ({ recordingId: w.call, label: w.label, before: before[i] === w.label, after: choice.predicted[i] === w.label }));
    const memory = choice.rule ? memoryOf(choice.rule, newest) : null;
    const pooled = poolHeldOut(windows, { resamples: config.bootstrapResamples, coverage: 0.9, seed: config.seed, nClasses: EMOTIONS.length, margin: config.minCorrectionGain });
    const cvAfter = scoreOf(truth, choice.predicted);
    // The version that ships learns from every correction.
    const shipped = choice.head === 'current' ? { heads: (await loadHeads(request.current.dir)).heads, epochs: 0 }
      : await trainCandidate(request, all.rows, all.correction, minWindows, onEpoch, signal);
    const afterBase = await evaluateHeads(shipped.heads, validation, memory);
    const reference = await baseReferenceFor(choice.head, beforeBase.score, async () => (tunedReference ??= await baseReference()));
    const verdict = judge({
      unheardVoices: choice.byVoice, voices: choice.voices,
      before: cvBefore.score, after: cvAfter.score, interval: pooled.interval, probabilityBetter: pooled.probabilityBetter, calls: pooled.calls,
      base: afterBase.score, reference: reference.score,
    }, config);
    return { choice, memory, pooled, cvAfter, shipped, afterBase, reference, verdict };
  };
  let decided = await judgeChoice(choice);
  // A fine-tuned head that forgets the base voices need not cost the reviewers their corrections:
  // the current head kept with a memory of them (chosen on the same folds, guarded by voice) is judged instead.
  // The guard weighed the same choice already; without the guard it is made here, only when needed.
  let kept: MemoryChoice | undefined;
  const keptWithMemory = (): MemoryChoice => (kept ??= choice.kept ?? chooseMemory(judgedWindows, { heads: ['current'], grid, guard: true }));
  if (fallsBackToMemory(decided.verdict, choice.head, () => Boolean(keptWithMemory().rule))) {
    const fallback = await judgeChoice(keptWithMemory());
    if (fallback.verdict.accepted) {
      disposeHeads(decided.shipped.heads);
      decided = fallback;
    } else {
      disposeHeads(fallback.shipped.heads);
    }
  }
  const { choice: chosen, memory, pooled, cvAfter, shipped, afterBase, verdict } = decided;
  try {
    const judging: RetrainJudging = {
      method: plan.method, folds: plan.folds.length, calls: pooled.calls, windows: pooled.windows,
      classes: Object.fromEntries(EMOTIONS.map((e, i) => [e, pooled.classes[i]]).filter(([, n]) => Number(n) > 0)) as Partial<Record<Emotion, number>>,
      gain: pooled.gain, interval: pooled.interval, coverage: 0.9, probabilityBetter: pooled.probabilityBetter,
      perCall: pooled.perCall.map((c) => {
        const recordingId = idOf.get(c.recordingId) ?? c.recordingId;
        return { ...c, recordingId, name: path.basename(request.parties.find((p) => p.recordingId === recordingId)?.path ?? recordingId) };
      }),
    };
    const report: RetrainReport = {
      version: request.version,
      parent: request.current.version,
      data: {
        corrections: request.parties.reduce((s, p) => s + p.spans.length, 0),
        trainCalls: judged.length,
        heldOutCalls: pooled.calls,
        trainWindows: allCorrections.length,
        heldOutWindows: pooled.windows,
        baseRows: baseRows.length,
        baseSource: base.source,
        correctionWeight: config.correctionWeight,
        validationSpeakers: base.header.validationSpeakers,
      },
      before: { corrections: cvBefore.score, base: beforeBase.score },
      after: { corrections: cvAfter.score, base: afterBase.score },
      baseReference: decided.reference,
      thresholds: { minCorrectionGain: config.minCorrectionGain, maxBaseDrop: config.maxBaseDrop, minProbabilityBetter: config.minProbabilityBetter },
      judging,
      memory: {
        head: chosen.head, windows: memory?.rows.length ?? 0, voices: chosen.voices, byVoice: chosen.byVoice,
        rule: chosen.rule ? { ...chosen.rule } : null,
      },
      accepted: verdict.accepted,
      reasons: verdict.reasons,
      epochs: shipped.epochs,
      seconds: (Date.now() - t0) / 1000,
    };
    checkAborted(signal);
    progress('saving', 0, 1, 1);
    await writeCandidate(request.outDir, {
      parent: current.metadata, heads: shipped.heads, recipe: config.recipe, report, confusion: cvAfter.confusion,
      baseDescription: `${base.train.length} base rows (${base.source}: ${base.header.source})`, trainRows: all.rows.length, seed: config.seed,
      fineTuned: config.fineTune, sawValidationSpeakers: config.fineTune && currentSaw, memory, headKept: chosen.head === 'current',
    });
    return { report, confusion: cvAfter.confusion };
  } finally {
    disposeHeads(shipped.heads);
  }
}
