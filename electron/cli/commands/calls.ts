import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { openDatabase } from '../../db/database';
import { libraryDb } from '../../db/library-database';
import { resolveDatabasePath } from '../../db/default-path';
import { importMetadata } from '../../services/calls/call-metadata';
import { EmoqaError } from '../../shared/errors';

const optionsSchema = z.object({ db: z.string().min(1).optional() });

/** `emoqa calls import-metadata FILE.csv`: agent, team and start time per call. */
export function registerCallsCommand(program: Command): void {
  const calls = program.command('calls').description('Per-call metadata: who took the call and when.');
  calls
    .command('import-metadata <file>')
    .description(
      'Read a CSV with columns file,agent,team,started_at (UTF-8, header row) and attach agent, team and start time to each call, ' +
        'matched by path (relative paths are read from the CSV folder), else by file name. A bad row stops the import before anything changes.',
    )
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .action(async (file: string, rawOptions: unknown) => {
      const parsed = optionsSchema.safeParse(rawOptions);
      if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => i.message).join('; '));
      let csv: string;
      try {
        csv = readFileSync(resolve(file), 'utf8');
      } catch (error) {
        throw new EmoqaError('NOT_FOUND', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      const db = openDatabase(resolveDatabasePath(parsed.data.db));
      try {
        const result = await importMetadata(libraryDb(db), csv, dirname(resolve(file)));
        process.stdout.write(`emoqa calls import-metadata: ${result.matched} of ${result.rows} rows matched a call\n`);
        for (const u of result.unmatched) process.stderr.write(`  line ${u.line}: no call matches ${u.file}\n`);
        for (const a of result.ambiguous) process.stderr.write(`  line ${a.line}: ${a.candidates} calls are named ${a.file}; give the full path\n`);
        if (result.unmatched.length || result.ambiguous.length) process.exitCode = 2;
      } finally {
        db.close();
      }
    });
}
