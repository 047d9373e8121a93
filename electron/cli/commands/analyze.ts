import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { resolveDatabasePath } from '../../db/default-path';
import { stageTimes } from '../../services/analysis/stage-timings';
import { createAppServices, DEFAULT_CONCURRENCY, type AppServices } from '../../services/app-services';
import { invokeHandler } from '../../services/invoke';
import { partyRoleSchema, type JobProgress } from '../../shared/domain';
import { EmoqaError, type ErrorPayload } from '../../shared/errors';

const optionsSchema = z.object({
  db: z.string().min(1).optional(),
  roles: z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.tuple([partyRoleSchema, partyRoleSchema]))
    .optional(),
  json: z.boolean().optional(),
  modelDir: z.string().min(1).optional(),
  jobs: z.coerce.number().int().min(1).max(64).optional(),
});

interface FileResult {
  file: string;
  recordingId: string | null;
  error: ErrorPayload | null;
}

interface JsonSegment {
  start: number;
  end: number;
  channel: number;
  party: string;
  emotion: string;
  confidence: number;
}

function parseOptions(raw: unknown): z.output<typeof optionsSchema> {
  const parsed = optionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((issue) => `--${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ');
  throw new EmoqaError('INVALID_ARGUMENT', `${detail} (roles are two of ${partyRoleSchema.options.join(', ')}, e.g. --roles agent,customer)`);
}

/** `1h05m` / `3m07s`, for progress lines (also `emoqa status`). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json consumers). */
function progressBar(): { update(progress: JobProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { stream: process.stderr, hideCursor: true, format: '{bar} {percentage}% | {files} files | {audio} audio | ETA {eta} | {current}' },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = {
        files: `${p.filesDone}/${p.filesTotal}`,
        audio: `${clock(p.audioSecondsDone)}/${clock(p.audioSecondsTotal)}`,
        eta: p.etaS === null ? '–' : clock(p.etaS),
        current: p.currentFile ? p.currentFile.split(/[\\/]/).pop() : '',
      };
      const total = Math.max(1, Math.round(p.audioSecondsTotal));
      if (!started) {
        bar.start(total, 0, payload);
        started = true;
      }
      bar.setTotal(total);
      bar.update(Math.round(p.audioSecondsDone), payload);
    },
    stop: () => (started ? bar.stop() : undefined),
  };
}

async function jsonEntry(services: AppServices, result: FileResult): Promise<object> {
  if (result.error || !result.recordingId) {
    return { file: result.file, error: result.error ?? { code: 'INTERNAL', message: 'no recording was stored' } };
  }
  const detail = await invokeHandler(services.handlers, 'recordings.get', { id: result.recordingId });
  const { predictions } = await invokeHandler(services.handlers, 'recordings.regions', { id: result.recordingId });
  const roles = new Map(detail.parties.map((party) => [party.channel, party.role]));
  const segments: JsonSegment[] = predictions.map((r) => ({
    start: r.start,
    end: r.end,
    channel: r.channel,
    party: roles.get(r.channel) ?? 'speaker',
    emotion: r.emotion,
    confidence: r.confidence,
  }));
  return { file: result.file, recordingId: result.recordingId, durationS: detail.durationS, channels: detail.channels, segments };
}

function describe(result: FileResult): string {
  if (result.error) return `✗ ${result.file}: ${result.error.message} (${result.error.code})`;
  return `✓ ${result.file}`;
}

/** `emoqa analyze PATH...`: ingest files and folders into the database and analyse what is new. */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description(
      'Import call recordings (files or folders, recursively; audio is recognised by probing, not by extension) and ' +
        'analyse each party\'s emotions. Unchanged files already analysed are skipped; a moved file keeps its results. ' +
        'Exit status 1 if any file failed.',
    )
    .argument('<paths...>', 'audio/video files or folders')
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .option('--roles <left,right>', 'roles of the left and right channel of stereo calls: agent, customer or speaker (default: the saved setting, agent,customer)')
    .option('--json', 'print one JSON entry per file on stdout: {file, recordingId, durationS, channels, segments} or {file, error}')
    .option('--model-dir <dir>', 'model files (default: the shipped model)')
    .option('--jobs <n>', `recordings analysed at once (default ${DEFAULT_CONCURRENCY})`)
    .action(async (paths: string[], rawOptions: unknown) => {
      const options = parseOptions(rawOptions);
      const services = await createAppServices({
        databasePath: resolveDatabasePath(options.db),
        appVersion: 'cli',
        modelDir: options.modelDir,
        concurrency: options.jobs,
        resumeInterrupted: false,
      });
      // Collected for every job and filtered later: events may arrive before start() has returned.
      const done: Array<FileResult & { jobId: string }> = [];
      const bar = progressBar();
      let jobId: string | null = null;
      const offDone = services.events.on('analysis.fileDone', (id, file, recordingId, error) => {
        done.push({ jobId: id, file, recordingId, error });
      });
      const offProgress = services.events.on('analysis.progress', (progress) => {
        if (progress.jobId === jobId) bar.update(progress);
      });
      const interrupt = () => {
        if (jobId) void invokeHandler(services.handlers, 'analysis.cancel', { jobId });
      };
      process.once('SIGINT', interrupt);
      try {
        ({ jobId } = await invokeHandler(services.handlers, 'analysis.start', { paths, roles: options.roles }));
        await services.waitForJob(jobId);
        bar.stop();
        const jobs = await invokeHandler(services.handlers, 'analysis.jobs', {});
        const final = jobs.find((job) => job.jobId === jobId)?.state ?? 'failed';
        const results: FileResult[] = done.filter((r) => r.jobId === jobId).map(({ file, recordingId, error }) => ({ file, recordingId, error }));
        results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
        if (options.json) {
          const entries = await Promise.all(results.map((result) => jsonEntry(services, result)));
          process.stdout.write(`[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`);
        } else {
          for (const result of results) process.stdout.write(`${describe(result)}\n`);
        }
        const failed = results.filter((r) => r.error).length;
        if (process.env.EMOQA_TIMINGS === '1') {
          // For bench/folder-bench.ts: thread-milliseconds per stage, and this process's CPU time.
          const cpu = process.cpuUsage();
          process.stderr.write(`emoqa timings: ${JSON.stringify({ ...stageTimes(), nodeCpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
        }
        process.stderr.write(`emoqa analyze: ${results.length - failed} ok, ${failed} failed${final === 'done' ? '' : ` (job ${final})`}\n`);
        if (failed > 0 || final !== 'done') process.exitCode = 1;
      } finally {
        bar.stop();
        process.off('SIGINT', interrupt);
        offDone();
        offProgress();
        await services.close();
      }
    });
}
