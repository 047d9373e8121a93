/**
 * Analysis off the calling thread: a pool of worker threads, each holding the model. Workers start
 * when there is work for them (one file of a few seconds never pays for a second worker and its
 * model load). A stereo call of at least SPLIT_MIN_S arriving while workers are free is split into
 * one task per party, so the two parties of one call run on two cores at once (each worker's ffmpeg
 * extracts only its channel); with other calls queued, a call is one task and one decode, and
 * every worker stays busy.
 * Cancelling (AbortSignal) rejects at once with CANCELLED, kills the task's ffmpeg through its
 * worker, and replaces the worker if it does not stop promptly.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { EmoqaError } from '../../shared/errors';
import { assembleResult, planRecording, withPriors, type PartyOutcome, type PartyPlan, type RecordingPlan } from './recording-plan';
import type { AnalyseOptions, AnalysisResult } from './analysis-types';
import { addStageTimes } from './stage-timings';
import { cancelledError } from '../../../ml/audio/stream-decode';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol';
import { workerEntry, type WorkerEntry } from '../../../ml/runtime/worker-entry';
import { resolveFfmpeg, type FfmpegBinaries } from '../../../ml/audio/ffmpeg-path';

export type PoolAnalyseOptions = Omit<AnalyseOptions, 'signal' | 'onProgress'> & {
  signal?: AbortSignal;
  onProgress?: (audioSecondsDone: number) => void;
};

export interface AnalysisPool {
  analyse(path: string, options: PoolAnalyseOptions): Promise<AnalysisResult>;
  close(): Promise<void>;
  /**
   * Starts every worker (they otherwise start as work arrives) and resolves once each has loaded
   * the model (or failed to: jobs then report why); rejects when a worker itself cannot start (its
   * script or a module it imports fails to load).
   */
  ready(): Promise<void>;
  readonly size: number;
  /** Workers started so far (at most `size`). */
  readonly started: number;
  /** Largest maxRSS (bytes) a worker reported: worker threads share the process, so this is the process's. */
  readonly peakRssBytes: number;
}

export interface AnalysisPoolOptions {
  /** Worker threads (default: up to 2, one per core). */
  size?: number;
  modelDir?: string;
  /** Worker entry; default: the TS source under tsx, `./analysis-worker.js` beside a bundle. */
  workerUrl?: URL;
}

interface Job {
  path: string;
  plan: RecordingPlan;
  tasks: Task[];
  outcomes: PartyOutcome[];
  progress: Map<number, number>;
  meta: { sampleRate: number; version: string };
  settled: boolean;
  onProgress?: (seconds: number) => void;
  resolve: (result: AnalysisResult) => void;
  reject: (error: Error) => void;
  detach: () => void;
}

interface Task { id: number; job: Job; parties: PartyPlan[] }
interface Slot { worker: Worker; task: Task | null; ready: Promise<void> }

const CANCEL_GRACE_MS = 1500;

/**
 * Shorter calls are not split across workers: a second worker and a second ffmpeg cost more than
 * the half of a short call they would save (measured on the 2-second file of `npm run bench -- folder`).
 */
export const SPLIT_MIN_S = 60;

/** The ffmpeg the workers use, found once here: each thread would otherwise run `ffmpeg -version` to find it. */
function knownFfmpeg(): FfmpegBinaries | undefined {
  try {
    return resolveFfmpeg();
  } catch {
    return undefined; // the workers' decoders report it, per file
  }
}

/** The old-generation allocation limit the analysis threads of a worker process start with (MB). */
export const WORKER_OLD_SPACE_FLOOR_MB = 32;

/**
 * For a process that does nothing but analyse calls one after another (`emoqa worker`): analysis
 * threads started after this call begin with a WORKER_OLD_SPACE_FLOOR_MB old-generation limit
 * instead of V8's small default. Their live heap stays near 10 MB on a 3-minute call, but what a
 * call churns through reached the small limit about three times per call, and each major GC's
 * concurrent marking and sweeping ran on V8's helper threads, beside the analysis, on the cores a
 * second worker needs (bench/team-workers.ts). The cost is memory: up to the floor in garbage per
 * thread. V8's flags are per process, but this one is read when an isolate is made: the main
 * thread keeps its own limits, so only the analysis threads made afterwards get it.
 */
