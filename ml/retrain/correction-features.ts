/**
 * Training examples from reviewers' labels, recomputed from the call's audio exactly as analysis
 * sees it: one party's channel is streamed through THE party pass analysis runs
 * (ml/pipeline/party-pass: the same VAD, spans, one chroma tuning per party, windows, pooling).
 * Every window of the party feeds its speaker statistics (the adapted head z-scores with them);
 * the windows laid over each label become its examples. A label over audio the VAD missed (an
 * added region) is featurised on its own span.
 */
import { computeFrameFeatures, FEATURE_SPEC, type FrameFeatures } from '../dsp';
import { partyStats, type PartyStats } from '../model/pooling';
import { robustStats } from '../model/party-features';
import type { TimeSpan } from '../segment/spans';
import { planWindows } from '../segment/windows';
import { streamDecode, type ChannelSelection } from '../audio/stream-decode';
import { fullPool, PartyPass, windowRanges } from '../pipeline/party-pass';
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
  /** When the party's newest label was made or edited (ISO; recent corrections weigh more). */
  labelledAt?: string;
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
  /** The same windows' median and IQR spread (the party head shrinks them as analysis does). */
  robust: PartyStats;
  examples: CorrectionExample[];
}

/** Pieces of a label shorter than this are left out: too few frames to say anything. */
const MIN_PIECE_S = 0.25;

function overlap(a: TimeSpan, b: TimeSpan): TimeSpan | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return end - start >= MIN_PIECE_S ? { start, end } : null;
}

function poolPiece(frames: FrameFeatures, piece: TimeSpan, framesStartS: number): Float32Array[] {
  return fullPool(frames, windowRanges(frames, planWindows(piece), framesStartS));
}

export async function partyFeatures(party: PartyCorrections, signal?: AbortSignal): Promise<PartyFeatures> {
  const sr = FEATURE_SPEC.sampleRate;
  const examples: CorrectionExample[] = [];
  const covered = new Set<CorrectionSpan>();
  const spans = [...party.spans].sort((a, b) => a.start - b.start);
  // The audio of every label, kept as it streams past, for labels the VAD does not cover.
  const labelAudio = spans.map((s) => new Float32Array(Math.max(1, Math.round((s.end - s.start) * sr))));

  const pass = new PartyPass({
    sampleRate: sr,
    onSpan: (span, frames) => {
      for (const label of spans) {
        const piece = overlap(label, span);
        if (!piece) continue;
        covered.add(label);
        const index = EMOTIONS.indexOf(label.emotion);
        for (const pooled of poolPiece(frames, piece, span.start)) examples.push({ pooled, label: index, start: piece.start, end: piece.end });
      }
    },
  });

  for await (const chunk of streamDecode(party.path, { sampleRate: sr, sourceChannels: party.sourceChannels, select: party.select, signal })) {
    const mono = chunk[0];
    const seen = pass.samples;
    spans.forEach((label, i) => {
      const first = Math.round(label.start * sr);
      const from = Math.max(first, seen);
      const to = Math.min(first + labelAudio[i].length, seen + mono.length);
      if (to > from) labelAudio[i].set(mono.subarray(from - seen, to - seen), from - first);
    });
    pass.push(mono);
  }
  pass.finish();
  spans.forEach((label, i) => {
    if (covered.has(label) || label.end - label.start < MIN_PIECE_S) return;
    const frames = computeFrameFeatures(labelAudio[i], { sampleRate: sr, tuning: pass.tuning });
    const index = EMOTIONS.indexOf(label.emotion);
    for (const pooled of poolPiece(frames, label, label.start)) examples.push({ pooled, label: index, start: label.start, end: label.end });
  });
  // A party with no detected speech still has its labelled windows to normalise with.
  const windows = pass.pooled.length ? pass.pooled : examples.map((e) => e.pooled);
  return { recordingId: party.recordingId, channel: party.channel, stats: partyStats(windows), robust: robustStats(windows), examples };
}
