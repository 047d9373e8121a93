/**
 * `npm run bench:active`: is review time better spent where the model is unsure? A simulated
 * reviewer relabels N predicted regions of a pool of calls with their true emotion, chosen most
 * uncertain first (electron/shared/uncertainty), uncertain but spread across call parties and
 * predicted emotions (electron/shared/review-picks), or at random; the model
 * is retrained on them (the retrain recipe: base data replayed, current model fine-tuned); accuracy
 * is measured on the windows of OTHER calls of the same voices (truth spans, window accuracy).
 * Prints the learning curves and writes them as CSV and PNG.
 * Usage: tsx bench/active-bench.ts [CALLS_DIR] [POOL_CALLS] [STEPS] [OUT_DIR] [MODEL_DIR] [--random-orders N]
 * (default calls: made with make_calls.py --scenario realistic from Emo-DB voices into $TMPDIR/emoqa-active;
 * default model: the shipped one, with its feature bank). The random order is drawn N times (default 3)
 * and its curve is their mean: one draw's luck moves a step by several points, more than the orders differ.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAppServices } from '../electron/services/app-services';
import { invokeHandler } from '../electron/services/invoke';
import { planParties } from '../electron/services/analysis/recording-plan';
import type { Emotion, PredictedRegion } from '../electron/shared/domain';
import { regionUncertainty } from '../electron/shared/uncertainty';
import { spreadPicks } from '../electron/shared/review-picks';
import { initBackend } from '../ml/model/backend';
import { loadBaseData, replaySample } from '../ml/retrain/base-data';
import type { CorrectionExample, PartyCorrections, PartyFeatures } from '../ml/retrain/correction-features';
import { baseRowsWithStats, correctionRows, evaluateHeads } from '../ml/retrain/evaluate';
import { cachedPartyFeatures } from '../ml/retrain/feature-store';
import { disposeHeads, loadHeads, type PartyRow } from '../ml/retrain/heads';
import { DEFAULT_RETRAIN_CONFIG } from '../ml/retrain/protocol';
import { trainCandidate } from '../ml/retrain/retrain';
import { curvePng } from '../ml/train/curve-png';
import { mulberry32, shuffleInPlace } from '../ml/train/random';
import { makeCalls } from './python';
import { sharedDir, truthOf } from './retrain-loop';

const repo = resolve(import.meta.dirname, '..');
const cli = parseArgs({ allowPositionals: true, options: { 'random-orders': { type: 'string', default: '3' } } });
const [callsArg, poolArg, stepsArg, outArg, modelArg] = cli.positionals;
const RANDOM_ORDERS = z.coerce.number().int().min(1).max(20).parse(cli.values['random-orders']);
const modelDir = resolve(modelArg ?? join(repo, 'resources', 'model'));
const work = resolve(outArg ?? join(tmpdir(), 'emoqa-active'));
const POOL = Number(poolArg ?? 6);
const STEPS = (stepsArg ?? '10,20,40,80').split(',').map(Number);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

function defaultCalls(): string {
  const dir = join(work, 'calls');
  if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.wav'))) return dir;
  mkdirSync(dir, { recursive: true });
  const datasets = join(sharedDir, 'datasets');
  const manifest = join(work, 'emodb.csv');
  const lines = readFileSync(join(datasets, 'manifest-more.csv'), 'utf8').trim().split('\n');
  writeFileSync(manifest, [lines[0], ...lines.filter((l) => l.startsWith('emodb/'))].join('\n') + '\n');
  makeCalls(dir, { shared: sharedDir, manifest, datasets, scenario: 'realistic', calls: 12, minutes: 3, seed: 11 });
  return dir;
}

interface Candidate { recordingId: string; path: string; channel: number; region: PredictedRegion; truth: Emotion | null }

/** The true emotion covering most of a region on its party's lane (null: no speech there). */
function truthFor(path: string, channel: number, start: number, end: number): Emotion | null {
  const role = channel === 0 ? 'agent' : 'customer';
  const overlap = new Map<Emotion, number>();
  for (const s of truthOf(path).segments) {
    if (s.channel !== role) continue;
    const o = Math.min(end, s.end) - Math.max(start, s.start);
    if (o > 0) overlap.set(s.emotion as Emotion, (overlap.get(s.emotion as Emotion) ?? 0) + o);
  }
  return [...overlap].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

const party = (recordingId: string, path: string, channel: number, spans: PartyCorrections['spans']): PartyCorrections =>
  ({ recordingId, path, channel, sourceChannels: 2, select: planParties(2, ['agent', 'customer']).parties[channel].select, spans });

async function main(): Promise<void> {
  const callsDir = resolve(callsArg ?? defaultCalls());
  const calls = readdirSync(callsDir).filter((f) => /^call_\d+\.wav$/.test(f)).sort().map((f) => join(callsDir, f));
  const pool = calls.slice(0, POOL);
  const test = calls.slice(POOL);
  mkdirSync(work, { recursive: true });
  const cacheDir = join(work, 'features');
  const services = await createAppServices({ databasePath: join(work, 'active.sqlite'), appVersion: 'bench', modelDir, resumeInterrupted: false });
  const candidates: Candidate[] = [];
  const ids = new Map<string, string>();
  try {
    const pending = calls.filter((c) => !services.db.prepare(`SELECT 1 FROM recordings WHERE path = ? AND status = 'done'`).get(c));
    if (pending.length) {
      log(`analysing ${pending.length} calls …`);
      await services.waitForJob((await invokeHandler(services.handlers, 'analysis.start', { paths: pending, roles: ['agent', 'customer'] })).jobId);
    }
    for (const c of calls) ids.set(c, (services.db.prepare('SELECT id FROM recordings WHERE path = ?').get(c) as { id: string }).id);
    for (const c of pool) {
      const { predictions } = await invokeHandler(services.handlers, 'recordings.regions', { id: ids.get(c) ?? '' });
      for (const region of predictions) candidates.push({ recordingId: ids.get(c) ?? '', path: c, channel: region.channel, region, truth: truthFor(c, region.channel, region.start, region.end) });
    }
  } finally {
    await services.close();
  }

  await initBackend();
  log(`features of ${test.length} test calls and ${pool.length} pool calls …`);
  const testRows: PartyRow[] = [];
  for (const c of test) {
    for (const channel of [0, 1]) {
      const role = channel === 0 ? 'agent' : 'customer';
      const spans = truthOf(c).segments.filter((s) => s.channel === role).map((s) => ({ start: s.start, end: s.end, emotion: s.emotion as Emotion }));
      testRows.push(...correctionRows([await cachedPartyFeatures(party(ids.get(c) ?? c, c, channel, spans), cacheDir)]));
    }
  }
  // Each pool party featurised once with every region labelled by its truth; a step takes the examples of its chosen regions.
  const poolFeatures = new Map<string, PartyFeatures>();
  for (const c of pool) {
    for (const channel of [0, 1]) {
      const spans = candidates.filter((k) => k.path === c && k.channel === channel && k.truth).map((k) => ({ start: k.region.start, end: k.region.end, emotion: k.truth as Emotion }));
      poolFeatures.set(`${c}|${channel}`, await cachedPartyFeatures(party(ids.get(c) ?? c, c, channel, spans), cacheDir));
    }
  }
  const inside = (e: CorrectionExample, r: PredictedRegion): boolean => e.start >= r.start - 1e-6 && e.end <= r.end + 1e-6;
  const rowsFor = (chosen: readonly Candidate[]): PartyRow[] => [...poolFeatures].flatMap(([key, f]) => {
    const picked = chosen.filter((k) => `${k.path}|${k.channel}` === key && k.truth);
    return correctionRows([{ ...f, examples: f.examples.filter((e) => picked.some((k) => inside(e, k.region))) }]);
  });

  const base = await loadBaseData(join(modelDir, 'feature-bank.bin'), { datasets: null });
  const baseRows = replaySample(baseRowsWithStats(base.train), DEFAULT_RETRAIN_CONFIG.baseReplayRows, DEFAULT_RETRAIN_CONFIG.seed);
  const current = await loadHeads(modelDir);
  const before = (await evaluateHeads(current.heads, testRows)).score.accuracy;
  const minWindows = current.metadata.adaptation?.minWindows ?? 8;
  disposeHeads(current.heads);
  const request = { config: DEFAULT_RETRAIN_CONFIG, current: { dir: modelDir, version: current.metadata.version, source: 'shipped' as const } };

  const byQueue = [...candidates].sort((a, b) => regionUncertainty(b.region) - regionUncertainty(a.region));
  const bySpread = spreadPicks(candidates.map((k) => ({ ...k, group: `${k.path}|${k.channel}`, emotion: k.region.emotion, confidence: k.region.confidence })),
    Math.max(...STEPS));
  const byChance = Array.from({ length: RANDOM_ORDERS }, (_, i) => shuffleInPlace([...candidates], mulberry32(7 + i)));
  const orders: Array<[string, Candidate[]]> = [['queue', byQueue], ['spread', bySpread], ...byChance.map((o, i): [string, Candidate[]] => [`random-${i + 1}`, o])];
  const results: Array<{ strategy: string; n: number; windows: number; accuracy: number; seconds: number }> = [];
  // The control: the same fine-tuning with no correction at all. What a step gains beyond it is what its corrections taught.
  const control = await trainCandidate(request, baseRows, baseRows.map(() => false), minWindows, () => undefined);
  const controlAccuracy = (await evaluateHeads(control.heads, testRows)).score.accuracy;
  disposeHeads(control.heads);
  log(`retrained with no correction: ${(100 * controlAccuracy).toFixed(1)}%`);
  for (const [strategy, order] of orders) {
    for (const n of STEPS) {
      const corrections = rowsFor(order.slice(0, n));
      const t0 = Date.now();
      const trained = await trainCandidate(request, [...baseRows, ...corrections], [...baseRows.map(() => false), ...corrections.map(() => true)], minWindows, () => undefined);
      const accuracy = (await evaluateHeads(trained.heads, testRows)).score.accuracy;
      disposeHeads(trained.heads);
      results.push({ strategy, n, windows: corrections.length, accuracy, seconds: (Date.now() - t0) / 1000 });
      log(`${strategy} ${n} regions (${corrections.length} windows): ${(100 * accuracy).toFixed(1)}%`);
    }
  }

  // The random curve: the mean of its draws at each step.
  for (const n of STEPS) {
    const draws = results.filter((r) => r.strategy.startsWith('random-') && r.n === n);
    const mean = (pick: (r: (typeof draws)[number]) => number): number => draws.reduce((a, r) => a + pick(r), 0) / draws.length;
    results.push({ strategy: 'random', n, windows: Math.round(mean((r) => r.windows)), accuracy: mean((r) => r.accuracy), seconds: mean((r) => r.seconds) });
  }
  const drawsAt = (n: number): string => results.filter((r) => r.strategy.startsWith('random-') && r.n === n).map((r) => (100 * r.accuracy).toFixed(1)).join(' ');
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const csv = ['strategy,regions,windows,accuracy,train_s', `none,0,0,${before.toFixed(4)},0`, `retrained-no-correction,0,0,${controlAccuracy.toFixed(4)},0`,
    ...results.map((r) => `${r.strategy},${r.n},${r.windows},${r.accuracy.toFixed(4)},${r.seconds.toFixed(1)}`)].join('\n') + '\n';
  writeFileSync(join(work, 'active-learning.csv'), csv);
  const curve = (strategy: string) => [{ x: 0, y: before }, ...results.filter((r) => r.strategy === strategy).map((r) => ({ x: r.n, y: r.accuracy }))];
  writeFileSync(join(work, 'active-learning.png'), curvePng([
    { name: 'queue (most unsure)', colour: [213, 94, 0], points: curve('queue') },
    { name: 'spread', colour: [0, 158, 115], points: curve('spread') },
    { name: 'random', colour: [0, 114, 178], points: curve('random') },
    { name: 'no correction', colour: [150, 150, 150], points: [{ x: 0, y: controlAccuracy }, { x: Math.max(...STEPS), y: controlAccuracy }] },
  ], `Window accuracy on ${test.length} other calls after correcting N regions`, 'regions corrected'));
  const gain = (strategy: string, n: number): number => (results.find((r) => r.strategy === strategy && r.n === n)?.accuracy ?? before) - before;
  process.stdout.write([
    `Active learning (${pool.length} pool calls, ${candidates.length} predicted regions, ${candidates.filter((k) => !k.truth).length} without speech in the truth; ` +
      `accuracy over ${testRows.length} truth windows of ${test.length} other calls of the same voices; shipped model ${pct(before)}):`,
    `  retrained with no correction (base rows alone, the same fine-tuning): ${pct(controlAccuracy)}`,
    `  regions   queue            spread           random (mean of ${RANDOM_ORDERS} orders: each)`,
    ...STEPS.map((n) => `  ${String(n).padStart(7)}   ${['queue', 'spread', 'random'].map((k) => `${pct(before + gain(k, n)).padStart(6)} (${(100 * gain(k, n)).toFixed(1).padStart(5)})`).join('   ')}: ${drawsAt(n)}`),
    ...['queue', 'spread'].flatMap((k) => STEPS.map((m) => `  ${k} reaches random's gain at ${m} regions with: ${STEPS.find((n) => gain(k, n) >= gain('random', m)) ?? 'more than ' + STEPS.at(-1)} regions`)),
    `  CSV and PNG: ${join(work, 'active-learning.csv')}, ${join(work, 'active-learning.png')}`,
  ].join('\n') + '\n');
}

await main();
