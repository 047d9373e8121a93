import { EMOTIONS, isEmotion, type Emotion, type HumanLabel, type LabelValue, type PredictedRegion } from '../../../../electron/shared/domain';

/**
 * What a lane shows, by the same rule as the store's effective timeline (services/library/timeline):
 * a reviewer's label wins where it overlaps a prediction, and only the overlapped part of the
 * prediction is replaced; the rest of it still shows. The corrected prediction stays attached to the
 * label so the view can show both.
 */
export interface EffectiveRegion {
  /** `p:<prediction id>` (or `p:<id>#<n>` for a piece of one) or `l:<label id>`: used for selection. */
  key: string;
  channel: number;
  start: number;
  end: number;
  /** An emotion, or a reviewer's mark (not speech, unsure). */
  emotion: LabelValue;
  /** The model's confidence; 1 for a reviewer's label. */
  confidence: number;
  source: 'model' | 'human';
  /** For a model region, itself; for a label, the prediction it corrects (if any). */
  prediction: PredictedRegion | null;
  label: HumanLabel | null;
}

export type Lanes = Map<number, EffectiveRegion[]>;

/** Pieces of a prediction shorter than this (float noise at a label's edge) are not shown. */
const SLIVER_S = 1e-3;

const byStart = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start - b.start || a.end - b.end;

/** Sorted, merged union of the labels' spans. */
function coverage(labels: readonly HumanLabel[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const label of labels) {
    const last = spans.at(-1);
    if (last && label.start <= last[1]) last[1] = Math.max(last[1], label.end);
    else spans.push([label.start, label.end]);
  }
  return spans;
}

/** The parts of [start, end] not covered; `first` is the first cover span that can still matter. */
function uncovered(start: number, end: number, covered: Array<[number, number]>, first: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let cursor = start;
  for (let i = first; i < covered.length && covered[i][0] < end; i += 1) {
    if (covered[i][0] > cursor) pieces.push([cursor, covered[i][0]]);
    cursor = Math.max(cursor, covered[i][1]);
  }
  if (cursor < end) pieces.push([cursor, end]);
  return pieces.filter(([a, b]) => b - a > SLIVER_S);
}

export function buildLanes(channels: readonly number[], predictions: readonly PredictedRegion[], labels: readonly HumanLabel[]): Lanes {
  const lanes: Lanes = new Map(channels.map((channel) => [channel, []]));
  const predictionsById = new Map(predictions.map((prediction) => [prediction.id, prediction]));
  for (const channel of channels) {
    const channelLabels = labels.filter((label) => label.channel === channel).sort(byStart);
    const channelPredictions = predictions.filter((prediction) => prediction.channel === channel).sort(byStart);
    const covered = coverage(channelLabels);
    const lane = lanes.get(channel)!;
    // Both lists are sorted, so each prediction looks only at the cover spans that can still reach it.
    let first = 0;
    for (const prediction of channelPredictions) {
      while (first < covered.length && covered[first][1] <= prediction.start) first += 1;
      const pieces = uncovered(prediction.start, prediction.end, covered, first);
      const whole = pieces.length === 1 && pieces[0][0] === prediction.start && pieces[0][1] === prediction.end;
      pieces.forEach(([start, end], index) => {
        const { id, emotion, confidence } = prediction;
        lane.push({ key: whole ? `p:${id}` : `p:${id}#${index}`, channel, start, end, emotion, confidence, source: 'model', prediction, label: null });
      });
    }
    for (const label of channelLabels) {
      const corrected = label.replacesRegionId !== null ? (predictionsById.get(label.replacesRegionId) ?? null) : largestOverlap(channelPredictions, label);
      lane.push({
        key: `l:${label.id}`, channel, start: label.start, end: label.end, emotion: label.emotion, confidence: 1,
        source: 'human', prediction: corrected, label,
      });
    }
    lane.sort(byStart);
  }
  return lanes;
}

function largestOverlap(predictions: readonly PredictedRegion[], label: HumanLabel): PredictedRegion | null {
  let best: PredictedRegion | null = null;
  let bestOverlap = 0;
  for (const prediction of predictions) {
    if (prediction.start >= label.end) break;
    const overlap = Math.min(prediction.end, label.end) - Math.max(prediction.start, label.start);
    if (overlap > bestOverlap) {
      best = prediction;
      bestOverlap = overlap;
    }
  }
  return best;
}

/** Every lane's regions in one list ordered by start (for jumps and the region list). */
export function allRegions(lanes: Lanes): EffectiveRegion[] {
  return [...lanes.values()].flat().sort(byStart);
}

export function findRegion(lanes: Lanes, key: string | null): EffectiveRegion | null {
  if (!key) return null;
  for (const lane of lanes.values()) {
    const found = lane.find((region) => region.key === key);
    if (found) return found;
  }
  return null;
}

/** The next (or previous) region starting after (before) `time` that passes `accept`. */
export function jumpTarget(regions: readonly EffectiveRegion[], time: number, direction: 1 | -1, accept: (region: EffectiveRegion) => boolean): EffectiveRegion | null {
  const epsilon = 1e-3;
  if (direction === 1) return regions.find((region) => region.start > time + epsilon && accept(region)) ?? null;
  for (let i = regions.length - 1; i >= 0; i -= 1) {
    if (regions[i].start < time - epsilon && accept(regions[i])) return regions[i];
  }
  return null;
}

/** The region after `region` in its own lane. */
export function nextInLane(lanes: Lanes, region: EffectiveRegion): EffectiveRegion | null {
  const lane = lanes.get(region.channel) ?? [];
  const index = lane.findIndex((candidate) => candidate.key === region.key);
  return index >= 0 ? (lane[index + 1] ?? null) : null;
}

/** First index whose region may be visible from `time` on (regions sorted by start). */
export function firstVisibleIndex(lane: readonly EffectiveRegion[], time: number, longest: number): number {
  let low = 0;
  let high = lane.length;
  const from = time - longest;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lane[middle].start < from) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function longestRegion(lane: readonly EffectiveRegion[]): number {
  let longest = 0;
  for (const region of lane) longest = Math.max(longest, region.end - region.start);
  return longest;
}

/** Seconds per emotion in one lane, corrections applied, and the total (stretches marked not speech or unsure count in neither). */
export function emotionSeconds(lane: readonly EffectiveRegion[]): { seconds: Record<Emotion, number>; total: number } {
  const seconds = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0])) as Record<Emotion, number>;
  let total = 0;
  for (const region of lane) {
    if (!isEmotion(region.emotion)) continue;
    const length = Math.max(0, region.end - region.start);
    seconds[region.emotion] += length;
    total += length;
  }
  return { seconds, total };
}
