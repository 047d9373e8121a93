/**
 * `npm run evaluate:calls [-- DIR] [--model DIR] [--detectors] [--mono] [--no-emotion] [--record NAME]` — scores calls made
 * by ../shared/tools/make_calls.py (truth: every utterance's voiced span, party and emotion) through
 * the product's own path (analyseRecording: decode, energy VAD, windows, the model's party decision
 * rule, smoothing), over the truth's speech frames (10 ms):
 *   speech-frame accuracy, neutral recall, "not neutral" precision, ECE (15 bins) of the shown
 *   confidence, uncertain share, the customer's negative share (angry/disgust/fear/sad) per call
 *   (absolute error), and speech-frame P/R/F1 of the product's speech spans.
 * --detectors adds the speech-detector comparison (energy / WebRTC / Silero: P/R/F1 and each detector's CPU
 * seconds per hour of audio, decoding left out); --mono adds the mono mp3 down-mix; --record NAME keeps the
 * stereo calls' emotion figures under NAME in the model's metadata (callFigures).
 * Then the mono mixes are split into two speakers (scripts/diarization-eval.ts): --only-diarization
 * runs only that, --no-diarization skips it.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { probeChannelCount } from '../ml/audio/decode';
import { streamDecode, type ChannelSelection } from '../ml/audio/stream-decode';
import { EnergyVad } from '../ml/segment/energy-vad';
import { addFrameCounts, frameCounts, scoresFromCounts, spansToMask, spansToSeconds, unionSpans, type FrameCounts, type SampleSpan, type TimeSpan } from '../ml/segment/spans';
import { createSileroSession } from '../ml/model/silero-session';
import { SileroVad, type SileroRate } from '../ml/segment/silero-vad';
import { WebRtcVad } from '../ml/segment/webrtc-vad';
import { callFigure, negativeShare, partyFrames, readCallTruth, summarise, type CallTruthSegment, type PartyFrames } from '../ml/train/call-scores';
import { recordCallFigures } from '../ml/train/party-ship';
import { defaultModelDir } from '../ml/model';
import { evaluateDiarization } from './diarization-eval';

type TruthSegment = CallTruthSegment;
interface Detector { push(samples: Float32Array): SampleSpan[] | Promise<SampleSpan[]>; finish(): SampleSpan[] | Promise<SampleSpan[]> }
interface DetectorKind { name: string; sampleRate: number; make(): Promise<Detector> }

const FRAME_S = 0.01;
/** The product's whole analysis of a call (both parties), as the detectors' cost is judged against. */
const ANALYSIS = 'analysis, per call-hour';
const DETECTORS: DetectorKind[] = [
  { name: 'energy (22.05 kHz)', sampleRate: 22050, make: async () => new EnergyVad({ sampleRate: 22050 }) },
  // Same span building as the energy VAD (hangover, minimum length); WebRTC's best hangover on
  // these calls is 0.3 s (0.5 s, the energy VAD's, lowers its F1 by ~0.005).
  ...([1, 2, 3] as const).map((mode) => ({
    name: `webrtc mode ${mode} (8 kHz)`,
    sampleRate: 8000,
    make: async () => WebRtcVad.create({ sampleRate: 8000, mode, hangoverS: 0.3 }),
  })),
  ...([[16000, 0.5], [16000, 0.3], [8000, 0.5]] as const).map(([rate, threshold]) => ({ name: `silero ${threshold} (${rate / 1000} kHz)`, sampleRate: rate, make: sileroMaker(rate, threshold) })),
];

/** One ONNX session per detector kind, shared by its parties (the recurrent state is the detector's). */
function sileroMaker(sampleRate: SileroRate, threshold: number): () => Promise<Detector> {
  let session: ReturnType<typeof createSileroSession> | undefined;
  return async () => new SileroVad(await (session ??= createSileroSession()), { sampleRate, threshold });
}

/** CPU seconds spent inside each detector (decoding left out) and the audio seconds it saw. */
const detectorCost = new Map<string, { cpuS: number; audioS: number }>();

async function timed<T>(name: string, audioS: number, run: () => T | Promise<T>): Promise<T> {
  const before = process.cpuUsage();
  const out = await run();
  const used = process.cpuUsage(before);
  const cost = detectorCost.get(name) ?? { cpuS: 0, audioS: 0 };
  cost.cpuS += (used.user + used.system) / 1e6;
  cost.audioS += audioS;
  detectorCost.set(name, cost);
  return out;
}

