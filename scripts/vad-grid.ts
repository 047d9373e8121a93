/**
 * Speech-frame P/R/F1 of the energy VAD over make_calls.py calls (stereo WAVs), for a list of option
 * sets, with the first set's misses split by kind (onset, offset, inside an utterance, whole
 * utterance missed). Each call is decoded once at the analysis rate; a set costs ~0.2 s per call.
 * Run: npx tsx scripts/vad-grid.ts DIR... [--grid '[{}, {"onDb": 10, "offDb": 4, ...}]']
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { decodeFile } from '../ml/audio/decode';
import { EnergyVad, type EnergyVadOptions } from '../ml/segment/energy-vad';
import { addFrameCounts, frameCounts, frameRange, scoresFromCounts, spansToMask, spansToSeconds, unionSpans, type FrameCounts } from '../ml/segment/spans';
import { readCallTruth } from '../ml/train/call-scores';

const SR = 22050;
const FRAME = 0.01;
const ROLES = ['agent', 'customer'] as const;
type Role = (typeof ROLES)[number];
interface Party { role: Role; samples: Float32Array; truth: Uint8Array; utterances: Array<[number, number]> }
interface Misses { onset: number; offset: number; inside: number; whole: number }

async function load(dirs: readonly string[]): Promise<Party[]> {
  const parties: Party[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => /^call_\d+\.json$/.test(f)).sort()) {
      const truth = readCallTruth(join(dir, file));
      const { channels } = await decodeFile(join(dir, file.replace('.json', '.wav')), { sampleRate: SR, mix: 'keep' });
      ROLES.forEach((role, c) => {
        const segments = truth.segments.filter((s) => s.channel === role);
        parties.push({ role, samples: channels[c], truth: spansToMask(unionSpans(segments), truth.duration_s, FRAME), utterances: segments.map((s) => frameRange(s, FRAME)) });
      });
    }
  }
  return parties;
}

/** The detector's speech frames of one party, fed in chunks as analysis does. */
function detect(p: Party, options: Omit<EnergyVadOptions, 'sampleRate'>): Uint8Array {
  const vad = new EnergyVad({ ...options, sampleRate: SR });
  const spans = [];
  for (let i = 0; i < p.samples.length; i += 8192) spans.push(...vad.push(p.samples.subarray(i, i + 8192)));
  spans.push(...vad.finish());
  return spansToMask(spansToSeconds(spans, SR), p.truth.length * FRAME, FRAME);
}

/** Where the truth's utterance frames were missed: before the first found frame, after the last, between, or all of it. */
function addMisses(misses: Misses, p: Party, predicted: Uint8Array): void {
  for (const [a, b] of p.utterances) {
    let first = -1;
    let last = -1;
    for (let i = a; i < b; i++) if (predicted[i]) { if (first < 0) first = i; last = i; }
    if (first < 0) { misses.whole += b - a; continue; }
    misses.onset += first - a;
    misses.offset += b - 1 - last;
    for (let i = first; i <= last; i++) if (!predicted[i]) misses.inside++;
  }
}

function score(parties: readonly Party[], options: Omit<EnergyVadOptions, 'sampleRate'>, misses?: Misses): Record<Role, string> {
  const totals: Record<Role, FrameCounts> = { agent: { tp: 0, fp: 0, fn: 0 }, customer: { tp: 0, fp: 0, fn: 0 } };
  for (const p of parties) {
    const predicted = detect(p, options);
    addFrameCounts(totals[p.role], frameCounts(p.truth, predicted));
    if (misses) addMisses(misses, p, predicted);
  }
  const shown = (counts: FrameCounts): string => { const s = scoresFromCounts(counts, FRAME); return [s.precision, s.recall, s.f1].map((x) => x.toFixed(3)).join('/'); };
  return { agent: shown(totals.agent), customer: shown(totals.customer) };
}

const args = process.argv.slice(2);
const gridAt = args.indexOf('--grid');
const dirs = args.filter((a, i) => !a.startsWith('--') && (gridAt < 0 || i !== gridAt + 1));
const optionSetsSchema = z.array(z.record(z.string(), z.number())).min(1);
const grid: Array<Omit<EnergyVadOptions, 'sampleRate'>> = gridAt >= 0 ? optionSetsSchema.parse(JSON.parse(args[gridAt + 1] ?? '')) : [{}];
const parties = await load(dirs);
console.log(`${parties.length} parties from ${dirs.join(' ')}`);
for (const [i, options] of grid.entries()) {
  const misses = i === 0 ? { onset: 0, offset: 0, inside: 0, whole: 0 } : undefined;
  const s = score(parties, options, misses);
  console.log(`${JSON.stringify(options).padEnd(60)} agent P/R/F1 ${s.agent}  customer ${s.customer}${misses ? `  misses (frames) ${JSON.stringify(misses)}` : ''}`);
}
