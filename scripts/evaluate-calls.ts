/**
 * `npm run evaluate:calls` — scores speech detection (and, with the model, emotions) on the shared
 * synthetic calls, whose truth lists every utterance's voiced span per party.
 *   speech: frame-level (10 ms) precision / recall / F1 per party and detector
 *   emotion: share of truth speech frames whose covering region has the truth emotion
 *   diarization: the mono mixes split into two speakers (scripts/diarization-eval.ts)
 * Usage: tsx scripts/evaluate-calls.ts [callsDir] [--no-emotion] [--only-diarization]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { probeChannelCount } from '../ml/audio/decode';
import type { AnalysisResult } from '../electron/services/analysis/analysis-types';
import { streamDecode, type ChannelSelection } from '../ml/audio/stream-decode';
import { EnergyVad } from '../ml/segment/energy-vad';
import { frameScores, spansToMask, spansToSeconds, unionSpans, type FrameScores, type SampleSpan, type TimeSpan } from '../ml/segment/spans';
import { WebRtcVad } from '../ml/segment/webrtc-vad';
import { evaluateDiarization } from './diarization-eval';

interface TruthSegment { start: number; end: number; channel: 'agent' | 'customer'; emotion: string }
interface Truth { duration_s: number; segments: TruthSegment[] }
interface Detector { push(samples: Float32Array): SampleSpan[]; finish(): SampleSpan[] }
interface DetectorKind { name: string; sampleRate: number; make(): Promise<Detector> }

const FRAME_S = 0.01;
const DETECTORS: DetectorKind[] = [
  { name: 'energy (22.05 kHz)', sampleRate: 22050, make: async () => new EnergyVad({ sampleRate: 22050 }) },
  // Same span building as the energy VAD (hangover, minimum length); WebRTC's best hangover on
  // these calls is 0.3 s (0.5 s, the energy VAD's, lowers its F1 by ~0.005).
  ...([1, 2, 3] as const).map((mode) => ({
    name: `webrtc mode ${mode} (8 kHz)`,
    sampleRate: 8000,
    make: async () => WebRtcVad.create({ sampleRate: 8000, mode, hangoverS: 0.3 }),
  })),
];

async function detect(path: string, kind: DetectorKind, select: ChannelSelection, sourceChannels: number): Promise<TimeSpan[][]> {
  const parties = select.kind === 'keep' ? sourceChannels : 1;
  const detectors = await Promise.all(Array.from({ length: parties }, () => kind.make()));
  const spans: SampleSpan[][] = detectors.map(() => []);
  for await (const chunk of streamDecode(path, { sampleRate: kind.sampleRate, sourceChannels, select })) {
    chunk.forEach((samples, c) => spans[c].push(...detectors[c].push(samples)));
  }
  detectors.forEach((d, c) => spans[c].push(...d.finish()));
  return spans.map((s) => spansToSeconds(s, kind.sampleRate));
}

function pct(x: number): string {
  return x.toFixed(3);
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i])).join('  ');
}

/** Truth speech frames whose covering predicted region carries the truth emotion. */
function emotionHits(truth: TruthSegment[], result: AnalysisResult, channel: number, durationS: number): { hit: number; covered: number; total: number } {
  const party = result.channels.find((c) => c.channel === channel);
  const frames = Math.ceil(durationS / FRAME_S);
  const predicted: (string | null)[] = new Array<string | null>(frames).fill(null);
  for (const r of party?.regions ?? []) {
    for (let i = Math.ceil(r.start / FRAME_S - 0.5); i < Math.min(frames, Math.ceil(r.end / FRAME_S - 0.5)); i++) predicted[i] = r.emotion;
  }
  let hit = 0, covered = 0, total = 0;
  for (const seg of truth) {
    for (let i = Math.ceil(seg.start / FRAME_S - 0.5); i < Math.min(frames, Math.ceil(seg.end / FRAME_S - 0.5)); i++) {
      total++;
      if (predicted[i] !== null) covered++;
      if (predicted[i] === seg.emotion) hit++;
    }
  }
  return { hit, covered, total };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withEmotion = !args.includes('--no-emotion');
  const dir = resolve(args.find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '../../shared/calls'));
  const calls = readdirSync(dir).filter((f) => /^call_\d+\.json$/.test(f)).sort();
  if (args.includes('--only-diarization')) return evaluateDiarization(dir, calls);
  const widths = [22, 10, 24, 9, 9, 9];
  console.log(`Speech frames (${FRAME_S * 1000} ms), ${calls.length} calls in ${dir}\n`);
  console.log(row(['call', 'party', 'detector', 'P', 'R', 'F1'], widths));
  const totals = new Map<string, { tp: number; fp: number; fn: number }>();
  const emotion = new Map<string, { hit: number; covered: number; total: number }>();
  for (const file of calls) {
    const base = file.replace(/\.json$/, '');
    const truth = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Truth;
    const inputs: Array<{ path: string; label: string; parties: Array<{ name: string; truth: TruthSegment[] }>; select: ChannelSelection }> = [
      { path: join(dir, `${base}.wav`), label: `${base}.wav`, select: { kind: 'keep' }, parties: (['agent', 'customer'] as const).map((name) => ({ name, truth: truth.segments.filter((s) => s.channel === name) })) },
      { path: join(dir, `${base}.mono.mp3`), label: `${base}.mono.mp3`, select: { kind: 'mean' }, parties: [{ name: 'mixed', truth: truth.segments }] },
    ];
    for (const input of inputs) {
      const sourceChannels = await probeChannelCount(input.path);
      for (const kind of DETECTORS) {
        const detected = await detect(input.path, kind, input.select, sourceChannels);
        input.parties.forEach((party, c) => {
          const truthMask = spansToMask(unionSpans(party.truth), truth.duration_s, FRAME_S);
          const s: FrameScores = frameScores(truthMask, spansToMask(detected[c], truth.duration_s, FRAME_S), FRAME_S);
          const key = `${party.name === 'mixed' ? 'mixed' : party.name}|${kind.name}`;
          const t = totals.get(key) ?? { tp: 0, fp: 0, fn: 0 };
          const tp = s.recall * s.truthS;
          t.tp += tp;
          t.fp += s.predictedS - tp;
          t.fn += s.truthS - tp;
          totals.set(key, t);
          console.log(row([input.label, party.name, kind.name, pct(s.precision), pct(s.recall), pct(s.f1)], widths));
        });
      }
      if (withEmotion) {
        // Imported here so that `--no-emotion` runs without the model.
        const { analyseRecording } = await import('../electron/services/analysis/analyse-recording');
        const result = await analyseRecording(input.path, { roles: ['agent', 'customer'] });
        input.parties.forEach((party, c) => {
          const h = emotionHits(party.truth, result, c, truth.duration_s);
          const e = emotion.get(party.name) ?? { hit: 0, covered: 0, total: 0 };
          emotion.set(party.name, { hit: e.hit + h.hit, covered: e.covered + h.covered, total: e.total + h.total });
        });
      }
    }
  }
  console.log('\nAll calls (pooled frames)');
  console.log(row(['party', 'detector', 'P', 'R', 'F1'], [10, 24, 9, 9, 9]));
  for (const [key, t] of totals) {
    const [party, name] = key.split('|');
    const p = t.tp / (t.tp + t.fp), r = t.tp / (t.tp + t.fn);
    console.log(row([party, name, pct(p), pct(r), pct((2 * p * r) / (p + r))], [10, 24, 9, 9, 9]));
  }
  if (withEmotion) {
    console.log('\nEmotion over truth speech frames (region covering the frame vs the utterance\'s label)');
    console.log('  (the calls are cut from the corpora the shipped model was trained on: voices seen in training, so optimistic)');
    for (const [party, e] of emotion) {
      console.log(`  ${party.padEnd(9)} accuracy ${pct(e.hit / e.total)}  (of covered frames ${pct(e.hit / Math.max(1, e.covered))}, coverage ${pct(e.covered / e.total)}, ${e.total} frames)`);
    }
  }
  await evaluateDiarization(dir, calls);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