async function detect(path: string, kind: DetectorKind, select: ChannelSelection, sourceChannels: number): Promise<TimeSpan[][]> {
  const parties = select.kind === 'keep' ? sourceChannels : 1;
  const detectors = await Promise.all(Array.from({ length: parties }, () => kind.make()));
  const spans: SampleSpan[][] = detectors.map(() => []);
  for await (const chunk of streamDecode(path, { sampleRate: kind.sampleRate, sourceChannels, select })) {
    for (const [c, samples] of chunk.entries()) spans[c].push(...(await timed(kind.name, samples.length / kind.sampleRate, () => detectors[c].push(samples))));
  }
  for (const [c, d] of detectors.entries()) spans[c].push(...(await timed(kind.name, 0, () => d.finish())));
  return spans.map((s) => spansToSeconds(s, kind.sampleRate));
}

function pct(x: number): string {
  return x.toFixed(3);
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i])).join('  ');
}

function speechCounts(truth: TruthSegment[], spans: readonly TimeSpan[], durationS: number): FrameCounts {
  return frameCounts(spansToMask(unionSpans(truth), durationS, FRAME_S), spansToMask(spans, durationS, FRAME_S));
}

function addScores(totals: Map<string, FrameCounts>, key: string, counts: FrameCounts): void {
  totals.set(key, addFrameCounts(totals.get(key) ?? { tp: 0, fp: 0, fn: 0 }, counts));
}

function printTotals(totals: Map<string, FrameCounts>): void {
  console.log(row(['party', 'detector', 'P', 'R', 'F1'], [10, 24, 9, 9, 9]));
  for (const [key, counts] of totals) {
    const [party, name] = key.split('|');
    const s = scoresFromCounts(counts, FRAME_S);
    console.log(row([party, name, pct(s.precision), pct(s.recall), pct(s.f1)], [10, 24, 9, 9, 9]));
  }
}

