import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { resolveDatabasePath } from '../../db/default-path';
import { libraryDb } from '../../db/library-database';
import { openDatabase } from '../../db/database';
import { buildReport } from '../../services/export/report';
import { writing } from '../../services/files/fs-errors';
import { LibraryService } from '../../services/library/library-service';
import { agentsCsv, summariseAgents } from '../../services/report/agent-measures';
import { EmoqaError } from '../../shared/errors';

const optionsSchema = z.object({
  db: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  agents: z.string().min(1).optional(),
  segments: z.string().min(1).optional(),
  recording: z.array(z.string().min(1)).optional(),
});

/** Written beside the target and renamed over it, so a reader never sees half a report. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const target = resolve(path);
  await writing(dirname(target), () => fs.mkdir(dirname(target), { recursive: true }));
  const temp = `${target}.${process.pid}.tmp`;
  await writing(target, async () => {
    await fs.writeFile(temp, text, 'utf8');
    await fs.rename(temp, target);
  });
}

/** `emoqa export`: the QA report (one CSV row per call, optionally one per segment). */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Write the QA report as CSV (RFC 4180, UTF-8 with BOM, formula-safe): per call the talk time, share of each emotion and ' +
        'dominant emotion per party (corrections applied), the longest run of negative emotion, review status, corrections and ' +
        'model version; with --segments, every predicted segment beside its correction.',
    )
    .option('--out <calls.csv>', 'where to write the per-call report (conversation measures, agent, team and notes included)')
    .option('--agents <agents.csv>', 'also (or only) write one row per agent: calls, talk time, customer negative share, de-escalation rate, agent negative responses, reviewed share')
    .option('--segments <segments.csv>', 'also write the per-segment report here')
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .option('--recording <id...>', 'only these recordings (default: all current ones)')
    .action(async (rawOptions: unknown) => {
      const parsed = optionsSchema.safeParse(rawOptions);
      if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
      const options = parsed.data;
      if (!options.out && !options.agents) throw new EmoqaError('INVALID_ARGUMENT', 'give --out <calls.csv>, --agents <agents.csv>, or both');
      if (options.segments && !options.out) throw new EmoqaError('INVALID_ARGUMENT', '--segments needs --out');
      // Reading only: a report from a read-only database (an archive, a colleague's copy) must work.
      const db = openDatabase(resolveDatabasePath(options.db), { readonly: true });
      try {
        if (options.out) {
          const report = await buildReport(libraryDb(db), options.recording);
          await writeAtomically(options.out, report.callsCsv);
          if (options.segments) await writeAtomically(options.segments, report.segmentsCsv);
          process.stderr.write(
            `emoqa export: ${report.calls} calls → ${resolve(options.out)}` +
              (options.segments ? `, ${report.segments} segments → ${resolve(options.segments)}` : '') +
              '\n',
          );
        }
        if (options.agents) {
          const agents = summariseAgents(await new LibraryService(libraryDb(db)).list());
          await writeAtomically(options.agents, agentsCsv(agents));
          process.stderr.write(`emoqa export: ${agents.length} agents → ${resolve(options.agents)}\n`);
        }
      } finally {
        db.close();
      }
    });
}
