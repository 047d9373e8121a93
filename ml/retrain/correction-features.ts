/**
 * Training examples from reviewers' labels, recomputed from the call's audio exactly as analysis
 * sees it: one party's channel is streamed, speech found by the same energy VAD, frame features
 * computed once per speech span with the party's one chroma tuning (the same SpanFeaturiser as
 * analysis), and windows pooled. Every window of the party feeds its speaker statistics (the
 * adapted head z-scores with them); the windows laid over each label become its examples. A label
 * over audio the VAD missed (an added region) is featurised on its own span.
 */
import { computeFrameFeatures, FEATURE_SPEC, type FrameFeatures } from '../dsp';
import { partyStats, poolWindow, type PartyStats } from '../model/pooling';
import { EnergyVad } from '../segment/energy-vad';
import type { TimeSpan } from '../segment/spans';
import { planWindows, windowFrames } from '../segment/windows';
import { SampleBuffer } from '../pipeline/sample-buffer';
import { SpanFeaturiser } from '../pipeline/span-featuriser';
import { streamDecode, type ChannelSelection } from '../audio/stream-decode';
import { EMOTIONS, type Emotion } from '../../electron/shared/domain';

/** A stretch of one party's speech with a human emotion (non-overlapping within a party). */
export interface CorrectionSpan {
  start: number;
  end: number;
  emotion: Emotion;
}

/** One party of one call and its labels: what the feature pass needs, plain data (crosses threads). */
export interface PartyCorrections {
  recordingId: string;
  path: string;
  channel: number;
  sourceChannels: number;
  select: ChannelSelection;
  spans: CorrectionSpan[];
}

export interface CorrectionExample {
  pooled: Float32Array;
  label: number;
  start: number;
  end: number;
}

export interface PartyFeatures {
  recordingId: string;
  channel: number;
  /** Over every speech window of the party in the call, as analysis computes them. */
  stats: PartyStats;
  examples: CorrectionExample[];
}

/** Pieces of a label shorter than this are left out: too few frames to say anything. */
const MIN_PIECE_S = 0.25;

function overlap(a: TimeSpan, b: TimeSpan): TimeSpan | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return end - start >= MIN_PIECE_S ? { start, end } : null;
}

function poolPiece(frames: FrameFeatures, piece: TimeSpan, framesStartS: number, sr: number): Float32Array[] {
  return planWindows(piece).map((w) => {
    const [s, e] = windowFrames(w, framesStartS, sr, frames.hopLength, frames.nFrames);
    return poolWindow(frames, s, e);
  });
}

export async function partyFeatures(party: PartyCorrections, signal?: AbortSignal): Promise<PartyFeatures> {
  const sr = FEATURE_SPEC.sampleRate;
  const vad = new EnergyVad({ sampleRate: sr });
  const buffer = new SampleBuffer();
  const windows: Float32Array[] = [];
  const examples: CorrectionExample[] = [];
  const covered = new Set<CorrectionSpan>();
  const spans = [...party.spans].sort((a, b) => a.start - b.start);
  // The audio of every label, kept as it streams past, for labels the VAD does not cover.
  const labelAudio = spans.map((s) => new Float32Array(Math.max(1, Math.round((s.end - s.start) * sr))));
  let samples = 0;

  const featuriser = new SpanFeaturiser(sr, (samplesSpan, frames) => {
    const span = { start: samplesSpan.start / sr, end: samplesSpan.end / sr };
    for (const w of planWindows(span)) {
      const [s, e] = windowFrames(w, span.start, sr, frames.hopLength, frames.nFrames);
      windows.push(poolWindow(frames, s, e));
    }
    for (const label of spans) {
      const piece = overlap(label, span);
      if (!piece) continue;
      covered.add(label);
      const label01 = EMOTIONS.indexOf(label.emotion);
      for (const pooled of poolPiece(frames, piece, span.start, sr)) examples.push({ pooled, label: label01, start: piece.start, end: piece.end });
    }
  });

  for await (const chunk of streamDecode(party.path, { sampleRate: sr, sourceChannels: party.sourceChannels, select: party.select, signal })) {
    const mono = chunk[0];
    spans.forEach((label, i) => {
      const first = Math.round(label.start * sr);
      const from = Math.max(first, samples);
      const to = Math.min(first + labelAudio[i].length, samples + mono.length);
      if (to > from) labelAudio[i].set(mono.subarray(from - samples, to - samples), from - first);
    });
    samples += mono.length;
    buffer.append(mono);
    for (const s of vad.push(mono)) featuriser.add(s, buffer.view(s.start, s.end));
    buffer.discardBefore(vad.keepFrom());
  }
  for (const s of vad.finish()) featuriser.add(s, buffer.view(s.start, s.end));
  featuriser.finish();
  spans.forEach((label, i) => {
    if (covered.has(label) || label.end - label.start < MIN_PIECE_S) return;
    const frames = computeFrameFeatures(labelAudio[i], { sampleRate: sr, tuning: featuriser.tuning });
    const index = EMOTIONS.indexOf(label.emotion);
    for (const pooled of poolPiece(frames, label, label.start, sr)) examples.push({ pooled, label: index, start: label.start, end: label.end });
  });
  // A party with no detected speech still has its labelled windows to normalise with.
  const stats = partyStats(windows.length ? windows : examples.map((e) => e.pooled));
  return { recordingId: party.recordingId, channel: party.channel, stats, examples };
}