function printEmotion(label: string, parts: readonly PartyFrames[]): void {
  const s = summarise(parts);
  const c = s.covered;
  console.log(`  ${label.padEnd(9)} accuracy ${pct(s.accuracy)}  neutral recall ${pct(c.neutralRecall)}  "not neutral" precision ${pct(c.notNeutralPrecision)}  ` +
    `ECE ${pct(c.ece)}  mean confidence ${pct(c.confidence)}  coverage ${pct(s.coverage)}  uncertain ${pct(s.uncertainShare)} (certain frames right ${pct(s.certainAccuracy)})  ${parts.reduce((n, p) => n + p.total, 0)} frames`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withEmotion = !args.includes('--no-emotion');
  const withDetectors = args.includes('--detectors');
  const withMono = args.includes('--mono');
  const modelAt = args.indexOf('--model');
  const modelDir = modelAt >= 0 ? resolve(args[modelAt + 1]) : undefined;
  const recordAt = args.indexOf('--record');
  const recordAs = recordAt >= 0 ? args[recordAt + 1] : undefined;
  if (recordAt >= 0 && !recordAs) throw new Error('--record needs the name the figures are kept under, e.g. "realistic calls | held-out voices | shipped rule"');
  const positional = args.filter((a, i) => !a.startsWith('--') && !((modelAt >= 0 && i === modelAt + 1) || (recordAt >= 0 && i === recordAt + 1)));
  const dir = resolve(positional[0] ?? join(import.meta.dirname, '../../shared/calls'));
  const calls = readdirSync(dir).filter((f) => /^call_\d+\.json$/.test(f)).sort();
  if (args.includes('--only-diarization')) return evaluateDiarization(dir, calls);
  console.log(`${calls.length} calls in ${dir}${modelDir ? `, model ${modelDir}` : ''}\n`);
  const totals = new Map<string, FrameCounts>();
  const product = new Map<string, FrameCounts>();
  const byParty = new Map<string, PartyFrames[]>();
  /** Stereo parties by their voice (make_calls.py's `speaker`): held-out figures are a few voices, so say which carry them. */
  const byVoice = new Map<string, PartyFrames[]>();
  const negErrors: number[] = [];
  const { analyseRecording } = await import('../electron/services/analysis/analyse-recording');
  for (const file of calls) {
    const base = file.replace(/\.json$/, '');
    const truth = readCallTruth(join(dir, file));
    const inputs: Array<{ path: string; label: string; parties: Array<{ name: string; truth: TruthSegment[] }>; select: ChannelSelection }> = [
      { path: join(dir, `${base}.wav`), label: `${base}.wav`, select: { kind: 'keep' }, parties: (['agent', 'customer'] as const).map((name) => ({ name, truth: truth.segments.filter((s) => s.channel === name) })) },
      ...(withMono ? [{ path: join(dir, `${base}.mono.mp3`), label: `${base}.mono.mp3`, select: { kind: 'mean' } as ChannelSelection, parties: [{ name: 'mixed', truth: truth.segments }] }] : []),
    ];
    for (const input of inputs) {
      if (withDetectors) {
        const sourceChannels = await probeChannelCount(input.path);
        for (const kind of DETECTORS) {
          const detected = await detect(input.path, kind, input.select, sourceChannels);
          input.parties.forEach((party, c) => addScores(totals, `${party.name}|${kind.name}`, speechCounts(party.truth, detected[c], truth.duration_s)));
        }
      }
      if (!withEmotion) continue;
      const result = await timed(ANALYSIS, truth.duration_s, () => analyseRecording(input.path, { roles: ['agent', 'customer'] }, { modelDir }));
      const line: string[] = [];
      input.parties.forEach((party, c) => {
        const channel = result.channels.find((ch) => ch.channel === c);
        addScores(product, `${party.name}|product (energy VAD)`, speechCounts(party.truth, channel?.speech ?? [], truth.duration_s));
        const frames = partyFrames(party.truth, channel?.regions ?? [], truth.duration_s);
        byParty.set(party.name, [...(byParty.get(party.name) ?? []), frames]);
        const voice = party.name === 'mixed' ? undefined : party.truth[0]?.speaker;
        const voiceKey = `${voice} ${party.name}`;
        if (voice) byVoice.set(voiceKey, [...(byVoice.get(voiceKey) ?? []), frames]);
        const right = frames.frames.filter((f) => f.truth === f.predicted).length / Math.max(1, frames.total);
        line.push(`${party.name}${voice ? ` ${voice}` : ''} ${pct(right)}`);
        if (party.name === 'customer') {
          const share = negativeShare(frames);
          negErrors.push(Math.abs(share.truth - share.predicted));
          line.push(`negative share truth ${pct(share.truth)} predicted ${pct(share.predicted)}`);
        }
      });
      console.log(`${input.label.padEnd(18)} ${(truth.customer_arc ?? truth.scenario ?? '').padEnd(11)} ${line.join('  ')}`);
    }
  }
  if (withDetectors) {
    console.log('\nSpeech detectors, all calls (pooled frames)');
    printTotals(totals);
    console.log('\nCPU per hour (detectors: one party\'s audio, decoding left out; analysis: the whole call, both parties)');
    for (const [name, c] of detectorCost) console.log(`  ${name.padEnd(24)} ${(3600 * c.cpuS / c.audioS).toFixed(1).padStart(7)} s`);
  }
  if (withEmotion) {
    console.log('\nSpeech frames of the product (its own speech spans against the truth)');
    printTotals(product);
    console.log('\nEmotion over truth speech frames (the region covering each frame against the utterance\'s label; uncovered frames count as wrong)');
    printEmotion('all', [...byParty.values()].flat());
    for (const [party, parts] of byParty) printEmotion(party, parts);
    if (byVoice.size) {
      console.log('\nBy voice and role (stereo calls): parties, accuracy, coverage (truth speech frames a region covers), and over covered frames neutral recall, "not neutral" precision');
      for (const [key, parts] of [...byVoice].sort(([a], [b]) => a.localeCompare(b))) {
        const v = summarise(parts);
        console.log(`  ${key.padEnd(14)} ${String(parts.length).padStart(2)}  ${pct(v.accuracy)}  ${pct(v.coverage)}  ${pct(v.covered.neutralRecall)}  ${pct(v.covered.notNeutralPrecision)}  ${parts.reduce((n, p) => n + p.total, 0)} frames`);
      }
    }
    if (negErrors.length) {
      const mean = negErrors.reduce((a, b) => a + b, 0) / negErrors.length;
      console.log(`  customer negative share (angry/disgust/fear/sad), absolute error per call: mean ${pct(mean)}, max ${pct(Math.max(...negErrors))} over ${negErrors.length} calls`);
    }
    if (recordAs) {
      const into = modelDir ?? defaultModelDir();
      await recordCallFigures(into, { [recordAs]: callFigure([...byParty].filter(([party]) => party !== 'mixed').flatMap(([, parts]) => parts), calls.length, negErrors) });
      console.log(`  kept as "${recordAs}" in ${into}/metadata.json (callFigures)`);
    }
  }
  if (!args.includes('--no-diarization')) await evaluateDiarization(dir, calls);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
