/**
 * The whole correction loop on voices the base model never heard, shared by the retrain bench and
 * its CI test: some RAVDESS actors are "this call centre's voices"; a base model is trained without
 * them (and without the validation speakers) with the ML engineer's training pieces; telephone calls
 * are made of them; all are analysed; the true labels of half are imported as corrections (CSV);
 * the model is retrained and activated through the contract; the other half is re-analysed.
 * Accuracy = truth speech frames (10 ms) whose covering predicted region has the truth emotion.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { buildFeatureBank, BANK_FILE, DEFAULT_VALIDATION_SPEAKERS } from '../ml/retrain/build-feature-bank';
import { createAppServices, type AppServices } from '../electron/services/app-services';
import { invokeHandler } from '../electron/services/invoke';
import { importLabelsCsv } from '../electron/services/models/csv-labels';
import type { HandlerInput, RetrainOutcome } from '../electron/shared/contract';
import type { PredictedRegion } from '../electron/shared/domain';
import { readManifest } from '../ml/train/manifest';
import { trainBaseModel, warmFeatureCache } from './retrain-base-model';
import { readFeatureBank } from '../ml/retrain/feature-bank';
import { POOLING_VERSION } from '../ml/model/pooling';
import { FEATURE_SPEC } from '../ml/dsp';
import { makeCalls } from './python';
import { readCallTruth, type CallTruthSegment } from '../ml/train/call-scores';

const repo = resolve(import.meta.dirname, '..');
export const sharedDir = resolve(process.env.EMOQA_SHARED ?? join(repo, '..', 'shared'));
const datasets = resolve(process.env.EMOQA_DATASETS ?? join(sharedDir, 'datasets'));

export interface LoopConfig {
  workDir: string;
  /** The call centre's voices: never in the base model or the bank. */
  heldOutSpeakers: string[];
  /** Corpus speakers left out of everything (e.g. TESS, to keep a CI run small). */
  dropSpeakers?: string[];
  calls: number;
  minutes: number;
  /** Seeds the calls. */
  seed: number;
  /** Base model training: half the epochs. */
  quickBase: boolean;
  retrain: { epochs?: number; correctionWeight?: number; folds?: number };
  log?: (line: string) => void;
}

export interface FrameScore { hit: number; total: number; accuracy: number }

export interface LoopResult {
  before: FrameScore;
  after: FrameScore;
  /** Frames of utterances whose recording never occurs in a corrected call. */
  beforeUnseen: FrameScore;
  afterUnseen: FrameScore;
  corrections: number;
  outcome: RetrainOutcome;
  retrainSeconds: number;
  baseTrainSeconds: number;
  labelsUntouched: boolean;
  /** Longest the app's own thread was blocked while retraining ran (the worker does the work). */
  retrainMaxLagMs: number;
  dbPath: string;
}

type Segment = CallTruthSegment;

const FRAME_S = 0.01;

export function frameScore(truth: readonly Segment[], regions: readonly PredictedRegion[], durationS: number, keep: (s: Segment) => boolean): { hit: number; total: number } {
  const frames = Math.ceil(durationS / FRAME_S);
  const predicted = [0, 1].map(() => new Array<string | null>(frames).fill(null));
  const index = (t: number): number => Math.ceil(t / FRAME_S - 0.5);
  for (const r of regions) for (let i = index(r.start); i < Math.min(frames, index(r.end)); i++) if (r.channel <= 1) predicted[r.channel][i] = r.emotion;
  let hit = 0, total = 0;
  for (const seg of truth.filter(keep)) {
    const lane = predicted[seg.channel === 'agent' ? 0 : 1];
    for (let i = index(seg.start); i < Math.min(frames, index(seg.end)); i++) {
      total += 1;
      if (lane[i] === seg.emotion) hit += 1;
    }
  }
  return { hit, total };
}

export const sum = (parts: Array<{ hit: number; total: number }>): FrameScore => {
  const hit = parts.reduce((s, p) => s + p.hit, 0);
  const total = parts.reduce((s, p) => s + p.total, 0);
  return { hit, total, accuracy: total ? hit / total : 0 };
};

