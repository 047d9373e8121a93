import type { Command } from 'commander';
import { resolve } from 'node:path';
import { z } from 'zod';
import { resolveDatabasePath } from '../../db/default-path';
import { createAppServices, type AppServices } from '../../services/app-services';
import { invokeHandler } from '../../services/invoke';
import type { EvalScore, RetrainOutcome } from '../../shared/contract';
import { EmoqaError } from '../../shared/errors';

const optionsSchema = z.object({
  db: z.string().min(1).optional(),
  modelDir: z.string().min(1).optional(),
  activate: z.boolean().optional(),
  json: z.boolean().optional(),
  correctionWeight: z.coerce.number().min(1).max(100).optional(),
  maxBaseDrop: z.coerce.number().min(0).max(100).optional(),
  minGain: z.coerce.number().min(-100).max(100).optional(),
  heldOut: z.coerce.number().min(0.05).max(0.9).optional(),
  epochs: z.coerce.number().int().min(1).max(200).optional(),
});

export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** `modelDir`: the shipped model's folder, when it is not the installed one (its feature bank sits beside it). */
export async function withServices<T>(db: string | undefined, run: (services: AppServices) => Promise<T>, modelDir?: string): Promise<T> {
  const services = await createAppServices({ databasePath: resolveDatabasePath(db), appVersion: 'cli', resumeInterrupted: false, modelDir: modelDir && resolve(modelDir) });
  try {
    return await run(services);
  } finally {
    await services.close();
  }
}

/** Waits for a re-analysis job, with a one-line progress on a terminal. */
export async function waitForReanalysis(services: AppServices, jobId: string | null): Promise<void> {
  if (!jobId) return;
  const off = services.events.on('analysis.progress', (p) => {
    if (p.jobId === jobId && process.stderr.isTTY) process.stderr.write(`\rre-analysing with the new version: ${p.filesDone}/${p.filesTotal} calls`);
  });
  try {
    await services.waitForJob(jobId);
  } finally {
    off();
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
}

const pct = (s: EvalScore): string => `${(100 * s.accuracy).toFixed(1)}%`.padStart(7);

export function describeOutcome(outcome: RetrainOutcome): string {
  if (!outcome.report) return `retraining ${outcome.state}: ${outcome.error?.message ?? ''} (${outcome.error?.code ?? ''})`;
  const r = outcome.report;
  const verdict = { activated: 'activated', offered: 'offered (activate with: emoqa models activate ' + r.version + ')', rejected: 'REJECTED, the current model stays', cancelled: 'cancelled', failed: 'failed' }[outcome.state];
  return [
    `${r.version} from ${r.parent}: ${verdict}`,
    `  trained on ${r.data.corrections} corrections in ${r.data.trainCalls} calls (${r.data.trainWindows} windows, weight ${r.data.correctionWeight}×) + ${r.data.baseRows} base rows (${r.data.baseSource}), ${r.seconds.toFixed(0)} s`,
    `  ${''.padEnd(48)} before    after`,
    `  ${`held-out corrected calls (${r.data.heldOutCalls}, ${r.after.corrections.n} windows)`.padEnd(48)} ${pct(r.before.corrections)}  ${pct(r.after.corrections)}`,
    `  ${`base validation (${r.data.validationSpeakers.join(' ')}, ${r.after.base.n} rows)`.padEnd(48)} ${pct(r.before.base)}  ${pct(r.after.base)}` +
      `   reference ${pct(r.baseReference.score).trim()} (${r.baseReference.kind === 'control' ? 'control without corrections: the current model heard these voices' : 'current model'})`,
    ...r.reasons.map((reason) => `  ✗ ${reason}`),
  ].join('\n');
}

/** `emoqa retrain`: a new model version from the reviewers' corrections, judged before it is offered. */
export function registerRetrainCommand(program: Command): void {
  program
    .command('retrain')
    .description(
      'Train a new model version from every human label in the database plus the base data shipped with the model, judge it on ' +
        'held-out corrected calls and on the base validation speakers, and offer it (or activate it with --activate) only if it is ' +
        'better on the corrections and at most --max-base-drop points worse on the base set. Exit status 2 when it is rejected.',
    )
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .option('--model-dir <dir>', 'the shipped model and its feature-bank.bin (default: the installed model)')
    .option('--activate', 'activate the new version if it passes, and re-analyse the library with it')
    .option('--json', 'print the outcome as JSON')
    .option('--correction-weight <n>', 'a correction counts this many base rows of its class (default 4)')
    .option('--max-base-drop <points>', 'largest drop allowed on the base validation set, in points (default 2)')
    .option('--min-gain <points>', 'the held-out corrections must improve by more than this, in points (default 0)')
    .option('--held-out <share>', 'share of corrected calls held out to judge the new version (default 0.25)')
    .option('--epochs <n>', 'training epochs per head (default 24)')
    .action(async (raw: unknown) => {
      const o = parseOptions(optionsSchema, raw);
      await withServices(o.db, async (services) => {
        const finished = new Promise<void>((resolve) => {
          const off = services.events.on('models.progress', (stage, done, total, etaS) => {
            if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${stage} ${done}/${total}${etaS === null ? '' : `, ~${Math.ceil(etaS)} s left`}`);
            if (!['finished', 'cancelled', 'failed'].includes(stage)) return;
            off();
            resolve();
          });
        });
        const interrupt = (): void => void invokeHandler(services.handlers, 'models.cancelRetrain', {});
        process.once('SIGINT', interrupt);
        try {
          await invokeHandler(services.handlers, 'models.retrain', {
            activate: o.activate, correctionWeight: o.correctionWeight, epochs: o.epochs, heldOutShare: o.heldOut,
            maxBaseDrop: o.maxBaseDrop === undefined ? undefined : o.maxBaseDrop / 100,
            minCorrectionGain: o.minGain === undefined ? undefined : o.minGain / 100,
          });
          await finished;
        } finally {
          process.off('SIGINT', interrupt);
          if (process.stderr.isTTY) process.stderr.write('\n');
        }
        const outcome = (await invokeHandler(services.handlers, 'models.retrainStatus', {})).last;
        if (!outcome) throw new EmoqaError('INTERNAL', 'the retraining left no outcome');
        process.stdout.write(o.json ? JSON.stringify(outcome, null, 2) + '\n' : describeOutcome(outcome) + '\n');
        await waitForReanalysis(services, outcome.reanalysisJobId);
        if (outcome.state === 'failed' || outcome.state === 'cancelled') process.exitCode = 1;
        else if (outcome.state === 'rejected') process.exitCode = 2;
      }, o.modelDir);
    });
}
