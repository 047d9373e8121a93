/**
 * The library's own line, end to end and without labels (`tsx bench/line-bench.ts MODEL_DIR WORK_DIR LINE_DIR…`):
 * each line's calls (make_calls.py truth beside them) are analysed three ways through the product's
 * services, and scored on speech frames (10 ms) against the truth, which picks nothing:
 * (1) the model's training statistics only (the engine bypassed: no library estimate at all);
 * (2) a new library analysing them as they come (the first calls before the estimate has 3 calls);
 * (3) the same library after re-analysing every call (queued again as activating a version does), so every
 *     call is decided with whatever the library's line estimate then says.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppServices, type AppServices } from '../electron/services/app-services';
import { analyseRecording } from '../electron/services/analysis/analyse-recording';
import { invokeHandler } from '../electron/services/invoke';
import { frameScore, recordingOf, sum, truthOf, type FrameScore } from './retrain-loop';

const [modelArg, workArg, ...lineArgs] = process.argv.slice(2);
if (!modelArg || !workArg || !lineArgs.length) throw new Error('usage: tsx bench/line-bench.ts MODEL_DIR WORK_DIR LINE_DIR…');
const modelDir = resolve(modelArg);

async function library(path: string, plain: boolean): Promise<AppServices> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return createAppServices({
    databasePath: path, appVersion: 'bench', modelDir, resumeInterrupted: false,
    ...(plain ? { analyse: (file: string, options: Parameters<typeof analyseRecording>[1]) => analyseRecording(file, options, { modelDir }) } : {}),
  });
}

async function score(services: AppServices, calls: readonly string[]): Promise<FrameScore> {
  return sum(await Promise.all(calls.map(async (c) => frameScore(truthOf(c).segments, (await recordingOf(services, c)).regions, truthOf(c).duration_s, () => true))));
}

const pct = (s: FrameScore): string => `${(100 * s.accuracy).toFixed(1)}%`;
for (const dir of lineArgs.map((d) => resolve(d))) {
  const calls = readdirSync(dir).filter((f) => /^call_\d+\.(wav|mp3)$/.test(f)).sort().map((f) => join(dir, f));
  const work = join(resolve(workArg), dir.replace(/[^a-z0-9]+/gi, '_'));
  mkdirSync(work, { recursive: true });
  const plain = await library(join(work, 'plain.sqlite'), true);
  let training: FrameScore;
  try {
    await plain.waitForJob((await invokeHandler(plain.handlers, 'analysis.start', { paths: calls, roles: ['agent', 'customer'] })).jobId);
    training = await score(plain, calls);
  } finally {
    await plain.close();
  }
  const services = await library(join(work, 'library.sqlite'), false);
  try {
    await services.waitForJob((await invokeHandler(services.handlers, 'analysis.start', { paths: calls, roles: ['agent', 'customer'] })).jobId);
    const firstPass = await score(services, calls);
    const line = await invokeHandler(services.handlers, 'models.lineStats', {});
    // As activating a version re-queues the calls it did not analyse (recording-store's requeueOtherVersions): all of them here.
    services.db.prepare(`UPDATE recordings SET status = 'queued' WHERE status = 'done'`).run();
    await services.waitForJob((await invokeHandler(services.handlers, 'analysis.start', { paths: calls, roles: ['agent', 'customer'] })).jobId);
    const again = await score(services, calls);
    process.stdout.write(`${dir} (${calls.length} calls, ${training.total} speech frames): training statistics ${pct(training)}; ` +
      `new library as calls come ${pct(firstPass)}; after re-analysis ${pct(again)} — line ${line.applied ? 'APPLIED' : 'not applied'} ` +
      `(${line.shifted} of ${line.features} features > ${line.shiftZ} SD, ${line.calls} calls, ${line.windows} windows${line.reason ? `; ${line.reason}` : ''})\n`);
  } finally {
    await services.close();
  }
}
