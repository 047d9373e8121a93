import { randomUUID } from 'node:crypto';
import type { LibraryDb } from '../../db/library-database';
import type { JobProgress, PartyRole } from '../../shared/domain';
import { EmoqaError, toErrorPayload, type ErrorPayload } from '../../shared/errors';
import type { AnalyseOptions, AnalysisResult } from '../analysis/analysis-types';
import { addStageTimes } from '../analysis/stage-timings';
import type { EventBus } from '../event-bus';
import { ingestFile, type IngestOutcome } from '../ingest/ingest-file';
import { markAnalysing, markFailed, markInterrupted, registerPathError, unfinishedRecordings } from '../library/recording-store';
import { looksLikeMedia, scanPaths } from '../ingest/scan';
import { writeAnalysisResult } from '../library/results-writer';
import { checkUnchanged, fileState } from './file-state';
import { JobStore, type FileOutcomeKind } from './job-store';
import { Semaphore, forEachLimit } from './limit';

/** The analysis engine as the queue sees it (the worker pool's `analyse`, or a fake in tests). */
export type AnalyseFn = (path: string, options: AnalyseOptions) => Promise<AnalysisResult>;

export interface JobQueueOptions {
  db: LibraryDb;
  events: EventBus;
  /** Called once, on first use: loading the model is slow and most app starts never analyse. */
  getAnalyse: () => Promise<AnalyseFn>;
  defaultRoles: () => [PartyRole, PartyRole] | Promise<[PartyRole, PartyRole]>;
  /** After a file is registered (new or already analysed): e.g. the Settings folder pattern fills agent/team. */
  onIngested?: (recordingId: string, path: string) => void | Promise<void>;
  /** Whether mono calls are split into agent and customer (Settings). */
  separateMono?: () => boolean | Promise<boolean>;
  /** Recordings analysed at once (match the pool's worker count). */
  concurrency?: number;
  /**
   * Recordings handed to the engine beyond `concurrency` (default 1): planned and waiting in the
   * pool, so a worker that finishes starts the next call at once while this thread stores results.
   */
  lookahead?: number;
  /**
   * Files hashed and probed at once (default 2: ingest still runs far ahead of the analysis, and each
   * ffprobe holds ~35 MB while it runs; 4 at once put a folder's process tree ~70 MB higher).
   */
  ingestConcurrency?: number;
  /** How long a job stays this process's without a heartbeat (default 30 s; renewed every third of it). */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 30_000;

export interface FileOutcome {
  file: string;
  recordingId: string | null;
  outcome: Exclude<FileOutcomeKind, 'pending'>;
  error: ErrorPayload | null;
}

export interface JobReport {
  jobId: string;
  state: JobProgress['state'];
  files: FileOutcome[];
}

interface Job {
  progress: JobProgress;
  controller: AbortController;
  /** Closing the app is not a cancel: unfinished recordings stay queued for the next start. */
  shutdown: boolean;
  files: FileOutcome[];
  failed: number;
  audioFinished: number;
  partial: Map<string, number>;
  /** Recordings whose audio is already in the totals (two copies of one call count once). */
  counted: Set<string>;
  analysisStartedAt: number | null;
  lastEmit: number;
  done: Promise<JobReport>;
}

const PROGRESS_INTERVAL_MS = 200;

export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly store: JobStore;
  private readonly slots: Semaphore;
  private readonly inFlight = new Map<string, Promise<FileOutcome>>();
  private readonly recordingProgress = new Map<string, number>();
  private analyse: Promise<AnalyseFn> | undefined;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: JobQueueOptions) {
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    // One id per queue (per process in practice): the owner of the jobs it starts.
    this.store = new JobStore(options.db, randomUUID(), leaseMs);
    this.slots = new Semaphore(Math.max(1, options.concurrency ?? 1) + Math.max(0, options.lookahead ?? 1));
    this.heartbeat = setInterval(() => this.renew(), Math.max(10, Math.floor(leaseMs / 3)));
    this.heartbeat.unref();
  }

  private renew(): void {
    if (![...this.jobs.values()].some((job) => job.progress.state === 'running')) return;
    this.store.renewLeases().catch((error: unknown) => {
      // A busy or closed database this beat: the next one tries again (the lease outlives two misses).
      console.error('emoqa: could not renew the job lease:', (error as Error).message);
    });
  }

  /**
   * Starts ingesting and analysing `paths` (files or folders); progress arrives as events. The job's
   * row is written first thing in its run (its files refer to it), so the id is known at once.
   */
  start(paths: readonly string[], roles: [PartyRole, PartyRole] | null): string {
    const jobId = randomUUID();
    const job: Job = {
      progress: { jobId, filesDone: 0, filesTotal: 0, audioSecondsDone: 0, audioSecondsTotal: 0, etaS: null, currentFile: null, state: 'running', alreadyAnalysed: 0, analysing: {} },
      controller: new AbortController(),
      shutdown: false,
      files: [],
      failed: 0,
      audioFinished: 0,
      partial: new Map(),
      counted: new Set(),
      analysisStartedAt: null,
      lastEmit: 0,
      done: Promise.resolve({ jobId, state: 'running', files: [] }),
    };
    this.jobs.set(jobId, job);
    job.done = this.run(job, paths, roles);
    return jobId;
  }

  wait(jobId: string): Promise<JobReport> {
    const job = this.jobs.get(jobId);
    if (!job) throw new EmoqaError('NOT_FOUND', `job ${jobId} is not known to this process`);
    return job.done;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.progress.state !== 'running') return false;
    job.controller.abort(new EmoqaError('CANCELLED', 'analysis cancelled'));
    return true;
  }

  async list(): Promise<JobProgress[]> {
    const stored = await this.store.recent(20);
    const live = [...this.jobs.values()].map((job) => ({ ...job.progress }));
    const known = new Set(live.map((p) => p.jobId));
    return [...live.reverse(), ...stored.filter((p) => !known.has(p.jobId))];
  }

  /** Fraction of an analysing recording done, for the library list. */
  progressOf(recordingId: string): number | null {
    return this.recordingProgress.get(recordingId) ?? null;
  }

  /**
   * After a crash: jobs whose owner is gone (lease expired) are marked failed and every recording
   * still queued or analysing is queued again (with the roles it was first given), except those a
   * live job of another process (`emoqa analyze` beside `serve`) is working on. Call once, at start.
   */
  async resumeInterrupted(): Promise<string | null> {
    await this.store.failOrphans(new Set(this.jobs.keys()));
    const held = await this.store.heldByOthers();
    const paths = (await unfinishedRecordings(this.options.db)).filter((r) => !held.has(r.id)).map((r) => r.path);
    return paths.length > 0 ? this.start(paths, null) : null;
  }

  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.progress.state === 'running');
    for (const job of running) {
      job.shutdown = true;
      job.controller.abort(new EmoqaError('CANCELLED', 'emoqa is closing'));
    }
    await Promise.allSettled(running.map((job) => job.done));
    clearInterval(this.heartbeat);
  }

  private async run(job: Job, paths: readonly string[], roles: [PartyRole, PartyRole] | null): Promise<JobReport> {
    const { db } = this.options;
    const analyses: Array<Promise<void>> = [];
    try {
      await this.store.create(job.progress.jobId, paths, roles);
      const scan = await scanPaths(paths);
      // Counted from the start: files named directly and what looks like media. Others in a folder
      // (sidecar JSON, notes) count only if probing finds audio in them.
      const counted = (entry: { path: string; explicit: boolean }) => entry.explicit || looksLikeMedia(entry.path);
      job.progress.filesTotal = scan.files.filter(counted).length + scan.problems.length;
      this.emitProgress(job, true);
      for (const problem of scan.problems) {
        const payload = problem.error.toPayload();
        await this.finishFile(job, { file: problem.path, recordingId: await registerPathError(db, problem.path, payload), outcome: 'error', error: payload });
      }
      await forEachLimit(scan.files, this.options.ingestConcurrency ?? 2, async (entry) => {
        if (job.controller.signal.aborted) {
          await this.finishFile(job, { file: entry.path, recordingId: null, outcome: 'cancelled', error: toErrorPayload(job.controller.signal.reason) });
          return;
        }
        const ingestStarted = performance.now();
        const outcome = await ingestFile(db, entry, roles, await this.options.defaultRoles());
        addStageTimes({ ingest: performance.now() - ingestStarted });
        if (outcome.kind !== 'skipped' && !counted(entry)) job.progress.filesTotal++;
        if (outcome.kind === 'queued' || outcome.kind === 'done') await this.options.onIngested?.(outcome.recordingId, outcome.path);
        await this.afterIngest(job, outcome, analyses);
      });
      await Promise.all(analyses);
      job.progress.state = job.controller.signal.aborted ? 'cancelled' : 'done';
    } catch (error) {
      job.progress.state = 'failed';
      console.error(`emoqa: analysis job ${job.progress.jobId} failed:`, error);
      await Promise.allSettled(analyses);
    }
    job.progress.currentFile = null;
    job.progress.etaS = job.progress.state === 'done' ? 0 : null;
    // A job whose row could not even be written (a closed database) has nothing to save.
    await this.store.save(job.progress, job.failed).catch((error: unknown) => console.error(`emoqa: could not save job ${job.progress.jobId}:`, error));
    this.emitProgress(job, true);
    return { jobId: job.progress.jobId, state: job.progress.state, files: job.files };
  }

  private async afterIngest(job: Job, outcome: IngestOutcome, analyses: Array<Promise<void>>): Promise<void> {
    // New rows, moved paths and per-file errors all change what the library shows (onIngested ran just before).
    if (outcome.kind !== 'skipped') this.options.events.emit('recordings.changed', outcome.recordingId);
    switch (outcome.kind) {
      case 'skipped':
        // Not a call (a notes file or sidecar beside the recordings): it was never counted.
        await this.store.file(job.progress.jobId, outcome.path, null, 'skipped');
        return;
      case 'error':
        await this.finishFile(job, { file: outcome.path, recordingId: outcome.recordingId, outcome: 'error', error: outcome.error });
        return;
      case 'done':
        job.progress.alreadyAnalysed++;
        await this.finishFile(job, { file: outcome.path, recordingId: outcome.recordingId, outcome: 'done', error: null });
        return;
      case 'queued': {
        await this.store.file(job.progress.jobId, outcome.path, outcome.recordingId, 'pending');
        const counts = !job.counted.has(outcome.recordingId);
        if (counts) {
          job.counted.add(outcome.recordingId);
          job.progress.audioSecondsTotal += outcome.durationS ?? 0;
        }
        const task = this.analyseShared(job, outcome).then((result) => {
          if (counts && result.outcome === 'done') job.audioFinished += outcome.durationS ?? 0;
          return this.finishFile(job, result);
        });
        analyses.push(task);
      }
    }
  }

  /** One analysis per recording even if two jobs (or one folder holding two copies) name it. */
  private analyseShared(job: Job, item: Extract<IngestOutcome, { kind: 'queued' }>): Promise<FileOutcome> {
    const running = this.inFlight.get(item.recordingId);
    if (running) return running.then((result) => ({ ...result, file: item.path }));
    const task = this.analyseOne(job, item).finally(() => this.inFlight.delete(item.recordingId));
    this.inFlight.set(item.recordingId, task);
    return task;
  }

  private async analyseOne(job: Job, item: Extract<IngestOutcome, { kind: 'queued' }>): Promise<FileOutcome> {
    const { db, events } = this.options;
    const { recordingId, path } = item;
    const signal = job.controller.signal;
    await this.slots.acquire();
    try {
      signal.throwIfAborted();
      await markAnalysing(db, recordingId);
      this.recordingProgress.set(recordingId, 0);
      job.partial.set(recordingId, 0);
      events.emit('recordings.changed', recordingId);
      job.progress.currentFile = path;
      job.analysisStartedAt ??= Date.now();
      this.emitProgress(job, true);
      const analyse = await this.getAnalyse();
      const before = await fileState(path);
      if (!before) throw new EmoqaError('NOT_FOUND', `${path} was deleted before its analysis began`);
      const result = await analyse(path, {
        roles: item.roles,
        sourceChannels: item.channels ?? undefined,
        durationS: item.durationS ?? undefined,
        separateMono: (await this.options.separateMono?.()) ?? false,
        signal,
        onProgress: (seconds) => {
          job.partial.set(recordingId, seconds);
          if (item.durationS) this.recordingProgress.set(recordingId, Math.min(1, seconds / item.durationS));
          this.emitProgress(job, false);
        },
      });
      await checkUnchanged(path, before);
      const storeStarted = performance.now();
      await writeAnalysisResult(db, recordingId, result);
      addStageTimes({ store: performance.now() - storeStarted });
      return { file: path, recordingId, outcome: 'done', error: null };
    } catch (error) {
      const cancelled = signal.aborted;
      // A decoder failing because the file vanished under it is a deleted file, not a bad one.
      const gone = !cancelled && !(error instanceof EmoqaError && error.code === 'CONFLICT') && (await fileState(path)) === null;
      const payload: ErrorPayload = cancelled
        ? toErrorPayload(signal.reason)
        : gone
          ? { code: 'NOT_FOUND', message: `${path} was deleted while it was analysed` }
          : toErrorPayload(error);
      if (cancelled && job.shutdown) {
        await markInterrupted(db, recordingId);
      } else {
        await markFailed(db, recordingId, payload);
      }
      return { file: path, recordingId, outcome: cancelled ? 'cancelled' : 'error', error: payload };
    } finally {
      this.slots.release();
      job.partial.delete(recordingId);
      this.recordingProgress.delete(recordingId);
      events.emit('recordings.changed', recordingId);
    }
  }

  private getAnalyse(): Promise<AnalyseFn> {
    this.analyse ??= this.options.getAnalyse().catch((error: unknown) => {
      this.analyse = undefined; // let a later job try again (e.g. after the model is installed)
      if (error instanceof EmoqaError) throw error;
      throw new EmoqaError('MODEL_UNAVAILABLE', `the emotion model could not be loaded: ${(error as Error).message}`, { cause: error });
    });
    return this.analyse;
  }

  private async finishFile(job: Job, outcome: FileOutcome): Promise<void> {
    job.files.push(outcome);
    job.progress.filesDone++;
    if (outcome.outcome === 'error') job.failed++;
    await this.store.file(job.progress.jobId, outcome.file, outcome.recordingId, outcome.outcome, outcome.error);
    await this.store.save(job.progress, job.failed);
    this.options.events.emit('analysis.fileDone', job.progress.jobId, outcome.file, outcome.recordingId, outcome.error);
    this.emitProgress(job, true);
  }

  private emitProgress(job: Job, force: boolean): void {
    const now = Date.now();
    if (!force && now - job.lastEmit < PROGRESS_INTERVAL_MS) return;
    job.lastEmit = now;
    const p = job.progress;
    let partial = 0;
    for (const seconds of job.partial.values()) partial += seconds;
    p.audioSecondsDone = Math.min(job.audioFinished + partial, Math.max(p.audioSecondsTotal, job.audioFinished));
    p.audioSecondsTotal = Math.max(p.audioSecondsTotal, p.audioSecondsDone);
    const elapsed = job.analysisStartedAt === null ? 0 : (now - job.analysisStartedAt) / 1000;
    p.etaS = p.state === 'running' && p.audioSecondsDone > 0 && elapsed > 0
      ? ((p.audioSecondsTotal - p.audioSecondsDone) * elapsed) / p.audioSecondsDone
      : p.etaS;
    // Each call's own share, so its library row moves while it is analysed (not 0% then Done).
    p.analysing = Object.fromEntries([...job.partial.keys()].map((id) => [id, this.recordingProgress.get(id) ?? 0]));
    this.options.events.emit('analysis.progress', { ...p });
  }
}
