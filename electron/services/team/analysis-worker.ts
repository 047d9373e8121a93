/**
 * One `emoqa worker` process: takes files from the queue and analyses each through the library's
 * own pipeline (`analysis.start` of the app services: ingest by content hash, analysis, results in
 * one transaction), so a job retried after a crash finds the call stored or stores it once.
 */
import type PgBoss from 'pg-boss';
import type { Kysely } from 'kysely';
import type { TeamDatabase } from '../../db/team-schema';
import type { AppServices } from '../app-services';
import { invokeHandler } from '../invoke';
import { ANALYSIS_QUEUE, analysisJobSchema, renewLease } from './analysis-queue';
import { WorkerRegistry } from './queue-workers';

export interface AnalysisWorkerOptions {
  boss: PgBoss;
  team: Kysely<TeamDatabase>;
  /** The library the results go to (its own analysis threads: `concurrency` of them). */
  services: AppServices;
  /** Jobs in hand at once. */
  concurrency: number;
  pollS: number;
  /** The queue's lease (s): renewed every third of it while a job is in hand. */
  leaseS: number;
  log?: (line: string) => void;
}

export interface AnalysisWorker {
  id: string;
  /** Stops taking jobs and waits for those in hand. */
  drain(): Promise<void>;
}

/** The analysis of one file; throws (so pg-boss fails or retries the job) with a message naming the file. */
async function analyseFile(services: AppServices, path: string): Promise<{ recordingId: string }> {
  const { jobId } = await invokeHandler(services.handlers, 'analysis.start', { paths: [path] });
  const report = await services.waitForJob(jobId);
  const outcome = report.files.find((f) => f.file === path) ?? report.files[0];
  if (outcome?.outcome === 'done' && outcome.recordingId) return { recordingId: outcome.recordingId };
  const reason = outcome?.error ? `${outcome.error.message} (${outcome.error.code})` : `analysis ${report.state}`;
  throw new Error(`${path}: ${reason}`);
}

export async function startAnalysisWorker(options: AnalysisWorkerOptions): Promise<AnalysisWorker> {
  const { boss, services, concurrency } = options;
  const log = options.log ?? (() => undefined);
  const registry = new WorkerRegistry(options.team, concurrency);
  await registry.register();

  const handle = async (job: PgBoss.Job<unknown>): Promise<{ recordingId: string }> => {
    const data = analysisJobSchema.safeParse(job.data);
    if (!data.success) throw new Error(`job ${job.id} is not an analysis job: ${data.error.issues[0]?.message ?? 'bad payload'}`);
    const { path } = data.data;
    await registry.begin(job.id, path);
    const started = Date.now();
    const renew = setInterval(() => {
      renewLease(boss, job.id).catch((error: unknown) => log(`lease of ${path} not renewed: ${(error as Error).message}`));
    }, (options.leaseS * 1000) / 3);
    try {
      const result = await analyseFile(services, path);
      await registry.end(job.id, true);
      log(`✓ ${path} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return result;
    } catch (error) {
      await registry.end(job.id, false);
      log(`✗ ${(error as Error).message}`);
      throw error;
    } finally {
      clearInterval(renew);
    }
  };

  // Our own fetch loop rather than pg-boss's work(): that one fails a job whose handler outlives
  // `expire_in`, which would make the lease the longest call; here the lease is renewed instead.
  let stopping = false;
  const sleepers = new Set<() => void>();
  const slot = async (): Promise<void> => {
    while (!stopping) {
      const [job] = await boss.fetch<unknown>(ANALYSIS_QUEUE, { batchSize: 1 }).catch((error: unknown) => {
        log(`queue: ${(error as Error).message}`);
        return [];
      });
      if (!job) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, options.pollS * 1000);
          sleepers.add(wake);
        });
        continue;
      }
      try {
        await boss.complete(ANALYSIS_QUEUE, job.id, await handle(job));
      } catch (error) {
        await boss.fail(ANALYSIS_QUEUE, job.id, { message: (error as Error).message }).catch((failure: unknown) => log(`queue: ${(failure as Error).message}`));
      }
    }
  };
  const slots = Array.from({ length: concurrency }, () => slot());

  let draining: Promise<void> | null = null;
  return {
    id: registry.id,
    drain() {
      draining ??= (async () => {
        stopping = true;
        for (const wake of [...sleepers]) wake();
        await Promise.allSettled(slots);
        await registry.stop();
      })();
      return draining;
    },
  };
}
