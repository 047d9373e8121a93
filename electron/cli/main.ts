import { CommanderError } from 'commander';
import { toErrorPayload } from '../shared/errors';
import { buildProgram } from './program';

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