function filteredManifest(keep: (speaker: string) => boolean): string {
  const text = readFileSync(join(datasets, 'manifest.csv'), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const rows = parse(text, { columns: true }) as Array<{ speaker: string }>;
  return [header, ...lines.filter((_, i) => keep(rows[i].speaker))].join('\n') + '\n';
}

/** A base model that never heard the held-out or validation voices, and its feature bank. */
async function baseModel(config: LoopConfig, dir: string): Promise<number> {
  if (existsSync(join(dir, BANK_FILE))) {
    // Reuse the cached base model only if this build pools windows the same way.
    const { header } = await readFeatureBank(join(dir, BANK_FILE));
    if (header.pooling === POOLING_VERSION && header.featureSpec === FEATURE_SPEC.version) return 0;
    rmSync(dir, { recursive: true, force: true });
  }
  const t0 = Date.now();
  const excluded = new Set([...config.heldOutSpeakers, ...(config.dropSpeakers ?? [])]);
  const validation = new Set(DEFAULT_VALIDATION_SPEAKERS);
  await trainBaseModel({
    datasets, out: dir, version: `loop-base-without-${config.heldOutSpeakers.join('-')}`, quick: config.quickBase,
    excludeSpeakers: new Set([...excluded, ...validation]),
  });
  // The bank also holds the validation speakers: their features must be cached too (see warmFeatureCache).
  await warmFeatureCache((await readManifest(join(datasets, 'manifest.csv'), datasets)).filter((u) => validation.has(u.speaker)));
  // The base model of this loop trains on manifest.csv: its bank holds the same corpora.
  await buildFeatureBank({ datasets, manifests: ['manifest.csv'], out: join(dir, BANK_FILE), excludeSpeakers: [...excluded], validationSpeakers: [...validation], validationSeenByShipped: false });
  return (Date.now() - t0) / 1000;
}

function loopCalls(config: LoopConfig, dir: string): string[] {
  const names = (): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => /^call_\d+\.wav$/.test(f)).sort() : []);
  if (names().length !== config.calls) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const manifest = join(dir, 'voices.csv');
    writeFileSync(manifest, filteredManifest((s) => config.heldOutSpeakers.includes(s)));
    makeCalls(dir, { shared: sharedDir, manifest, datasets, calls: config.calls, minutes: config.minutes, seed: config.seed });
  }
  return names().map((f) => join(dir, f));
}

export const truthOf = readCallTruth;

export async function recordingOf(services: AppServices, path: string): Promise<{ id: string; regions: PredictedRegion[] }> {
  const row = services.db.prepare('SELECT id FROM recordings WHERE path = ?').get(path) as { id: string };
  return { id: row.id, regions: (await invokeHandler(services.handlers, 'recordings.regions', { id: row.id })).predictions };
}

export interface CorrectionLoopConfig {
  /** The model analysis starts from (its feature-bank.bin beside it). */
  modelDir: string;
  workDir: string;
  /** Calls whose true labels are imported as corrections, and calls that measure the result. */
  corrected: string[];
  judged: string[];
  retrain: HandlerInput<'models.retrain'>;
  /**
   * The library's own prior (models.estimatePriors, no labels) estimated for the model in use and the
   * library analysed again, before the judged calls are scored, both before and after retraining.
   */
  libraryPrior?: boolean;
  log?: (line: string) => void;
}

/** What the Models page's "Estimate from the library" does for the active version, then every call analysed again with it. */
async function withLibraryPrior(services: AppServices, calls: readonly string[]): Promise<void> {
  await invokeHandler(services.handlers, 'models.estimatePriors', {});
  services.db.prepare(`UPDATE recordings SET status = 'queued' WHERE status = 'done'`).run();
  await services.waitForJob((await invokeHandler(services.handlers, 'analysis.start', { paths: [...calls], roles: ['agent', 'customer'] })).jobId);
}

