import { type Command, CommanderError } from 'commander';

/** What `emoqa ARGS` prints for each help or version request, keyed by its arguments joined with NUL. */
export type HelpPages = Record<string, string>;

export const HELP_KEY_SEPARATOR = '\0';

/** Every command's path below the program: [] for the program itself, ['labels', 'import'], … */
function commandPaths(command: Command, path: string[] = []): string[][] {
  return [path, ...command.commands.flatMap((sub) => commandPaths(sub, [...path, sub.name()]))];
}

function forEachCommand(command: Command, visit: (command: Command) => void): void {
  visit(command);
  for (const sub of command.commands) forEachCommand(sub, visit);
}

/** The argument lists that ask for help or the version, as a user types them. */
function helpRequests(program: Command): string[][] {
  const requests: string[][] = [['--version'], ['-V'], ['help']];
  for (const path of commandPaths(program)) {
    requests.push([...path, '--help'], [...path, '-h']);
    if (path.length === 1) requests.push(['help', path[0]]);
  }
  return requests;
}

/**
 * Runs each help request through commander itself, with its output captured, and keeps those that
 * print to stdout only and exit 0: the pages are what commander prints, not a second layout of it.
 * `makeProgram` must give a fresh program each time (commander keeps parse state).
 */
export function collectHelpPages(makeProgram: () => Command): HelpPages {
  const pages: HelpPages = {};
  for (const args of helpRequests(makeProgram())) {
    const program = makeProgram();
    let out = '';
    let err = '';
    forEachCommand(program, (command) => {
      command.exitOverride().configureOutput({ writeOut: (text) => (out += text), writeErr: (text) => (err += text) });
    });
    let exitCode = -1;
    try {
      program.parse(args, { from: 'user' });
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      exitCode = error.exitCode;
    }
    if (exitCode === 0 && err === '' && out !== '') pages[args.join(HELP_KEY_SEPARATOR)] = out;
  }
  return pages;
}
