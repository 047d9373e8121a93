import type { Command } from 'commander';
import { z } from 'zod';
import { invokeHandler } from '../../services/invoke';
import type { ModelVersionInfo } from '../../shared/contract';
import { parseOptions, waitForReanalysis, withServices } from './retrain';

const common = { db: z.string().min(1).optional(), json: z.boolean().optional(), modelDir: z.string().min(1).optional() };
const MODEL_DIR_HELP = 'the shipped model (default: the installed model)';
const listSchema = z.object(common);
const activateSchema = z.object({ ...common, reanalyse: z.boolean().default(true) });

function line(v: ModelVersionInfo): string {
  const r = v.report;
  const figures = r
    ? `corrections ${(100 * r.before.corrections.accuracy).toFixed(1)}% → ${(100 * r.after.corrections.accuracy).toFixed(1)}%, ` +
      `base ${(100 * r.after.base.accuracy).toFixed(1)}% (reference ${(100 * r.baseReference.score.accuracy).toFixed(1)}%), ${r.data.corrections} corrections`
    : (v.notes ?? '');
  return `${v.active ? '*' : ' '} ${v.version.padEnd(40)} ${v.source.padEnd(9)} ${v.createdAt.slice(0, 19)}  ${figures}`;
}

/** `emoqa models list|activate|rollback`: the model versions of a database. */
export function registerModelsCommand(program: Command): void {
  const models = program.command('models').description('List the model versions (shipped and retrained), activate one, or roll back.');

  models
    .command('list')
    .description('List model versions, newest first; * marks the active one.')
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .option('--json', 'print the versions as JSON')
    .option('--model-dir <dir>', MODEL_DIR_HELP)
    .action(async (raw: unknown) => {
      const o = parseOptions(listSchema, raw);
      await withServices(o.db, async (services) => {
        const versions = await invokeHandler(services.handlers, 'models.list', {});
        process.stdout.write(o.json ? JSON.stringify(versions, null, 2) + '\n' : versions.map(line).join('\n') + '\n');
      }, o.modelDir);
    });

  const activation = (name: 'activate' | 'rollback', description: string) => {
    const command = models.command(name).description(description);
    if (name === 'activate') command.argument('<version>', 'a version from `emoqa models list`');
    return command
      .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
      .option('--no-reanalyse', 'do not re-analyse the calls with it now (human labels are kept either way)')
      .option('--json', 'print the activated version as JSON')
      .option('--model-dir <dir>', MODEL_DIR_HELP);
  };
  const run = async (version: string | null, raw: unknown): Promise<void> => {
    const o = parseOptions(activateSchema, raw);
    await withServices(o.db, async (services) => {
      const result = version === null
        ? await invokeHandler(services.handlers, 'models.rollback', { reanalyse: o.reanalyse })
        : await invokeHandler(services.handlers, 'models.activate', { version, reanalyse: o.reanalyse });
      process.stdout.write(o.json ? JSON.stringify(result, null, 2) + '\n' : `active: ${result.version}\n`);
      await waitForReanalysis(services, result.reanalysisJobId);
    }, o.modelDir);
  };
  activation('activate', 'Make a version the active one; calls are re-analysed with it, human labels stay.').action((version: string, raw: unknown) => run(version, raw));
  activation('rollback', 'Go back to the version that was active before the current one.').action((raw: unknown) => run(null, raw));
}
