import type { Command } from 'commander';
import { resolve } from 'node:path';
import { z } from 'zod';
import { describeMemory } from '../../shared/retrain-memory';
import { describeLine } from '../../shared/line-stats-text';
import { resolveDatabasePath } from '../../db/default-path';
import { createAppServices, type AppServices } from '../../services/app-services';
import { invokeHandler } from '../../services/invoke';
import type { EvalScore, RetrainJudging, RetrainOutcome, RetrainReadiness } from '../../shared/contract';
import { EmoqaError } from '../../shared/errors';
import { DEFAULT_RETRAIN_CONFIG } from '../../../ml/retrain/protocol';

const optionsSchema = z.object({
  db: z.string().min(1).optional(),
  modelDir: z.string().min(1).optional(),
  activate: z.boolean().optional(),
  json: z.boolean().optional(),
  correctionWeight: z.coerce.number().min(1).max(100).optional(),
  maxBaseDrop: z.coerce.number().min(0).max(100).optional(),
  minGain: z.coerce.number().min(-100).max(100).optional(),
  folds: z.coerce.number().int().min(2).max(20).optional(),
  minSure: z.coerce.number().min(0).max(100).optional(),
  epochs: z.coerce.number().int().min(1).max(200).optional(),
  fineTuneKeep: z.coerce.number().gt(0).max(100).optional(),
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

const signedPoints = (x: number): string => `${x >= 0 ? '+' : '−'}${(100 * Math.abs(x)).toFixed(1)}`;

/** What the labels allow and how the version will be judged: printed before training starts. */
export function describeReadiness(r: RetrainReadiness): string {
  const classes = Object.entries(r.classes).map(([e, n]) => `${e} ${n}`).join(', ');
  return [
    `corrections: ${r.labels} labels on ${r.calls} calls, about ${r.windows} windows${classes ? ` (${classes})` : ''}`,
    ...(r.ready ? [`  ${r.plan}`] : r.needs.map((n) => `  ✗ needs ${n}`)),
  ].join('\n');
}

export function describeJudging(j: RetrainJudging): string {
  const method = { 'leave-one-call-out': 'leave one call out', 'k-fold-by-call': `${j.folds} folds by call`, 'k-fold-by-group': `${j.folds} folds by agent` }[j.method];
  const classes = Object.entries(j.classes).map(([e, n]) => `${e} ${n}`).join(', ');
  return [
    `  judged by ${method}: ${j.calls} calls, ${j.windows} held-out windows (${classes})`,
    `  gain ${signedPoints(j.gain)} points, ${Math.round(100 * j.coverage)}% interval ${signedPoints(j.interval[0])} to ${signedPoints(j.interval[1])} (bootstrap over calls), better in ${(100 * j.probabilityBetter).toFixed(0)}% of resamples`,
    ...j.perCall.map((c) => `    ${c.name.padEnd(24)} ${String(c.windows).padStart(4)} windows  ${pct({ accuracy: c.before / c.windows, macroF1: 0, n: c.windows })} → ${pct({ accuracy: c.after / c.windows, macroF1: 0, n: c.windows })}`),
  ].join('\n');
}

export function describeOutcome(outcome: RetrainOutcome): string {
  if (!outcome.report) return `retraining ${outcome.state}: ${outcome.error?.message ?? ''} (${outcome.error?.code ?? ''})`;
  const r = outcome.report;
  const verdict = { activated: 'activated', offered: 'offered (activate with: emoqa models activate ' + r.version + ')', rejected: 'REJECTED, the current model stays', cancelled: 'cancelled', failed: 'failed' }[outcome.state];
  return [
    `${r.version} from ${r.parent}: ${verdict}`,
    `  shipped version trained on all ${r.data.corrections} corrections in ${r.data.trainCalls} calls (${r.data.trainWindows} windows, weight ${r.data.correctionWeight}×) + ${r.data.baseRows} base rows (${r.data.baseSource}), ${r.seconds.toFixed(0)} s`,
    `  ${''.padEnd(48)} before    after`,
    `  ${`corrected calls, cross-validated (${r.data.heldOutCalls}, ${r.after.corrections.n} windows)`.padEnd(48)} ${pct(r.before.corrections)}  ${pct(r.after.corrections)}`,
    `  ${`base validation (${r.data.validationSpeakers.join(' ')}, ${r.after.base.n} rows)`.padEnd(48)} ${pct(r.before.base)}  ${pct(r.after.base)}` +
      `   reference ${pct(r.baseReference.score).trim()} (${r.baseReference.kind === 'control' ? 'control without corrections: the current model heard these voices' : 'current model'})`,
    ...(r.judging ? [describeJudging(r.judging)] : []),
    ...(r.memory ? [`  version: ${describeMemory(r.memory)}`] : []),
    ...r.reasons.map((reason) => `  ✗ ${reason}`),
  ].join('\n');
}

/** `emoqa retrain`: a new model version from the reviewers' corrections, judged before it is offered. */
export function registerRetrainCommand(program: Command): void {
  program
    .command('retrain')
    .description(
      'Train a new model version from every human label in the database plus the base data shipped with the model, judge it on ' +
        'corrected calls by cross-validation (each call judged by a version trained without it, every held-out window pooled, the gain ' +
        'with a bootstrap interval over calls) and on the base validation speakers; the version offered (or activated with --activate) ' +
        'is trained on ALL corrections, and only if it is better on the corrections and at most --max-base-drop points worse on the base ' +
        'set. Needs labels on at least 2 calls and 20 correction windows. Exit status 2 when it is rejected.',
    )
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .option('--model-dir <dir>', 'the shipped model and its feature-bank.bin (default: the installed model)')
    .option('--activate', 'activate the new version if it passes, and re-analyse the library with it')
    .option('--json', 'print the outcome as JSON')
    .option('--correction-weight <n>', 'a correction counts this many base rows of its class (default 4)')
    .option('--max-base-drop <points>', 'largest drop allowed on the base validation set, in points (default 2)')
    .option('--min-gain <points>', 'the held-out corrections must improve by more than this, in points (default 0)')
    .option('--fine-tune-keep <percent>', `share of the fine-tuning's weight change the party head keeps (default ${100 * DEFAULT_RETRAIN_CONFIG.fineTuneKeep}; less forgets the base voices less)`)
    .option('--folds <n>', 'cross-validation folds by call at most (default 5; up to that many calls: leave one call out)')
    .option('--min-sure <percent>', `share of bootstrap resamples of the calls in which it must be better (default ${100 * DEFAULT_RETRAIN_CONFIG.minProbabilityBetter})`)
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
        const { readiness } = await invokeHandler(services.handlers, 'models.retrainStatus', {});
        process.stderr.write(describeReadiness(readiness) + '\n');
        process.stderr.write(`line: ${describeLine(await invokeHandler(services.handlers, 'models.lineStats', {}))}\n`);
        const interrupt = (): void => void invokeHandler(services.handlers, 'models.cancelRetrain', {});
        process.once('SIGINT', interrupt);
        try {
          await invokeHandler(services.handlers, 'models.retrain', {
            activate: o.activate, correctionWeight: o.correctionWeight, epochs: o.epochs, folds: o.folds,
            fineTuneKeep: o.fineTuneKeep === undefined ? undefined : o.fineTuneKeep / 100,
            minProbabilityBetter: o.minSure === undefined ? undefined : o.minSure / 100,
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
