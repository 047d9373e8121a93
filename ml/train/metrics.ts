/** Classification metrics on integer labels 0..k-1; rows of the confusion matrix are true classes. */
export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  /** Recall per class (NaN-free: a class absent from the truth gets 0 and is left out of macro-F1). */
  recall: number[];
  precision: number[];
  f1: number[];
  confusion: number[][];
}

export function confusionMatrix(truth: readonly number[], predicted: readonly number[], nClasses: number): number[][] {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const m = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]][predicted[i]] += 1;
  return m;
}

export function reportFromConfusion(confusion: number[][]): ClassificationReport {
  const k = confusion.length;
  let n = 0;
  let correct = 0;
  const rowSum = new Array<number>(k).fill(0);
  const colSum = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      n += confusion[i][j];
      rowSum[i] += confusion[i][j];
      colSum[j] += confusion[i][j];
    }
    correct += confusion[i][i];
  }
  const recall = confusion.map((row, i) => (rowSum[i] ? row[i] / rowSum[i] : 0));
  const precision = confusion.map((_, i) => (colSum[i] ? confusion[i][i] / colSum[i] : 0));
  const f1 = recall.map((r, i) => (r + precision[i] > 0 ? (2 * r * precision[i]) / (r + precision[i]) : 0));
  // Macro-F1 over the classes present in the truth, as scikit-learn does with labels=present ones.
  const present = rowSum.map((s, i) => (s > 0 ? i : -1)).filter((i) => i >= 0);
  const macroF1 = present.length ? present.reduce((s, i) => s + f1[i], 0) / present.length : 0;
  return { n, accuracy: n ? correct / n : 0, macroF1, recall, precision, f1, confusion };
}

export function classificationReport(truth: readonly number[], predicted: readonly number[], nClasses: number): ClassificationReport {
  return reportFromConfusion(confusionMatrix(truth, predicted, nClasses));
}

export function sumConfusions(matrices: readonly number[][][]): number[][] {
  const k = matrices[0].length;
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const m of matrices) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i][j] += m[i][j];
  return out;
}

/** The one argmax (smoothing picks a region's emotion with it), re-exported for the evaluations. */
export { argmax } from '../segment/smoothing';

export function confusionCsv(confusion: number[][], classes: readonly string[]): string {
  const header = ['true\\predicted', ...classes].join(',');
  return [header, ...confusion.map((row, i) => [classes[i], ...row].join(','))].join('\n') + '\n';
}
