import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze';
import { registerCallsCommand } from './commands/calls';
import { registerClassifyCommand } from './commands/classify';
import { registerEvaluateCommand } from './commands/evaluate';
import { registerExportCommand } from './commands/export';
import { registerFeaturesCommand } from './commands/features';
import { registerLabelsCommand } from './commands/labels';
import { registerModelsCommand } from './commands/models';
import { registerQueueCommands } from './commands/queue';
import { registerRetrainCommand } from './commands/retrain';
import { registerScorecardCommand } from './commands/scorecard';
import { registerServeCommand } from './commands/serve';
import { registerServerCommand } from './commands/server';
import { registerTrainCommand } from './commands/train';
import { registerUsersCommand } from './commands/users';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Help wraps at 80 columns in every terminal, so that a help page is one text whatever the window:
 * the bin prints it from the build's copy (help-pages.ts) without loading the commands.
 */
export const HELP_WIDTH = 80;

/** Every command and option of `emoqa`, without running any: main.ts parses, help-pages.ts lists. */
export function buildProgram(): Command {
  const program = new Command('emoqa')
    .description('Emotion QA for call recordings: analyse calls, classify utterances, export reports, serve the UI.')
    .version(packageJson.version)
    .showHelpAfterError()
    .configureHelp({ helpWidth: HELP_WIDTH });
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
  registerQueueCommands(program);
  return program;
}
