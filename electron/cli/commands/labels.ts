import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { resolveDatabasePath } from '../../db/default-path';
import { createAppServices, type AppServices } from '../../services/app-services';
import { writing } from '../../services/files/fs-errors';
import { invokeHandler } from '../../services/invoke';
import { emotionFromLabel, formatAudacityLabels, parseAudacityLabels } from '../../services/labels/audacity';
import type { Results } from '../../shared/contract';
import type { LabelValue } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';

const target = { db: z.string().min(1).optional(), recording: z.string().min(1).optional(), file: z.string().min(1).optional() };
const exportSchema = z.object({ ...target, outDir: z.string().min(1), source: z.enum(['effective', 'predictions', 'labels']).default('effective') });
const csvSchema = z.object({ db: z.string().min(1).optional(), reviewer: z.string().trim().min(1).max(100).optional() });
const importSchema = z.object({
  ...target,
  channel: z.coerce.number().int().min(0).max(7),
  reviewer: z.string().trim().min(1).max(100).optional(),
  skipUnknown: z.boolean().optional(),
});

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new EmoqaError('INVALID_ARGUMENT', parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** A recording named by id, or by a file (its path, an unambiguous name, or its content). */
async function findRecording(services: AppServices, options: { recording?: string; file?: string }): Promise<Results['recordings.get']> {
  if (!options.recording === !options.file) throw new EmoqaError('INVALID_ARGUMENT', 'name the call with exactly one of --recording ID or --file PATH');
  if (options.recording) return invokeHandler(services.handlers, 'recordings.get', { id: options.recording });
  return invokeHandler(services.handlers, 'recordings.find', { file: resolve(options.file ?? '') });
}

async function withServices<T>(db: string | undefined, run: (services: AppServices) => Promise<T>): Promise<T> {
  const services = await createAppServices({ databasePath: resolveDatabasePath(db), appVersion: 'cli', resumeInterrupted: false });
  try {
    return await run(services);
  } finally {
    await services.close();
  }
}

type Span = { start: number; end: number; emotion: LabelValue };

/** One party's spans, through the contract: as the reviewer sees them, the model's, or the corrections. */
async function spansFor(services: AppServices, id: string, source: 'effective' | 'predictions' | 'labels'): Promise<Map<number, Span[]>> {
  const byChannel = new Map<number, Span[]>();
  const add = (channel: number, span: Span) => byChannel.set(channel, [...(byChannel.get(channel) ?? []), { start: span.start, end: span.end, emotion: span.emotion }]);
  if (source === 'effective') {
    for (const party of await invokeHandler(services.handlers, 'recordings.timeline', { id })) for (const span of party.spans) add(party.channel, span);
    return byChannel;
  }
  const { predictions, labels } = await invokeHandler(services.handlers, 'recordings.regions', { id });
  for (const item of source === 'predictions' ? predictions : labels) add(item.channel, item);
  for (const spans of byChannel.values()) spans.sort((a, b) => a.start - b.start);
  return byChannel;
}

/** `emoqa labels …`: Audacity label tracks in and out, one track per party; labels from a CSV. */
export function registerLabelsCommand(program: Command): void {
  const labels = program.command('labels').description('Exchange emotion labels with Audacity (label tracks: start<TAB>end<TAB>emotion, seconds).');

  labels
    .command('export')
    .description('Write one Audacity label track per party: DIR/<file>.ch<N>-<role>.txt')
    .option('--recording <id>', 'the recording id (as in the export or `analyze --json`)')
    .option('--file <path>', 'the call by its audio file instead of its id')
    .requiredOption('--out-dir <dir>', 'folder for the label files')
    .option('--source <which>', 'effective (predictions with corrections applied), predictions, or labels (corrections only)', 'effective')
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .action(async (raw: unknown) => {
      const options = parse(exportSchema, raw);
      await withServices(options.db, async (services) => {
        const recording = await findRecording(services, options);
        const { parties } = recording;
        if (parties.length === 0) throw new EmoqaError('CONFLICT', `${recording.fileName} has not been analysed yet (${recording.status})`);
        await writing(resolve(options.outDir), () => fs.mkdir(resolve(options.outDir), { recursive: true }));
        const stem = basename(recording.fileName, extname(recording.fileName));
        const byChannel = await spansFor(services, recording.id, options.source);
        for (const party of parties) {
          const out = join(resolve(options.outDir), `${stem}.ch${party.channel}-${party.role}.txt`);
          const spans = byChannel.get(party.channel) ?? [];
          await fs.writeFile(out, formatAudacityLabels(spans), 'utf8');
          process.stdout.write(`${out}\t${spans.length} labels\n`);
        }
      });
    });

  labels
    .command('import-audacity')
    .description('Add the labels of an Audacity label track as a reviewer\'s corrections on one channel (all or none; predictions are kept).')
    .argument('<labels.txt>', 'Audacity label track (File › Export › Export Labels)')
    .option('--recording <id>', 'the recording id')
    .option('--file <path>', 'the call by its audio file instead of its id')
    .requiredOption('--channel <n>', 'channel the labels belong to, 0-based (0 = left/agent, 1 = right/customer)')
    .option('--reviewer <name>', 'who the corrections are attributed to (default: the saved reviewer name)')
    .option('--skip-unknown', 'skip labels that are not one of the seven emotions instead of refusing the file')
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .action(async (file: string, raw: unknown) => {
      const options = parse(importSchema, raw);
      const parsed = parseAudacityLabels(await fs.readFile(resolve(file), 'utf8'));
      const spans: Array<Span & { channel: number }> = [];
      const unknown: string[] = [];
      for (const label of parsed) {
        const emotion = emotionFromLabel(label.text);
        if (!emotion) unknown.push(`line ${label.line}: ${JSON.stringify(label.text)}`);
        else if (label.end > label.start) spans.push({ channel: options.channel, start: label.start, end: label.end, emotion });
      }
      if (unknown.length && !options.skipUnknown) {
        throw new EmoqaError('INVALID_ARGUMENT', `labels that are not emotions (use --skip-unknown to ignore them): ${unknown.slice(0, 5).join('; ')}`);
      }
      await withServices(options.db, async (services) => {
        const { id } = await findRecording(services, options);
        const created = await invokeHandler(services.handlers, 'labels.import', { recordingId: id, labels: spans, reviewer: options.reviewer });
        process.stdout.write(`imported ${created.length} labels into ${id} channel ${options.channel}` +
          (parsed.length - created.length ? ` (${parsed.length - created.length} skipped: point labels or unknown)` : '') + '\n');
      });
    });

  labels
    .command('import')
    .description('Add labels made elsewhere as corrections: a CSV with columns file,channel,start,end,emotion (file: path relative to the CSV, ' +
      'absolute, or an unambiguous file name; channel: 0-based or agent/customer; seconds). All rows or none; predictions are kept.')
    .argument('<file.csv>', 'the labels')
    .option('--reviewer <name>', 'who the corrections are attributed to (default: the saved reviewer name)')
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .action(async (file: string, raw: unknown) => {
      const options = parse(csvSchema, raw);
      const text = await fs.readFile(resolve(file), 'utf8');
      await withServices(options.db, async (services) => {
        const result = await invokeHandler(services.handlers, 'labels.importCsv', { csv: text, baseDir: dirname(resolve(file)), reviewer: options.reviewer });
        process.stdout.write(`imported ${result.imported} labels into ${result.recordings} recordings\n`);
      });
    });
}
