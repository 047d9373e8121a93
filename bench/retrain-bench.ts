/**
 * Retraining from corrections, measured end to end (see retrain-loop.ts): four RAVDESS actors are
 * the call centre's voices, unseen by the base model; 16 telephone calls of 3 minutes are made of
 * them; the true labels of 8 (≈500 corrections) are imported, the model retrained and activated,
 * the other 8 re-analysed. Prints emotion accuracy over speech frames before/after, the base
 * validation before/after, and how long retraining took. Work files stay in .cache/bench/retrain.
 * Run: npx tsx bench/retrain-bench.ts [--calls 16] [--minutes 3] [--seed 7]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runRetrainLoop, type FrameScore, type LoopResult } from './retrain-loop';

export const CALL_CENTRE_VOICES = ['A03', 'A04', 'A13', 'A14'];

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const frames = (s: FrameScore): string => `${pct(s.accuracy)} (${s.total} frames)`;

export function describeLoop(r: LoopResult): string {
  const report = r.outcome.report;
  const lines = [
    `corrections imported: ${r.corrections}; retraining ${r.outcome.state} in ${r.retrainSeconds.toFixed(0)} s` +
      (r.baseTrainSeconds ? ` (base model trained in ${r.baseTrainSeconds.toFixed(0)} s)` : ''),
    `emotion accuracy over speech frames, judged half:  before ${frames(r.before)}  after ${frames(r.after)}  (${((r.after.accuracy - r.before.accuracy) * 100).toFixed(1)} points)`,
    `  of which utterances never heard in a corrected call: before ${frames(r.beforeUnseen)}  after ${frames(r.afterUnseen)}`,
    `human labels untouched by re-analysis: ${r.labelsUntouched ? 'yes' : 'NO'}; longest stall of the app thread while retraining: ${r.retrainMaxLagMs.toFixed(0)} ms (target < 500 ms)`,
  ];
  if (report) {
    lines.push(
      `held-out corrected calls (gate, ${report.data.heldOutCalls} calls, ${report.after.corrections.n} windows): ${pct(report.before.corrections.accuracy)} → ${pct(report.after.corrections.accuracy)}`,
      `base validation (${report.data.validationSpeakers.join(' ')}, ${report.after.base.n} rows): ${pct(report.before.base.accuracy)} → ${pct(report.after.base.accuracy)}` +
        ` (reference ${pct(report.baseReference.score.accuracy)}, ${report.baseReference.kind})`,
      ...report.reasons.map((reason) => `  rejected: ${reason}`),
    );
  } else if (r.outcome.error) lines.push(`error: ${r.outcome.error.message}`);
  return lines.join('\n');
}

export async function runRetrainBench(options: { calls?: number; minutes?: number; seed?: number } = {}): Promise<LoopResult> {
  const result = await runRetrainLoop({
    workDir: resolve(import.meta.dirname, '..', '.cache', 'bench', 'retrain'),
    heldOutSpeakers: CALL_CENTRE_VOICES,
    calls: options.calls ?? 16,
    minutes: options.minutes ?? 3,
    seed: options.seed ?? 7,
    quickBase: false,
    retrain: {},
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(describeLoop(result) + '\n');
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const value = (name: string): number | undefined => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  await runRetrainBench({ calls: value('--calls'), minutes: value('--minutes'), seed: value('--seed') });
}