export function widenAnalysisHeap(): void {
  setFlagsFromString(`--initial-old-space-size=${WORKER_OLD_SPACE_FLOOR_MB}`);
}

// In a variable: bundlers rewrite `new URL('literal', import.meta.url)` into an asset of their own.
const here = import.meta.url;

export function createAnalysisPool(options: AnalysisPoolOptions = {}): AnalysisPool {
  const size = Math.max(1, Math.floor(options.size ?? Math.min(2, availableParallelism())));
  const entry: WorkerEntry = options.workerUrl
    ? { url: options.workerUrl }
    : workerEntry(here, new URL('../../workers/analysis-worker.ts', here), 'analysis-worker.js');
  const init: WorkerInit = { modelDir: options.modelDir };
  /** Found after the first worker is started (`ffmpeg -version` runs while it loads), then posted to each. */
  let ffmpeg: FfmpegBinaries | undefined = undefined;
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  let peakRssBytes = 0;
  /** Set when a worker could not even start: every job fails with it instead of respawning forever. */
  let startError: EmoqaError | null = null;

  const fail = (job: Job, error: Error): void => {
    if (job.settled) return;
    job.settled = true;
    job.detach();
    for (const task of job.tasks) {
      const queued = queue.indexOf(task);
      if (queued >= 0) queue.splice(queued, 1);
      const slot = slots.find((s) => s.task === task);
      if (slot) stopTask(slot, task);
    }
    job.reject(error);
  };

  const stopTask = (slot: Slot, task: Task): void => {
    slot.worker.postMessage({ type: 'cancel', taskId: task.id } satisfies ToWorker);
    setTimeout(() => {
      if (slot.task === task) replace(slot);
    }, CANCEL_GRACE_MS).unref();
  };

  const finishTask = (job: Job, payload: PartyOutcome[]): void => {
    if (job.settled) return;
    job.outcomes.push(...payload);
    if (job.outcomes.length < job.plan.parties.length) return;
    job.settled = true;
    job.detach();
    job.resolve(assembleResult(job.plan, job.outcomes, job.meta));
  };

  const onMessage = (slot: Slot, message: FromWorker, markReady: () => void): void => {
    if (message.type === 'ready') {
      markReady();
      return;
    }
    const task = slot.task;
    if (!task || task.id !== message.taskId) return;
    const { job } = task;
    if (message.type === 'progress') {
      if (job.settled || !job.onProgress) return;
      job.progress.set(task.id, message.seconds * task.parties.length);
      let sum = 0;
      for (const seconds of job.progress.values()) sum += seconds;
      job.onProgress(sum / job.plan.parties.length);
      return;
    }
    slot.task = null;
    if (message.type === 'done') {
      peakRssBytes = Math.max(peakRssBytes, message.maxRssBytes);
      addStageTimes(message.times);
      job.meta = { sampleRate: message.sampleRate, version: message.modelVersion };
      finishTask(job, message.parties);
    } else {
      fail(job, new EmoqaError(message.error.code, message.error.message));
    }
    dispatch();
  };

  const spawnWorker = (slot: Partial<Slot>): Slot => {
    const worker = new Worker(entry.url, {
      workerData: init,
      argv: entry.argv,
      // A small young generation: the analysis churns through short-lived arrays (ffmpeg's chunks,
      // DSP buffers) whose memory outside the heap is freed only when a scavenge finds them dead.
      // 8 MB kept the 1-hour call's peak ~60 MB below the default; 4 MB takes the folder's tree a
      // further ~40 MB lower (~355 -> ~305 MB) with the same GC pause time (343 vs 576 GCs, 1.77
      // vs 1.67 s over 10 calls under load).
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    if (ffmpeg) worker.postMessage({ type: 'ffmpeg', binaries: ffmpeg } satisfies ToWorker);
    let started = false;
    let markReady = (): void => undefined;
    let markFailed = (_error: EmoqaError): void => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = () => {
        started = true;
        resolve();
      };
      markFailed = reject;
    });
    ready.catch(() => undefined); // observed through ready() and the jobs
    const full = Object.assign(slot, { worker, task: slot.task ?? null, ready }) as Slot;
    const failedToStart = (error: EmoqaError): void => {
      startError ??= error;
      markFailed(startError);
      const jobs = new Set([...queue, ...slots.flatMap((s) => (s.task ? [s.task] : []))].map((t) => t.job));
      for (const job of jobs) fail(job, new EmoqaError(startError.code, `${job.path}: ${startError.message}`));
    };
    worker.on('message', (message: FromWorker) => onMessage(full, message, markReady));
    worker.on('error', (error) => {
      if (!started) return failedToStart(new EmoqaError('INTERNAL', `the analysis worker failed to load: ${error.message}`));
      const task = full.task;
      full.task = null;
      if (task) fail(task.job, new EmoqaError('INTERNAL', `${task.job.path}: analysis worker failed (${error.message})`));
    });
    worker.on('exit', (code) => {
      if (full.worker !== worker || closed) return;
      if (!started) return failedToStart(startError ?? new EmoqaError('INTERNAL', `the analysis worker exited (code ${code}) before it was ready`));
      const task = full.task;
      full.task = null;
      if (task) fail(task.job, new EmoqaError('INTERNAL', `${task.job.path}: analysis worker exited unexpectedly`));
      replace(full);
    });
    return full;
  };

  /** Terminates a slot's worker (stuck or dead) and starts a fresh one in its place. */
  const replace = (slot: Slot): void => {
    const old = slot.worker;
    slot.task = null;
    if (!closed) spawnWorker(slot);
    void old.terminate();
    dispatch();
  };

  const dispatch = (): void => {
    if (closed) return;
    // A worker more only when every one is busy and a task still waits; it loads the model while
    // its first task is already posted to it.
    if (queue.length > slots.filter((s) => !s.task).length && slots.length < size && !startError) slots.push(spawnWorker({}));
    for (const slot of slots) {
      if (!queue.length) return;
      if (slot.task) continue;
      const task = queue.shift() as Task;
      slot.task = task;
      const { job } = task;
      slot.worker.postMessage({ type: 'analyse', taskId: task.id, path: job.path, plan: job.plan, parties: task.parties } satisfies ToWorker);
    }
  };

  // One worker at once, so a missing or broken model is found before the first job needs it.
  slots.push(spawnWorker({}));
  ffmpeg = knownFfmpeg();
  if (ffmpeg) slots[0].worker.postMessage({ type: 'ffmpeg', binaries: ffmpeg } satisfies ToWorker);

  return {
    size,
    async ready() {
      while (slots.length < size && !closed) slots.push(spawnWorker({}));
      await Promise.all(slots.map((slot) => slot.ready));
    },
    get started() {
      return slots.length;
    },
    get peakRssBytes() {
      return peakRssBytes;
    },
    async analyse(path, opts) {
      if (closed) throw new EmoqaError('CANCELLED', `${path}: the analysis pool is closed`);
      if (startError) throw new EmoqaError(startError.code, `${path}: ${startError.message}`);
      const { signal } = opts;
      if (signal?.aborted) throw cancelledError(path);
      const planned = performance.now();
      const plan = withPriors(await planRecording(path, opts.roles, opts.sourceChannels, opts.separateMono), opts.priors);
      addStageTimes({ plan: performance.now() - planned });
      if (signal?.aborted) throw cancelledError(path);
      return new Promise<AnalysisResult>((resolve, reject) => {
        const onAbort = (): void => fail(job, cancelledError(path));
        const job: Job = {
          path, plan, tasks: [], outcomes: [], progress: new Map(), settled: false, onProgress: opts.onProgress,
          meta: { sampleRate: 0, version: '' }, resolve, reject,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        // Parties on workers of their own only while workers would otherwise idle (one long call);
        // with other calls waiting, one task decodes the file once (one ffmpeg) for all its parties.
        const busy = queue.length + slots.filter((s) => s.task).length;
        const long = opts.durationS === undefined || opts.durationS >= SPLIT_MIN_S;
        const split = size > 1 && long && busy + plan.parties.length <= size;
        const groups = split ? plan.parties.map((p) => [p]) : [plan.parties];
        job.tasks = groups.map((parties) => ({ id: nextId++, job, parties }));
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(...job.tasks);
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const jobs = new Set([...queue, ...slots.flatMap((s) => (s.task ? [s.task] : []))].map((t) => t.job));
      for (const job of jobs) fail(job, new EmoqaError('CANCELLED', `${job.path}: the analysis pool was closed`));
      queue.length = 0;
      for (const slot of slots) slot.task = null;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
