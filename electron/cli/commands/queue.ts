import { resolve } from 'node:path';
import type { Command } from 'commander';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { resolveDatabasePath } from '../../db/default-path';
import type { TeamDatabaseHandle } from '../../db/team-database';
import { widenAnalysisHeap } from '../../services/analysis/analysis-pool';
import { createAppServices } from '../../services/app-services';
import type { QueueStatus } from '../../shared/queue-status';
import { clock } from './analyze';
import { parseOptions } from './retrain';

const DATABASE_URL_HELP = 'team database, PostgreSQL: postgresql://… (default: $EMOQA_DATABASE_URL)';
const urlOnly = z.object({ databaseUrl: z.string().min(1).optional() });
const statusSchema = urlOnly.extend({ json: z.boolean().optional() });
const workerSchema = urlOnly.extend({
  db: z.string().min(1).optional(),
  concurrency: z.coerce.number().int().min(1).max(64).default(1),
  modelDir: z.string().min(1).optional(),
});

/** Imported when a queue command runs: `--help` and the other commands never load kysely, pg and pg-boss. */
async function queueModules() {
  const [database, queue, worker, status] = await Promise.all([
    import('../../db/team-database'), import('../../services/team/analysis-queue'), import('../../services/team/analysis-worker'), import('../../services/team/queue-status')]);
  return { ...database, ...queue, ...worker, ...status };
}

type QueueModules = Awaited<ReturnType<typeof queueModules>>;

async function withQueue<T>(databaseUrl: string | undefined, run: (boss: PgBoss, team: TeamDatabaseHandle, m: QueueModules) => Promise<T>): Promise<T> {
  const m = await queueModules();
  const { openTeamDatabase, openAnalysisQueue, queueSettings } = m;
  const url = m.resolveDatabaseUrl(databaseUrl);
  const team = await openTeamDatabase(url);
  try {
    const boss = await openAnalysisQueue(url, queueSettings());
    try {
      return await run(boss, team, m);
    } finally {
      await boss.stop({ graceful: true, wait: true });
    }
  } finally {
    await team.close();
  }
}

function printStatus(status: QueueStatus): void {
  const { queued, active, completed, failed } = status.counts;
  const rate = status.callsPerMinute === null ? '–' : status.callsPerMinute.toFixed(1);
  process.stdout.write(`queued ${queued}  active ${active}  completed ${completed}  failed ${failed}  |  ${rate} calls/min  ETA ${status.etaS === null ? '–' : clock(status.etaS)}\n`);
  for (const w of status.workers) {
    const doing = w.current.length ? w.current.map((c) => `${c.file} (since ${c.since.slice(11, 19)})`).join(', ') : 'idle';
    process.stdout.write(`  ${w.alive ? '●' : '✗ lost'} ${w.host}:${w.pid} ×${w.concurrency}  done ${w.done} failed ${w.failed}  ${doing}\n`);
  }
  for (const f of status.recentFailures) process.stdout.write(`  failed ${f.at.slice(0, 19)} ${f.error}\n`);
}

/** `emoqa enqueue`, `emoqa worker`, `emoqa status`: analysis of a team's calls on a durable queue (pg-boss). */
export function registerQueueCommands(program: Command): void {
  program
    .command('enqueue')
    .description('Queue files or folders (recursively) for analysis by `emoqa worker`; a file already waiting is not queued again.')
    .argument('<paths...>', 'audio files or folders, as the workers will see them')
    .option('--database-url <url>', DATABASE_URL_HELP)
    .action(async (paths: string[], raw: unknown) => {
      const o = parseOptions(urlOnly, raw);
      const result = await withQueue(o.databaseUrl, (boss, _team, m) => m.enqueuePaths(boss, paths.map((p) => resolve(p)), m.queueSettings()));
      for (const p of result.problems) process.stderr.write(`✗ ${p.path}: ${p.message}\n`);
      process.stdout.write(`queued ${result.queued.length}, already queued ${result.alreadyQueued.length}\n`);
      if (result.problems.length > 0) process.exitCode = 1;
    });

  program
    .command('worker')
    .description(
      'Analyse queued files into the library until stopped (Ctrl+C or SIGTERM: finish the jobs in hand; twice: release them). ' +
        'Run as many as you like, on any machines that see the recordings: the analysed calls go into the library in the same PostgreSQL database as the queue.',
    )
    .option('--database-url <url>', DATABASE_URL_HELP)
    .option('--db <file>', 'beside it, the retrained models (default: $EMOQA_DB, else the per-user database)')
    .option('--concurrency <n>', 'files analysed at once, one analysis thread each (default 1)')
    .option('--model-dir <dir>', 'model files (default: the shipped model)')
    .action(async (raw: unknown) => {
      const o = parseOptions(workerSchema, raw);
      const { openAnalysisQueue, openTeamDatabase, queueSettings, resolveDatabaseUrl, startAnalysisWorker } = await queueModules();
      const url = resolveDatabaseUrl(o.databaseUrl);
      const settings = queueSettings();
      const team = await openTeamDatabase(url);
      const boss = await openAnalysisQueue(url, settings);
      widenAnalysisHeap();
      const services = await createAppServices({
        databasePath: resolveDatabasePath(o.db),
        // The queue is PostgreSQL's (pg-boss), and so is the library the calls are stored in.
        libraryUrl: url,
        appVersion: 'worker',
        modelDir: o.modelDir && resolve(o.modelDir),
        concurrency: o.concurrency,
        resumeInterrupted: false,
      });
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const worker = await startAnalysisWorker({ boss, team: team.db, services, concurrency: o.concurrency, pollS: settings.pollS, leaseS: settings.leaseS, log });
      log(`emoqa worker ${worker.id} ×${o.concurrency} on ${team.shown} (lease ${settings.leaseS} s)`);
      let signals = 0;
      await new Promise<void>((done) => {
        const onSignal = () => {
          signals++;
          if (signals === 1) {
            log('stopping: finishing the jobs in hand (again to release them)');
            void worker.drain().then(done);
          } else {
            // Cancels the analyses in hand: their jobs fail this try and go back to the queue.
            void services.close();
          }
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await services.close();
      await team.close();
      log('emoqa worker stopped');
    });

  program
    .command('status')
    .description('The analysis queue: queued, active, completed and failed jobs, what each worker is doing, calls per minute and an ETA.')
    .option('--database-url <url>', DATABASE_URL_HELP)
    .option('--json', 'print it as JSON')
    .action(async (raw: unknown) => {
      const o = parseOptions(statusSchema, raw);
      const status = await withQueue(o.databaseUrl, (boss, team, m) => m.queueStatus(boss, team.db));
      if (o.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      else printStatus(status);
    });
}
