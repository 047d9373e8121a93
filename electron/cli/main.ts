import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { toErrorPayload } from '../shared/errors';
import { registerAnalyzeCommand } from './commands/analyze';
import { registerCallsCommand } from './commands/calls';
import { registerClassifyCommand } from './commands/classify';
import { registerEvaluateCommand } from './commands/evaluate';
import { registerExportCommand } from './commands/export';
import { registerFeaturesCommand } from './commands/features';
import { registerLabelsCommand } from './commands/labels';
import { registerModelsCommand } from './commands/models';
import { registerRetrainCommand } from './commands/retrain';
import { registerScorecardCommand } from './commands/scorecard';
import { registerServeCommand } from './commands/serve';
import { registerServerCommand } from './commands/server';
import { registerTrainCommand } from './commands/train';
import { registerUsersCommand } from './commands/users';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('emoqa')
    .description('Emotion QA for call recordings: analyse calls, classify utterances, export reports, serve the UI.')
    .version(packageJson.version)
    .showHelpAfterError();
  registerFeaturesCommand(program);
  registerClassifyCommand(program);
  registerEvaluateCommand(program);
  registerTrainCommand(program);
  registerAnalyzeCommand(program);
  registerExportCommand(program);
  registerLabelsCommand(program);
  registerRetrainCommand(program);
  registerModelsCommand(program);
  registerServeCommand(program);
  registerServerCommand(program);
  registerCallsCommand(program);
  registerScorecardCommand(program);
  registerUsersCommand(program);
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const payload = toErrorPayload(error);
    process.stderr.write(`emoqa: ${payload.message} (${payload.code})\n`);
    process.exitCode = 1;
  }
}

await main();
