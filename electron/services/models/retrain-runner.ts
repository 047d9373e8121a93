/**
 * Runs one retraining at a time in a worker thread and relays its progress as `models.progress`
 * events (stage, done, total, seconds left). The thread that serves the app only reads the labels
 * and, at the end, registers the version and activates it when asked and the gate allows.
 */
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { nowIso } from '../../db/database';
import type { LibraryDb } from '../../db/library-database';
import type { RetrainOutcome, RetrainStatus } from '../../shared/contract';
import { EmoqaError, toErrorPayload } from '../../shared/errors';
import { DEFAULT_RETRAIN_CONFIG, type FromRetrainWorker, type RetrainConfig, type RetrainRequest, type RetrainResult } from '../../../ml/retrain/protocol';
import { workerEntry } from '../../../ml/runtime/worker-entry';
import type { EventBus } from '../event-bus';
import { readSetting, writeSetting } from '../settings/settings-service';
import { collectCorrections } from './corrections';
import { retrainReadiness } from './retrain-readiness';
import type { ModelRegistry } from './model-registry';

export interface RetrainStartOptions {
  activate?: boolean;
  config?: Partial<Omit<RetrainConfig, 'recipe'>> & { epochs?: number };
}

export interface RetrainRunnerOptions {
  db: LibraryDb;
  events: EventBus;
  registry: ModelRegistry;
  /** Activate a version and queue re-analysis; returns the job id. */
  activate: (version: string) => Promise<string | null>;
  /** Worker entry (tests); default: the TS source under tsx, `./retrain-worker.js` beside a bundle. */
  workerUrl?: URL;
}

const CANCEL_GRACE_MS = 2000;
const LAST_KEY = 'retrain.last';

// In a variable: bundlers rewrite `new URL('literal', import.meta.url)` into an asset of their own.
const here = import.meta.url;

