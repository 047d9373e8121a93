/**
 * The issue's loop targets on calls of voices the shipped model never heard (made beforehand with
 * make_calls.py into a temp folder): the first N calls' true labels imported, `models.retrain`
 * with the default gate and activate, accuracy over speech frames on the other calls before and
 * after. Usage: tsx bench/learn-targets.ts CALLS_DIR CORRECTED [WORK_DIR] [MODEL_DIR] [RETRAIN_JSON]
 * (RETRAIN_JSON overrides models.retrain's options, e.g. '{"minCorrectionGain":-1}' to force a version through).
 * LIBRARY_PRIOR=1: the library's own prior (no labels) is estimated and applied before each scoring, as a centre would.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCorrectionLoop } from './retrain-loop';
import { inputSchemas } from '../electron/shared/contract';

const [callsDir, correctedArg, workArg, modelArg, retrainArg] = process.argv.slice(2);
if (!callsDir || !correctedArg) throw new Error('usage: tsx bench/learn-targets.ts CALLS_DIR CORRECTED [WORK_DIR] [MODEL_DIR]');
const calls = readdirSync(callsDir).filter((f) => /^call_\d+\.wav$/.test(f)).sort().map((f) => join(resolve(callsDir), f));
const n = Number(correctedArg);
const workDir = resolve(workArg ?? join(callsDir, '..', 'work'));
mkdirSync(workDir, { recursive: true });
const result = await runCorrectionLoop({
  modelDir: resolve(modelArg ?? join(import.meta.dirname, '..', 'resources', 'model')), workDir,
  corrected: calls.slice(0, n), judged: calls.slice(n), retrain: { ...inputSchemas['models.retrain'].parse(JSON.parse(retrainArg ?? '{}')), activate: true }, libraryPrior: process.env.LIBRARY_PRIOR === '1', log: (line) => process.stderr.write(`${line}\n`),
});
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const r = result.outcome.report;
process.stdout.write([
  `${n} corrected calls (${result.corrections} labels), ${calls.length - n} other calls of the same voices`,
  `  outcome: ${result.outcome.state}${r ? `; cross-validated ${pct(r.before.corrections.accuracy)} → ${pct(r.after.corrections.accuracy)} over ${r.after.corrections.n} windows, ` +
    `better in ${pct(r.judging?.probabilityBetter ?? 0)} of resamples; base ${pct(r.baseReference.score.accuracy)} → ${pct(r.after.base.accuracy)}` : ''}`,
  ...(r?.reasons ?? []).map((reason) => `  ✗ ${reason}`),
  `  speech-frame accuracy on the other calls: ${pct(result.before.accuracy)} → ${pct(result.after.accuracy)} (${result.before.total} frames)`,
  `  retraining took ${result.retrainSeconds.toFixed(0)} s`,
].join('\n') + '\n');
writeFileSync(join(workDir, 'result.json'), JSON.stringify(result, null, 2));
