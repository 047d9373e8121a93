/**
 * Mini-batch training with a weight per row (party heads and retraining). fitBatches has no sample weights
 * (tfjs-layers' fit and trainOnBatch ignore them), and corrections must count more than base rows
 * while every class keeps the same total weight; so the loss is written out here:
 * mean(w · cross-entropy) + the layers' L2 penalties, minimised by Adam, shuffled by seed.
 */
import * as tf from '@tensorflow/tfjs';
import { EmoqaError } from '../../electron/shared/errors';
import { stackRows } from './fit';
import { mulberry32, shuffleInPlace } from './random';

export interface WeightedFitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onEpoch?: (epoch: number, loss: number) => void;
  signal?: AbortSignal;
}

/**
 * Weights that give every class the same total and a correction `correctionWeight` times a base
 * row of its class (times its `recency`, 0..1, when given); scaled to a mean of 1.
 */
export function classBalancedWeights(rows: ReadonlyArray<{ label: number; correction: boolean; recency?: number }>, nClasses: number, correctionWeight: number): Float32Array {
  const raw = rows.map((r) => (r.correction ? correctionWeight * (r.recency ?? 1) : 1));
  const totals = new Float64Array(nClasses);
  rows.forEach((r, i) => (totals[r.label] += raw[i]));
  const present = [...totals].filter((t) => t > 0);
  const target = present.reduce((s, t) => s + t, 0) / Math.max(1, present.length);
  const weights = Float32Array.from(rows, (r, i) => (raw[i] * target) / totals[r.label]);
  const mean = weights.reduce((s, w) => s + w, 0) / Math.max(1, weights.length);
  return weights.map((w) => w / mean);
}

export function weightedFit(model: tf.LayersModel, x: readonly Float32Array[], labels: ArrayLike<number>, weights: Float32Array,
  nClasses: number, options: WeightedFitOptions): Promise<void> {
  return weightedFitBatches(model, x.length, labels, weights, nClasses, (rows) => stackRows(x, rows), options);
}

/** weightedFit with the batches made by `makeBatch` (row indices → input tensor): augmentation per batch. */
export async function weightedFitBatches(model: tf.LayersModel, nRows: number, labels: ArrayLike<number>, weights: Float32Array,
  nClasses: number, makeBatch: (rows: number[]) => tf.Tensor, options: WeightedFitOptions): Promise<void> {
  const optimizer = tf.train.adam(options.learningRate);
  const random = mulberry32(options.seed);
  const order = Array.from({ length: nRows }, (_, i) => i);
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, random);
      let lossSum = 0;
      let batches = 0;
      for (let start = 0; start < order.length; start += options.batchSize) {
        if (options.signal?.aborted) throw new EmoqaError('CANCELLED', 'retraining cancelled');
        const rows = order.slice(start, start + options.batchSize);
        if (rows.length < 2) continue;
        const xb = makeBatch(rows);
        const yb = tf.tidy(() => tf.oneHot(tf.tensor1d(rows.map((r) => labels[r]), 'int32'), nClasses));
        const wb = tf.tensor1d(rows.map((r) => weights[r]));
        const loss = optimizer.minimize(() => {
          const p = model.apply(xb, { training: true }) as tf.Tensor2D;
          const ce = tf.neg(tf.sum(tf.mul(yb, tf.log(tf.add(p, 1e-7))), 1));
          return model.calculateLosses().reduce<tf.Scalar>((sum, penalty) => tf.add(sum, penalty), tf.mean(tf.mul(ce, wb)));
        }, true);
        lossSum += loss ? (await loss.data())[0] : 0;
        batches += 1;
        loss?.dispose();
        tf.dispose([xb, yb, wb]);
      }
      options.onEpoch?.(epoch, lossSum / Math.max(1, batches));
      // Lets the thread see a cancel message between epochs.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    optimizer.dispose();
  }
}