function versionId(): string {
  return `retrained-${nowIso().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

export class RetrainRunner {
  private running: { worker: Worker; done: Promise<RetrainOutcome>; cancel: () => void } | null = null;
  private starting = false;
  private status: Omit<RetrainStatus, 'last' | 'readiness'> = { running: false, stage: null, done: 0, total: 0, etaS: null };

  constructor(private readonly options: RetrainRunnerOptions) {}

  async get(): Promise<RetrainStatus> {
    const readiness = retrainReadiness(await collectCorrections(this.options.db), DEFAULT_RETRAIN_CONFIG);
    return { ...this.status, readiness, last: await this.last() };
  }

  private async last(): Promise<RetrainOutcome | null> {
    const stored = await readSetting(this.options.db, LAST_KEY);
    return stored === undefined ? null : (stored as RetrainOutcome);
  }

  private async saveLast(outcome: RetrainOutcome): Promise<void> {
    await writeSetting(this.options.db, LAST_KEY, outcome);
  }

  private progress(stage: string, done: number, total: number, etaS: number | null): void {
    this.status = { running: this.running !== null, stage, done, total, etaS };
    this.options.events.emit('models.progress', stage, done, total, etaS);
  }

  /** Resolves when the running retraining ends (null when none runs). */
  wait(): Promise<RetrainOutcome> | null {
    return this.running?.done ?? null;
  }

  /** Starts a retraining; `done` resolves with its outcome (it never rejects). */
  async start(options: RetrainStartOptions = {}): Promise<{ done: Promise<RetrainOutcome> }> {
    // Claimed before the first await, so two quick calls cannot both start one.
    if (this.running || this.starting) throw new EmoqaError('CONFLICT', 'a retraining is already running');
    this.starting = true;
    try {
      return await this.launch(options);
    } finally {
      this.starting = false;
    }
  }

  private async launch(options: RetrainStartOptions): Promise<{ done: Promise<RetrainOutcome> }> {
    const { registry } = this.options;
    const { epochs, ...given } = options.config ?? {};
    // Options left out (undefined) keep their defaults.
    const overrides = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
    const config: RetrainConfig = { ...DEFAULT_RETRAIN_CONFIG, ...overrides };
    if (epochs) Object.assign(config, { fineTuneEpochs: epochs, recipe: { ...config.recipe, epochs } });
    const corrections = await collectCorrections(this.options.db);
    const readiness = retrainReadiness(corrections, config);
    if (!readiness.ready) throw new EmoqaError('INVALID_ARGUMENT', `retraining needs ${readiness.needs.join('; ')}`);
    await registry.shippedVersion();
    const current = await registry.active();
    if (!current) throw new EmoqaError('MODEL_UNAVAILABLE', 'no model is installed to retrain from');
    const bankFile = join(registry.shippedDir, 'feature-bank.bin');
    if (!existsSync(bankFile)) throw new EmoqaError('MODEL_UNAVAILABLE', `retraining needs the base data beside the shipped model (${bankFile}); see ml/retrain/build-feature-bank.ts`);
    const version = versionId();
    const request: RetrainRequest = {
      parties: corrections.parties,
      current: { dir: await registry.dirOf(current.version), version: current.version, source: current.source },
      bankFile,
      datasets: process.env.EMOQA_DATASETS || null,
      outDir: join(registry.modelsDir, version),
      version,
      cacheDir: join(registry.modelsDir, 'cache'),
      config,
    };
    const entry = this.options.workerUrl
      ? { url: this.options.workerUrl }
      : workerEntry(here, new URL('../../../ml/retrain/retrain-worker.ts', here), 'retrain-worker.js');
    const worker = new Worker(entry.url, { argv: entry.argv });
    let cancelled = false;
    let settle: (result: RetrainResult | EmoqaError) => void = () => undefined;
    const finished = new Promise<RetrainResult | EmoqaError>((resolve) => (settle = resolve));
    worker.on('message', (message: FromRetrainWorker) => {
      if (message.type === 'progress') this.progress(message.stage, message.done, message.total, message.etaS);
      else if (message.type === 'done') settle(message.result);
      else settle(new EmoqaError(message.error.code, message.error.message));
    });
    worker.on('error', (error) => settle(new EmoqaError('INTERNAL', `retraining worker failed: ${error.message}`)));
    worker.on('exit', () => settle(new EmoqaError(cancelled ? 'CANCELLED' : 'INTERNAL', cancelled ? 'retraining cancelled' : 'retraining worker exited')));
    const cancel = (): void => {
      cancelled = true;
      worker.postMessage({ type: 'cancel' });
      setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS).unref();
    };
    const done = finished
      .then((result) => this.finish(result, request, options.activate ?? false, worker))
      .catch((error: unknown): RetrainOutcome => {
        this.running = null;
        this.status.running = false;
        return { state: 'failed', finishedAt: nowIso(), report: null, error: toErrorPayload(error), reanalysisJobId: null };
      });
    this.running = { worker, done, cancel };
    this.progress('starting', 0, 1, null);
    worker.postMessage({ type: 'start', request });
    return { done };
  }

  cancel(): boolean {
    if (!this.running) return false;
    this.running.cancel();
    return true;
  }

  private async finish(result: RetrainResult | EmoqaError, request: RetrainRequest, activate: boolean, worker: Worker): Promise<RetrainOutcome> {
    await worker.terminate();
    let outcome: RetrainOutcome;
    try {
      if (result instanceof EmoqaError) throw result;
      const { report } = result;
      if (!report.accepted) {
        // Not offered: the current model stays, the reasons are kept in the outcome.
        await fs.rm(request.outDir, { recursive: true, force: true });
        outcome = { state: 'rejected', finishedAt: nowIso(), report, error: null, reanalysisJobId: null };
      } else {
        await this.options.registry.registerRetrained(report, result.confusion);
        const reanalysisJobId = activate ? await this.options.activate(report.version) : null;
        outcome = { state: activate ? 'activated' : 'offered', finishedAt: nowIso(), report, error: null, reanalysisJobId };
      }
    } catch (error) {
      for (const dir of [request.outDir, `${request.outDir}.tmp-${process.pid}`]) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      const payload = toErrorPayload(error);
      outcome = { state: payload.code === 'CANCELLED' ? 'cancelled' : 'failed', finishedAt: nowIso(), report: null, error: payload, reanalysisJobId: null };
    }
    await this.saveLast(outcome);
    this.running = null;
    this.progress(outcome.state === 'cancelled' || outcome.state === 'failed' ? outcome.state : 'finished', 1, 1, 0);
    this.status.running = false;
    return outcome;
  }
}
