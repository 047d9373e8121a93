/**
 * The queue as a whole: job counts by state (pg-boss's tables: live jobs and the archive it moves
 * finished ones to), recent throughput and an ETA from it, failures with their errors, and the workers.
 */
import type PgBoss from 'pg-boss';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TeamDatabase } from '../../db/team-schema';
import type { QueueStatus } from '../../shared/queue-status';
import { ANALYSIS_QUEUE } from './analysis-queue';
import { listWorkers } from './queue-workers';

/** pg-boss's schema (its default; `openAnalysisQueue` does not change it). */
const SCHEMA = 'pgboss';
const RATE_WINDOW_MIN = 15;

const countsSchema = z.array(z.object({ state: z.string(), n: z.coerce.number().int() }));
const rateSchema = z.array(z.object({ n: z.coerce.number().int(), span: z.coerce.number().nullable() }));
const failureSchema = z.array(z.object({ file: z.string().nullable(), error: z.string().nullable(), at: z.coerce.date() }));

async function stateCounts(boss: PgBoss): Promise<QueueStatus['counts']> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT state::text AS state, count(*) AS n FROM (
       SELECT state FROM ${SCHEMA}.job WHERE name = $1 UNION ALL SELECT state FROM ${SCHEMA}.archive WHERE name = $1
     ) all_jobs GROUP BY state`,
    [ANALYSIS_QUEUE],
  );
  const by = new Map(countsSchema.parse(rows).map((r) => [r.state, r.n]));
  const n = (state: string) => by.get(state) ?? 0;
  return { queued: n('created') + n('retry'), active: n('active'), completed: n('completed'), failed: n('failed') };
}

/** Calls per minute over the window: completions counted from the first one's start. */
async function recentRate(boss: PgBoss): Promise<number | null> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT count(*) AS n, EXTRACT(epoch FROM now() - min(started_on)) AS span FROM ${SCHEMA}.job
     WHERE name = $1 AND state = 'completed' AND completed_on > now() - make_interval(mins => $2)`,
    [ANALYSIS_QUEUE, RATE_WINDOW_MIN],
  );
  const [row] = rateSchema.parse(rows);
  if (!row || row.n === 0 || !row.span || row.span <= 0) return null;
  return (row.n * 60) / row.span;
}

async function recentFailures(boss: PgBoss): Promise<QueueStatus['recentFailures']> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT data->>'path' AS file, output->>'message' AS error, completed_on AS at FROM ${SCHEMA}.job
     WHERE name = $1 AND state = 'failed' ORDER BY completed_on DESC LIMIT 10`,
    [ANALYSIS_QUEUE],
  );
  return failureSchema.parse(rows).map((r) => ({ file: r.file ?? '?', error: r.error ?? 'failed', at: r.at.toISOString() }));
}

export async function queueStatus(boss: PgBoss, team: Kysely<TeamDatabase>): Promise<QueueStatus> {
  const [counts, callsPerMinute, failures, workers] = await Promise.all([stateCounts(boss), recentRate(boss), recentFailures(boss), listWorkers(team)]);
  const left = counts.queued + counts.active;
  const etaS = left === 0 ? 0 : callsPerMinute ? (left * 60) / callsPerMinute : null;
  return { counts, workers, callsPerMinute, etaS, recentFailures: failures };
}
