/**
 * Chooses the retraining recipe on a loop's corrected calls (`tsx bench/retrain-recipes.ts LOOP_DB MODEL_DIR WORK_DIR [JSON…]`):
 * the corrections stored in a learn-targets database, retrained from MODEL_DIR (its feature bank)
 * with each JSON override of the retraining config in turn; prints the cross-validated judgement by
 * call (the gate's figure: never the other calls), the base validation score and the seconds.
 */
import { join, resolve } from 'node:path';
import { openDatabase } from '../electron/db/database';
import { libraryDb } from '../electron/db/library-database';
import { collectCorrections } from '../electron/services/models/corrections';
import { readMetadata } from '../ml/model/model-dir';
import { DEFAULT_RETRAIN_CONFIG, type RetrainConfig } from '../ml/retrain/protocol';
import { runRetrain } from '../ml/retrain/retrain';

const [dbArg, modelArg, workArg, ...overrides] = process.argv.slice(2);
if (!dbArg || !modelArg || !workArg) throw new Error('usage: tsx bench/retrain-recipes.ts LOOP_DB MODEL_DIR WORK_DIR [JSON…]');
const db = openDatabase(resolve(dbArg));
const corrections = await collectCorrections(libraryDb(db));
db.close();
const modelDir = resolve(modelArg);
const metadata = await readMetadata(modelDir);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
for (const [i, text] of (overrides.length ? overrides : ['{}']).entries()) {
  const override = JSON.parse(text) as Partial<RetrainConfig>;
  const config: RetrainConfig = { ...DEFAULT_RETRAIN_CONFIG, ...override };
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const { report } = await runRetrain({
    parties: corrections.parties, current: { dir: modelDir, version: metadata.version, source: 'shipped' }, bankFile: join(modelDir, 'feature-bank.bin'),
    datasets: null, outDir: join(resolve(workArg), `recipe-${i}`), version: `recipe-${i}`, cacheDir: join(resolve(workArg), 'cache'), config,
  });
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${text}: CV ${pct(report.before.corrections.accuracy)} → ${pct(report.after.corrections.accuracy)} (${report.after.corrections.n} windows, ` +
    `better in ${pct(report.judging?.probabilityBetter ?? 0)}); base ${pct(report.baseReference.score.accuracy)} → ${pct(report.after.base.accuracy)}; ` +
    `${report.accepted ? 'accepted' : 'rejected'}; ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU\n`);
}
