/**
 * The team's analysis queue: pg-boss on the team's own PostgreSQL (no extra server to run). One job
 * per file, keyed by its absolute path under pg-boss's 'stately' policy, so a file waits at most
 * once (and once more while it is being analysed). A job's expiry is its lease, renewed by its worker
 * (`renewLease`): a worker that dies mid-job leaves it 'active' until the lease runs out, then pg-boss
 * hands it to another worker.
 */
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { parseDatabaseUrl } from '../../db/team-database';
import { EmoqaError } from '../../shared/errors';
import { looksLikeMedia, scanPaths } from '../ingest/scan';

export const ANALYSIS_QUEUE = 'emoqa-analysis';

/** What a job carries (validated when a worker takes it: the table may hold anything). */
export const analysisJobSchema = z.object({ path: z.string().min(1) });
export type AnalysisJobData = z.infer<typeof analysisJobSchema>;

const settingsSchema = z.object({
  // How long a job stays with a worker that has gone silent (killed, machine gone) before another takes it.
  EMOQA_QUEUE_LEASE_S: z.coerce.number().int().min(3).max(86_400).default(60),
  // Tries after the first: a worker killed mid-job uses one.
  EMOQA_QUEUE_RETRIES: z.coerce.number().int().min(0).max(20).default(2),
  EMOQA_QUEUE_POLL_S: z.coerce.number().min(0.5).max(60).default(1),
});

export interface QueueSettings {
  leaseS: number;
  retryLimit: number;
  pollS: number;
}

/** Lease, retries and polling from the environment (tests use a lease of a few seconds). */
export function queueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', `queue settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { leaseS: parsed.data.EMOQA_QUEUE_LEASE_S, retryLimit: parsed.data.EMOQA_QUEUE_RETRIES, pollS: parsed.data.EMOQA_QUEUE_POLL_S };
}

/** Connects pg-boss (creating its schema and our queue on first use). */
export async function openAnalysisQueue(url: string, settings: QueueSettings): Promise<PgBoss> {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== 'postgres') {
    throw new EmoqaError('INVALID_ARGUMENT', 'the analysis queue needs a PostgreSQL team database (--database-url postgresql://…)');
  }
  // Expired leases are found by pg-boss's maintenance: often enough that a lost job waits about one lease.
  const maintenanceIntervalSeconds = Math.max(1, Math.min(120, Math.floor(settings.leaseS / 2)));
  const boss = new PgBoss({ connectionString: target.url, max: 4, application_name: 'emoqa-queue', maintenanceIntervalSeconds });
  boss.on('error', (error: Error) => console.error(`emoqa: queue: ${error.message}`));
  try {
    await boss.start();
    if (!(await boss.getQueue(ANALYSIS_QUEUE))) {
      // Two processes starting at once may both try: the loser finds the winner's queue.
      await boss.createQueue(ANALYSIS_QUEUE, { name: ANALYSIS_QUEUE, policy: 'stately' }).catch(async (error: unknown) => {
        if (!(await boss.getQueue(ANALYSIS_QUEUE))) throw error;
      });
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw new EmoqaError('UNREADABLE', `cannot open the analysis queue: ${(error as Error).message}`, { cause: error });
  }
  return boss;
}

export interface EnqueueResult {
  queued: string[];
  /** Already waiting (or, once more, already being analysed). */
  alreadyQueued: string[];
  problems: Array<{ path: string; message: string }>;
}

/**
 * Queues files and folders: files named are queued as they are; inside folders, what looks like
 * media (as ingest counts them; probing happens in the worker, so the queue fills without reading audio).
 */
export async function enqueuePaths(boss: PgBoss, paths: readonly string[], settings: QueueSettings): Promise<EnqueueResult> {
  const scan = await scanPaths(paths);
  const result: EnqueueResult = { queued: [], alreadyQueued: [], problems: scan.problems.map((p) => ({ path: p.path, message: p.error.message })) };
  for (const entry of scan.files) {
    if (!entry.explicit && !looksLikeMedia(entry.path)) continue;
    const data: AnalysisJobData = { path: entry.path };
    const id = await boss.send(ANALYSIS_QUEUE, data, {
      singletonKey: entry.path,
      expireInSeconds: settings.leaseS,
      retryLimit: settings.retryLimit,
      retryDelay: 1,
    });
    (id ? result.queued : result.alreadyQueued).push(entry.path);
  }
  return result;
}

/**
 * Keeps a job's lease while it is worked on: pg-boss 10 expires an active job `expire_in` after its
 * `started_on` and has no heartbeat of its own, so the worker moves `started_on` on every third of the
 * lease. A long call then never outlives its lease, and a killed worker's job waits one lease, not the
 * longest call. (pg-boss's own columns: checked by the queue tests on each upgrade.)
 */
export async function renewLease(boss: PgBoss, jobId: string): Promise<void> {
  await boss.getDb().executeSql(`UPDATE pgboss.job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`, [ANALYSIS_QUEUE, jobId]);
}