/**
 * Analyse every call, score the judged ones, import the corrected ones' truth as labels (CSV),
 * retrain through the contract (activating when the gate allows), and score the judged calls again.
 */
export async function runCorrectionLoop(config: CorrectionLoopConfig): Promise<Omit<LoopResult, 'baseTrainSeconds'>> {
  const log = config.log ?? (() => undefined);
  const { corrected, judged } = config;
  const calls = [...corrected, ...judged];
  const dbPath = join(config.workDir, 'loop.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  rmSync(join(config.workDir, 'models'), { recursive: true, force: true });
  const services = await createAppServices({ databasePath: dbPath, appVersion: 'bench', modelDir: config.modelDir, resumeInterrupted: false });
  try {
    log(`analysing ${calls.length} calls …`);
    const { jobId } = await invokeHandler(services.handlers, 'analysis.start', { paths: calls, roles: ['agent', 'customer'] });
    await services.waitForJob(jobId);
    if (config.libraryPrior) await withLibraryPrior(services, calls);
    const seenSources = new Set(corrected.flatMap((c) => truthOf(c).segments.map((s) => s.source)));
    const score = async (keep: (s: Segment) => boolean): Promise<FrameScore> =>
      sum(await Promise.all(judged.map(async (c) => frameScore(truthOf(c).segments, (await recordingOf(services, c)).regions, truthOf(c).duration_s, keep))));
    const unseen = (s: Segment): boolean => !seenSources.has(s.source);
    const before = await score(() => true);
    const beforeUnseen = await score(unseen);

    const csv = ['file,channel,start,end,emotion', ...corrected.flatMap((c) =>
      truthOf(c).segments.map((s) => `${c},${s.channel === 'agent' ? 0 : 1},${s.start},${s.end},${s.emotion}`))].join('\n');
    const imported = await importLabelsCsv(services.library, services.events, csv, { baseDir: config.workDir, reviewer: () => 'truth' });
    const labelsBefore = JSON.stringify(services.db.prepare('SELECT * FROM labels ORDER BY id').all());
    log(`${imported.imported} corrections imported; retraining …`);

    const t0 = Date.now();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const finished = new Promise<void>((done) => {
      const off = services.events.on('models.progress', (stage) => {
        if (!['finished', 'cancelled', 'failed'].includes(stage)) return;
        off();
        done();
      });
    });
    await invokeHandler(services.handlers, 'models.retrain', config.retrain);
    await finished;
    lag.disable();
    const retrainSeconds = (Date.now() - t0) / 1000;
    const outcome = (await invokeHandler(services.handlers, 'models.retrainStatus', {})).last as RetrainOutcome;
    if (outcome.reanalysisJobId) await services.waitForJob(outcome.reanalysisJobId);
    if (config.libraryPrior) await withLibraryPrior(services, calls);
    const labelsAfter = JSON.stringify(services.db.prepare('SELECT * FROM labels ORDER BY id').all());
    return {
      before, beforeUnseen, after: await score(() => true), afterUnseen: await score(unseen), corrections: imported.imported,
      outcome, retrainSeconds, labelsUntouched: labelsBefore === labelsAfter, retrainMaxLagMs: lag.max / 1e6, dbPath,
    };
  } finally {
    await services.close();
  }
}

export async function runRetrainLoop(config: LoopConfig): Promise<LoopResult> {
  const log = config.log ?? (() => undefined);
  mkdirSync(config.workDir, { recursive: true });
  const modelDir = join(config.workDir, 'base-model');
  log(`base model without ${config.heldOutSpeakers.join(', ')} and the validation speakers …`);
  const baseTrainSeconds = await baseModel(config, modelDir);
  const calls = loopCalls(config, join(config.workDir, `calls-${config.calls}x${config.minutes}-s${config.seed}`));
  const result = await runCorrectionLoop({
    modelDir, workDir: config.workDir, corrected: calls.filter((_, i) => i % 2 === 0), judged: calls.filter((_, i) => i % 2 === 1),
    retrain: { activate: true, ...config.retrain }, log,
  });
  return { ...result, baseTrainSeconds };
}
