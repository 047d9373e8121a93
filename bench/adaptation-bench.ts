/**
 * Label-free adaptation, measured: the shipped model's speaker-adapted head z-scores every window
 * with the statistics of its own party over the whole call (no labels), against the plain head
 * alone, on the truth windows of calls made with make_calls.py. Report both kinds of line: voices
 * the model trained on (no gain expected, no loss allowed) and unseen voices and corpus.
 * Usage: tsx bench/adaptation-bench.ts CALLS_DIR... (each with call_NNN.wav + .json truth)
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { planParties } from '../electron/services/analysis/recording-plan';
import type { Emotion } from '../electron/shared/domain';
import { initBackend } from '../ml/model/backend';
import { correctionRows, evaluateHeads } from '../ml/retrain/evaluate';
import { cachedPartyFeatures } from '../ml/retrain/feature-store';
import { disposeHeads, loadHeads, type PartyRow } from '../ml/retrain/heads';
import { truthOf } from './retrain-loop';

const dirs = process.argv.slice(2);
if (!dirs.length) throw new Error('usage: tsx bench/adaptation-bench.ts CALLS_DIR...');
await initBackend();
const { heads, metadata } = await loadHeads(join(import.meta.dirname, '..', 'resources', 'model'));
const cacheDir = join(tmpdir(), 'emoqa-adaptation-features');
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const lines = [`Label-free per-party adaptation, ${metadata.version} (window accuracy over the calls' truth spans):`, '  calls                                   windows   plain head   adapted (as analysis runs)'];
for (const dir of dirs.map((d) => resolve(d))) {
  const calls = readdirSync(dir).filter((f) => /^call_\d+\.wav$/.test(f)).sort().map((f) => join(dir, f));
  const rows: PartyRow[] = [];
  for (const path of calls) {
    for (const channel of [0, 1]) {
      const role = channel === 0 ? 'agent' : 'customer';
      const spans = truthOf(path).segments.filter((s) => s.channel === role).map((s) => ({ start: s.start, end: s.end, emotion: s.emotion as Emotion }));
      const party = { recordingId: path, path, channel, sourceChannels: 2, select: planParties(2, ['agent', 'customer']).parties[channel].select, spans };
      rows.push(...correctionRows([await cachedPartyFeatures(party, cacheDir)]));
    }
  }
  const adapted = (await evaluateHeads(heads, rows)).score.accuracy;
  const plain = (await evaluateHeads({ ...heads, minWindows: Number.POSITIVE_INFINITY }, rows)).score.accuracy;
  const sources = new Set(calls.flatMap((c) => truthOf(c).segments.map((s) => s.source.split('/')[0])));
  lines.push(`  ${`${calls.length} × ${[...sources].join('+')} (${dir.split('/').slice(-1)[0]})`.padEnd(38)} ${String(rows.length).padStart(7)}   ${pct(plain).padStart(10)}   ${pct(adapted).padStart(10)} (${(100 * (adapted - plain)).toFixed(1)} points)`);
}
disposeHeads(heads);
process.stdout.write(lines.join('\n') + '\n');
