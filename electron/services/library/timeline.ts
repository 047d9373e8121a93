/**
 * The call as a reviewer sees it: predictions, with human labels laid over them. Labels win where
 * they overlap a prediction (only the overlapped part is replaced); among overlapping labels the
 * most recent edit wins. Pure functions, used by the library list cache and the QA report.
 */
import { EMOTIONS, NEGATIVE_EMOTIONS, isEmotion, isNegative, type Emotion, type EmotionProbabilities, type LabelValue } from '../../shared/domain';

/** A stretch of one party's timeline: an emotion, or a reviewer's mark (not speech, unsure). */
export interface TimedEmotion {
  start: number;
  end: number;
  emotion: LabelValue;
}

export interface PredictionSpan extends TimedEmotion {
  emotion: Emotion;
  confidence: number;
}

export interface LabelSpan extends TimedEmotion {
  /** Higher wins where labels overlap: the later edit (e.g. updated_at order). */
  rank: number;
}

/** A stretch of negative emotion; short pauses inside it (≤ this) do not break the run. */
export const NEGATIVE_RUN_GAP_S = 0.5;

function pickPrediction(active: PredictionSpan[]): PredictionSpan | undefined {
  let best: PredictionSpan | undefined;
  for (const span of active) if (!best || span.confidence > best.confidence) best = span;
  return best;
}

function pickLabel(active: LabelSpan[]): LabelSpan | undefined {
  let best: LabelSpan | undefined;
  for (const span of active) if (!best || span.rank > best.rank) best = span;
  return best;
}

/** One channel's effective timeline: sorted, non-overlapping, adjacent equal pieces merged. */
export function effectiveTimeline(predictions: readonly PredictionSpan[], labels: readonly LabelSpan[]): TimedEmotion[] {
  const valid = <T extends TimedEmotion>(spans: readonly T[]) => spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const preds = valid(predictions);
  const labs = valid(labels);
  const bounds = [...new Set([...preds, ...labs].flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const out: TimedEmotion[] = [];
  let activePreds: PredictionSpan[] = [];
  let activeLabs: LabelSpan[] = [];
  let pi = 0;
  let li = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i];
    const to = bounds[i + 1];
    while (pi < preds.length && preds[pi].start <= from) activePreds.push(preds[pi++]);
    while (li < labs.length && labs[li].start <= from) activeLabs.push(labs[li++]);
    activePreds = activePreds.filter((s) => s.end > from);
    activeLabs = activeLabs.filter((s) => s.end > from);
    const winner: TimedEmotion | undefined = pickLabel(activeLabs) ?? pickPrediction(activePreds);
    if (!winner) continue;
    const last = out.at(-1);
    if (last && last.end === from && last.emotion === winner.emotion) last.end = to;
    else out.push({ start: from, end: to, emotion: winner.emotion });
  }
  return out;
}

export function zeroEmotions(): EmotionProbabilities {
  return Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0])) as EmotionProbabilities;
}

/** Seconds per emotion; pieces marked not speech or unsure count towards none. */
export function emotionSeconds(timeline: readonly TimedEmotion[]): EmotionProbabilities {
  const totals = zeroEmotions();
  for (const piece of timeline) if (isEmotion(piece.emotion)) totals[piece.emotion] += piece.end - piece.start;
  return totals;
}

/** Only the pieces that carry an emotion (what retraining may learn from). */
export function emotionPieces(timeline: readonly TimedEmotion[]): Array<TimedEmotion & { emotion: Emotion }> {
  return timeline.filter((piece): piece is TimedEmotion & { emotion: Emotion } => isEmotion(piece.emotion));
}

export interface EmotionShareSummary {
  share: EmotionProbabilities;
  dominant: Emotion | null;
  negativeShare: number;
}

/** Shares of labelled speech time; ties go to the earlier emotion in EMOTIONS (stable output). */
export function shareOf(seconds: Partial<EmotionProbabilities>): EmotionShareSummary {
  const share = zeroEmotions();
  const total = EMOTIONS.reduce((sum, emotion) => sum + (seconds[emotion] ?? 0), 0);
  let dominant: Emotion | null = null;
  for (const emotion of EMOTIONS) {
    const value = seconds[emotion] ?? 0;
    share[emotion] = total > 0 ? value / total : 0;
    if (value > 0 && (dominant === null || value > (seconds[dominant] ?? 0))) dominant = emotion;
  }
  const negativeShare = NEGATIVE_EMOTIONS.reduce((sum, emotion) => sum + share[emotion], 0);
  return { share, dominant, negativeShare };
}

export interface NegativeRun {
  start: number;
  end: number;
  durationS: number;
}

/** Longest stretch of negative emotion in one timeline (sorted, non-overlapping pieces). */
export function longestNegativeRun(timeline: readonly TimedEmotion[], gapS = NEGATIVE_RUN_GAP_S): NegativeRun | null {
  let best: NegativeRun | null = null;
  let run: { start: number; end: number } | null = null;
  const close = () => {
    if (run && (!best || run.end - run.start > best.durationS)) best = { start: run.start, end: run.end, durationS: run.end - run.start };
    run = null;
  };
  for (const piece of timeline) {
    if (!isNegative(piece.emotion)) {
      // A non-negative piece breaks a run even when it is short.
      close();
      continue;
    }
    if (run && piece.start - run.end <= gapS) run.end = Math.max(run.end, piece.end);
    else {
      close();
      run = { start: piece.start, end: piece.end };
    }
  }
  close();
  return best;
}
