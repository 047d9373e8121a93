/**
 * Everything the model's protocol benches read, rebuilt from ../shared on a new machine, into OUT:
 *   man/            the fold manifests (scripts/fold-manifests.ts)
 *   A/f{k}-{real,mixed}    training calls of fold k's training voices (24 realistic seed 31, 12 mixed seed 32, 2 min)
 *   A.jsonl         their windows through the call path (scripts/call-windows.ts), the heads' call rows
 *   val/f{k}-{real,mixed}  validation calls of fold k's voices (8 realistic seed 21, 4 mixed seed 22, 2 min)
 *   hold/{real,mixed}      the held-out voices' calls (10 realistic seed 11, 4 mixed seed 12, 2 min)
 *   loop{k}/{real,mixed}   the correction loops' calls of fold k's voices (12 realistic seed 11, 6 mixed seed 12, 3 min), k = 1, 2
 *   folds/fold-k    fold heads (ml:compare --party --folds 3 --no-aug, call windows A at half the weight) and oof.jsonl;
 *                   fold 1 and 2 also get the retraining feature bank, and decide with fold 1's cross-fold call rule
 * Then: bench/calibrate-calls.ts OUT/folds OUT/val OUT/oof.jsonl …, bench/learn-targets.ts OUT/loop1/real 4 WORK OUT/folds/fold-1,
 * bench/active-bench.ts OUT/loop1/real 6 10,20,40,80 … OUT/folds/fold-1, scripts/evaluate-calls.ts OUT/hold/real.
 * Each step is skipped when its output is there, so a run that stopped goes on. ~8 min on 2 cores with a warm
 * feature cache (`npx tsx ml/train/extract-cli.ts` first). Usage: npx tsx bench/protocol-artifacts.ts OUT
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseManifestRows } from '../ml/train/manifest';
import { HELD_OUT_SPEAKERS } from '../ml/train/party-protocol';
import { makeCalls } from './python';

const out = process.argv[2] ? resolve(process.argv[2]) : null;
if (!out) throw new Error('usage: npx tsx bench/protocol-artifacts.ts OUT_DIR');
const root = resolve(import.meta.dirname, '..');
const shared = resolve(process.env.EMOQA_SHARED ?? join(root, '..', 'shared'));
const FOLDS = [1, 2, 3];

/** A project script in a child node with this process's loader (tsx), as the other benches spawn theirs. */
const tsx = (script: string, ...args: string[]): void => {
  execFileSync(process.execPath, [...process.execArgv, join(root, script), ...args], { cwd: root, stdio: 'inherit' });
};
const calls = (dir: string, manifest: string, scenario: 'realistic' | 'mixed', count: number, minutes: number, seed: number): void => {
  if (existsSync(dir)) return;
  console.log(`making ${dir} (${count} ${scenario} calls of ${minutes} min, seed ${seed})`);
  makeCalls(dir, { shared, manifest: join(out, 'man', manifest), scenario, calls: count, minutes, seed });
};

if (!existsSync(join(out, 'man', 'held-out.csv'))) tsx('scripts/fold-manifests.ts', join(out, 'man'));
for (const k of FOLDS) {
  calls(join(out, 'A', `f${k}-real`), `f${k}-train.csv`, 'realistic', 24, 2, 31);
  calls(join(out, 'A', `f${k}-mixed`), `f${k}-train.csv`, 'mixed', 12, 2, 32);
  calls(join(out, 'val', `f${k}-real`), `f${k}-voices.csv`, 'realistic', 8, 2, 21);
  calls(join(out, 'val', `f${k}-mixed`), `f${k}-voices.csv`, 'mixed', 4, 2, 22);
}
calls(join(out, 'hold', 'real'), 'held-out.csv', 'realistic', 10, 2, 11);
calls(join(out, 'hold', 'mixed'), 'held-out.csv', 'mixed', 4, 2, 12);
for (const k of [1, 2]) {
  calls(join(out, `loop${k}`, 'real'), `f${k}-voices.csv`, 'realistic', 12, 3, 11);
  calls(join(out, `loop${k}`, 'mixed'), `f${k}-voices.csv`, 'mixed', 6, 3, 12);
}
const windows = join(out, 'A.jsonl');
if (!existsSync(windows)) tsx('scripts/call-windows.ts', windows, ...FOLDS.flatMap((k) => [join(out, 'A', `f${k}-real`), join(out, 'A', `f${k}-mixed`)]));

const folds = join(out, 'folds');
if (!existsSync(join(folds, `fold-${FOLDS.length}`, 'metadata.json'))) {
  tsx('ml/train/compare-cli.ts', '--party', '--folds', String(FOLDS.length), '--no-aug', '--fold-models', folds, '--oof', join(out, 'oof.jsonl'),
    '--call-windows', windows, '--call-share', '0.5', '--out', join(out, 'compare'));
}

/**
 * The retraining banks: the fold's own voices and the held-out group left out; four voices the fold head
 * trained on are the gate's base validation (as docs/MODEL.md's loop figures were measured).
 */
const BANK_VALIDATION: Record<number, string> = { 1: 'A05,A06,E08,E09', 2: 'A03,A04,E03,E12' };
for (const k of [1, 2]) {
  const bank = join(folds, `fold-${k}`, 'feature-bank.bin');
  if (existsSync(bank)) continue;
  const own = parseManifestRows(readFileSync(join(out, 'man', `f${k}-voices.csv`), 'utf8')).map((row) => row.speaker);
  tsx('ml/retrain/build-feature-bank.ts', '--out', bank, '--validation', BANK_VALIDATION[k], '--exclude', [...new Set([...own, ...HELD_OUT_SPEAKERS])].join(','), '--call-windows', windows);
}

/** Fold 1's cross-fold call rule (bench/calibrate-calls.ts, fitted on folds 2 and 3's calls): what the fold heads decide with in the loops. */
const LOOP_RULE = { temperature: 1.79, classWeights: [1, 1, 1, 1, 1.25, 1, 1], uncertainBelow: 0.4, partyBlend: 0.1 };
for (const k of [1, 2]) {
  const file = join(folds, `fold-${k}`, 'metadata.json');
  const meta = z.object({ decision: z.record(z.string(), z.unknown()) }).passthrough().parse(JSON.parse(readFileSync(file, 'utf8')));
  writeFileSync(file, JSON.stringify({ ...meta, decision: { ...meta.decision, ...LOOP_RULE } }));
}
console.log(`protocol artifacts in ${out}`);
