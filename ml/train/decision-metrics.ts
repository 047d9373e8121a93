/**
 * The figures a reviewer's view depends on, for clips and for call frames alike: accuracy, neutral
 * recall, the precision of "not neutral" (of what is called emotional, the share that is), and the
 * expected calibration error of the shown confidence (15 equal-width bins).
 */
import { EMOTIONS } from '../../electron/shared/domain';

const NEUTRAL = EMOTIONS.indexOf('neutral');

export interface DecisionReport {
  n: number;
  accuracy: number;
  neutralRecall: number;
  notNeutralPrecision: number;
  /** Expected calibration error, 15 bins. */
  ece: number;
  /** Mean shown confidence. */
  confidence: number;
}

export interface Scored {
  truth: number;
  predicted: number;
  confidence: number;
  /** Weight of the item (frames for call regions; 1 for clips). */
  weight?: number;
}

export interface CalibrationBin {
  /** Mean shown confidence of the bin's items. */
  confidence: number;
  accuracy: number;
  /** Share of all items' weight in this bin. */
  share: number;
}

/** The occupied bins of equal width (the reliability diagram's points). */
export function calibrationBins(items: readonly Scored[], bins = 15): CalibrationBin[] {
  const acc = new Float64Array(bins), conf = new Float64Array(bins), mass = new Float64Array(bins);
  let total = 0;
  for (const it of items) {
    const w = it.weight ?? 1;
    const b = Math.min(bins - 1, Math.floor(it.confidence * bins));
    acc[b] += w * (it.truth === it.predicted ? 1 : 0);
    conf[b] += w * it.confidence;
    mass[b] += w;
    total += w;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) if (mass[b] > 0) out.push({ confidence: conf[b] / mass[b], accuracy: acc[b] / mass[b], share: mass[b] / Math.max(total, 1e-12) });
  return out;
}

export function expectedCalibrationError(items: readonly Scored[], bins = 15): number {
  return calibrationBins(items, bins).reduce((ece, b) => ece + b.share * Math.abs(b.accuracy - b.confidence), 0);
}

export function decisionReport(items: readonly Scored[]): DecisionReport {
  let n = 0, hit = 0, neutral = 0, neutralHit = 0, called = 0, calledRight = 0, confidence = 0;
  for (const it of items) {
    const w = it.weight ?? 1;
    n += w;
    confidence += w * it.confidence;
    if (it.truth === it.predicted) hit += w;
    if (it.truth === NEUTRAL) {
      neutral += w;
      if (it.predicted === NEUTRAL) neutralHit += w;
    }
    if (it.predicted !== NEUTRAL) {
      called += w;
      if (it.truth !== NEUTRAL) calledRight += w;
    }
  }
  const safe = (a: number, b: number): number => (b > 0 ? a / b : NaN);
  return { n, accuracy: safe(hit, n), neutralRecall: safe(neutralHit, neutral), notNeutralPrecision: safe(calledRight, called), ece: expectedCalibrationError(items), confidence: safe(confidence, n) };
}

export function scoredFrom(truth: number, probabilities: ArrayLike<number>): Scored {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
  return { truth, predicted: best, confidence: probabilities[best] };
}

export function formatDecision(r: DecisionReport): string {
  const pct = (x: number): string => (Number.isNaN(x) ? '   –' : (100 * x).toFixed(1).padStart(5));
  return `acc ${pct(r.accuracy)}  neutral-recall ${pct(r.neutralRecall)}  not-neutral-prec ${pct(r.notNeutralPrecision)}  ECE ${r.ece.toFixed(3)}  conf ${pct(r.confidence)}  (n ${Math.round(r.n)})`;
}
