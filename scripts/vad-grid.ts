/**
 * Speech-frame P/R/F1 of the energy VAD over make_calls.py calls (stereo WAVs), for a list of option
 * sets, with the first set's misses split by kind (onset, offset, inside an utterance, whole
 * utterance missed). Each call is decoded once at the analysis rate; a set costs ~0.2 s per call.
 * Run: npx tsx scripts/vad-grid.ts DIR... [--grid '[{}, {"onDb": 10, "offDb": 4, ...}]']
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { streamDecode } from '../ml/audio/stream-decode';
import { EnergyVad, type EnergyVadOptions } from '../ml/segment/energy-vad';
import { spansToMask, spansToSeconds, unionSpans } from '../ml/segment/spans';
import { readCallTruth } from '../ml/train/call-scores';

const SR = 22050;
const FRAME = 0.01;
interface Party { name: string; samples: Float32Array; truth: Uint8Array; utterances: Array<[number, number]> }

async function load(dirs: string[]): Promise<Party[]> {
  const parties: Party[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => /^call_\d+\.json$/.test(f)).sort()) {
      const truth = readCallTruth(join(dir, file));
      const chunks: Float32Array[][] = [[], []];
      for await (const chunk of streamDecode(join(dir, file.replace('.json', '.wav')), { sampleRate: SR, sourceChannels: 2, select: { kind: 'keep' } })) {
        chunk.forEach((c, i) => chunks[i].push(c.slice()));
      }
      (['agent', 'customer'] as const).forEach((name, c) => {
        const total = chunks[c].reduce((n, a) => n + a.length, 0);
        const samples = new Float32Array(total);
        let at = 0;
        for (const a of chunks[c]) { samples.set(a, at); at += a.length; }
        const segs = truth.segments.filter((s) => s.channel === name);
        const mask = spansToMask(unionSpans(segs), truth.duration_s, FRAME);
        parties.push({ name: `${file} ${name}`, samples, truth: mask, utterances: segs.map((s) => [Math.ceil(s.start / FRAME - 0.5), Math.ceil(s.end / FRAME - 0.5)]) });
      });
    }
  }
  return parties;
}

function run(p: Party, options: Omit<EnergyVadOptions, 'sampleRate'>): Uint8Array {
  const vad = new EnergyVad({ ...options, sampleRate: SR });
  const spans = [];
  for (let i = 0; i < p.samples.length; i += 8192) spans.push(...vad.push(p.samples.subarray(i, i + 8192)));
  spans.push(...vad.finish());
  return spansToMask(spansToSeconds(spans, SR), p.truth.length * FRAME, FRAME);
}

function score(parties: Party[], options: Omit<EnergyVadOptions, 'sampleRate'>, detail = false) {
  const t = { agent: { tp: 0, fp: 0, fn: 0 }, customer: { tp: 0, fp: 0, fn: 0 } };
  const miss = { onset: 0, offset: 0, inside: 0, whole: 0 };
  for (const p of parties) {
    const pred = run(p, options);
    const k = p.name.endsWith('agent') ? t.agent : t.customer;
    for (let i = 0; i < p.truth.length; i++) {
      if (p.truth[i] && pred[i]) k.tp++;
      else if (pred[i]) k.fp++;
      else if (p.truth[i]) k.fn++;
    }
    if (detail) for (const [a, b] of p.utterances) {
      let first = -1, last = -1;
      for (let i = a; i < b; i++) if (pred[i]) { if (first < 0) first = i; last = i; }
      if (first < 0) { miss.whole += b - a; continue; }
      miss.onset += first - a;
      miss.offset += b - 1 - last;
      for (let i = first; i <= last; i++) if (!pred[i]) miss.inside++;
    }
  }
  const f = (x: { tp: number; fp: number; fn: number }) => { const P = x.tp / (x.tp + x.fp), R = x.tp / (x.tp + x.fn); return `${P.toFixed(3)}/${R.toFixed(3)}/${((2 * P * R) / (P + R)).toFixed(3)}`; };
  return { agent: f(t.agent), customer: f(t.customer), miss };
}

const args = process.argv.slice(2);
const gridAt = args.indexOf('--grid');
const dirs = args.filter((a, i) => !a.startsWith('--') && (gridAt < 0 || i !== gridAt + 1));
const optionSetsSchema = z.array(z.record(z.string(), z.number())).min(1);
const grid: Array<Omit<EnergyVadOptions, 'sampleRate'>> = gridAt >= 0 ? optionSetsSchema.parse(JSON.parse(args[gridAt + 1] ?? '')) : [{}];
const parties = await load(dirs);
console.log(`${parties.length} parties from ${dirs.join(' ')}`);
for (const [i, options] of grid.entries()) {
  const s = score(parties, options, i === 0);
  console.log(`${JSON.stringify(options).padEnd(60)} agent P/R/F1 ${s.agent}  customer ${s.customer}${i === 0 ? `  misses (frames) ${JSON.stringify(s.miss)}` : ''}`);
}
