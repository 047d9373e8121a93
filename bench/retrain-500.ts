/**
 * A timed retraining from 500 corrections (`tsx bench/retrain-500.ts LOOP_DB MODEL_DIR [N]`): the
 * analysed calls of a learn-targets database (make_calls.py calls with truth beside them) get the
 * true labels of their utterances, call after call, until N corrections; then one retraining with
 * the default recipe and gate (cross-validation by call, the shipped version, the control), as the
 * app runs it. Prints wall and CPU seconds (target: ≤ 5 minutes on 2 cores).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../electron/db/database';
import { EventBus } from '../electron/services/event-bus';
import { collectCorrections } from '../electron/services/models/corrections';
import { importLabelsCsv } from '../electron/services/models/csv-labels';
import { readMetadata } from '../ml/model/model-dir';
import { DEFAULT_RETRAIN_CONFIG } from '../ml/retrain/protocol';
import { runRetrain } from '../ml/retrain/retrain';
import { describeMemory } from '../electron/shared/retrain-memory';

const [dbArg, modelArg, nArg] = process.argv.slice(2);
if (!dbArg || !modelArg) throw new Error('usage: tsx bench/retrain-500.ts LOOP_DB MODEL_DIR [N]');
const n = Number(nArg ?? 500);
const work = mkdtempSync(join(tmpdir(), 'emoqa-retrain-500-'));
const dbPath = join(work, 'db.sqlite');
copyFileSync(resolve(dbArg), dbPath);
const db = openDatabase(dbPath);
db.prepare('DELETE FROM labels').run();
const paths = (db.prepare(`SELECT path FROM recordings WHERE status = 'done' ORDER BY path`).all() as Array<{ path: string }>).map((r) => r.path);
const lines: string[] = [];
for (const path of paths) {
  const truth = JSON.parse(readFileSync(path.replace(/\.wav$/, '.json'), 'utf8')) as { segments: Array<{ start: number; end: number; channel: string; emotion: string }> };
  for (const s of truth.segments) if (lines.length < n) lines.push(`${path},${s.channel === 'agent' ? 0 : 1},${s.start},${s.end},${s.emotion}`);
}
const imported = await importLabelsCsv(db, new EventBus(), ['file,channel,start,end,emotion', ...lines].join('\n'), { baseDir: work, reviewer: () => 'truth' });
const corrections = collectCorrections(db);
db.close();
const modelDir = resolve(modelArg);
const metadata = await readMetadata(modelDir);
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const { report } = await runRetrain({
  parties: corrections.parties, current: { dir: modelDir, version: metadata.version, source: 'shipped' }, bankFile: join(modelDir, 'feature-bank.bin'),
  datasets: null, outDir: join(work, 'candidate'), version: 'retrain-500', cacheDir: join(work, 'cache'), config: DEFAULT_RETRAIN_CONFIG,
});
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${imported.imported} corrections on ${corrections.calls} calls (${report.data.trainWindows} windows) + ${report.data.baseRows} base rows; ` +
  `${report.judging?.folds ?? 0} folds + the shipped version${report.baseReference.kind === 'control' ? ' + the control' : ''}; ${cpus().length} cores here\n` +
  `  wall ${wall.toFixed(0)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s (target: ≤ 300 s on 2 cores; features computed from the audio, no cache)\n` +
  `  ${report.accepted ? 'accepted' : 'rejected'}; cross-validated ${(100 * report.before.corrections.accuracy).toFixed(1)}% → ${(100 * report.after.corrections.accuracy).toFixed(1)}%\n` +
  `  ${report.memory ? describeMemory(report.memory) : ''}\n`);
rmSync(work, { recursive: true, force: true });
