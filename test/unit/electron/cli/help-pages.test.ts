import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { collectHelpPages, HELP_KEY_SEPARATOR } from '../../../../electron/cli/help-pages';

function makeProgram(): Command {
  const program = new Command('tool').version('1.2.3').description('A tool.');
  program.command('run <file>').description('Runs a file.').action(() => {
    throw new Error('a help request must never run a command');
  });
  const group = program.command('group').description('Two more.');
  group.command('inner').description('The inner one.').action(() => undefined);
  return program;
}

describe('collectHelpPages', () => {
  const pages = collectHelpPages(makeProgram);
  const page = (...args: string[]) => pages[args.join(HELP_KEY_SEPARATOR)];

  it("keeps commander's own text for every help and version request", () => {
    expect(page('--help')).toBe(makeProgram().helpInformation());
    expect(page('-h')).toBe(page('--help'));
    expect(page('help')).toBe(page('--help'));
    expect(page('-V')).toBe('1.2.3\n');
    expect(page('run', '--help')).toMatch(/^Usage: tool run \[options\] <file>/);
    expect(page('help', 'run')).toBe(page('run', '--help'));
    expect(page('group', 'inner', '-h')).toMatch(/The inner one\./);
  });

  it('stores nothing that is not a help request', () => {
    expect(Object.keys(pages).every((key) => /(^|\0)(--help|-h|help|-V|--version)(\0|$)/.test(key))).toBe(true);
    expect(page('run', 'a.wav')).toBeUndefined();
  });
});
