import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerAnalyzeCommand } from '../../../../electron/cli/commands/analyze';
import { DEFAULT_CONCURRENCY } from '../../../../electron/services/app-services';

describe('emoqa analyze --help', () => {
  it('states the default of --jobs the services really use', () => {
    const program = new Command('emoqa');
    registerAnalyzeCommand(program);
    const help = program.commands.find((command) => command.name() === 'analyze')?.helpInformation() ?? '';
    expect(DEFAULT_CONCURRENCY).toBe(2);
    expect(help).toMatch(/--jobs <n>\s+recordings analysed at once \(default 2\)/);
  });
});
