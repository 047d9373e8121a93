import * as tf from '@tensorflow/tfjs';
import { mulberry32, shuffleInPlace } from './random';

export interface FitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Called after each epoch with the mean training loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Mini-batch training with a seeded shuffle (model.fit shuffles with Math.random, which would
 * make `--seed` meaningless). `makeBatch` turns row indices into input tensors.
 */
export async function fitBatches(model: tf.LayersModel, nRows: number, labels: ArrayLike<number>, nClasses: number,
  makeBatch: (rows: number[]) => tf.Tensor, options: FitOptions): Promise<void> {
  const random = mulberry32(options.seed);
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy' });
  const order = Array.from({ length: nRows }, (_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let lossSum = 0;
    let batches = 0;
    for (let start = 0; start < nRows; start += options.batchSize) {
      const rows = order.slice(start, start + options.batchSize);
      if (rows.length < 2) continue;
      const x = makeBatch(rows);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(rows.map((r) => labels[r]), 'int32'), nClasses));
      const loss = await model.trainOnBatch(x, y);
      lossSum += Array.isArray(loss) ? loss[0] : loss;
      batches += 1;
      x.dispose();
      y.dispose();
    }
    options.onEpoch?.(epoch, lossSum / Math.max(1, batches));
    await tf.nextFrame();
  }
}

/** Rows of equal length → one [n, dim] tensor. */
export function stackRows(rows: readonly Float32Array[], indices: readonly number[]): tf.Tensor2D {
  const dim = rows[indices[0]].length;
  const flat = new Float32Array(indices.length * dim);
  indices.forEach((r, i) => flat.set(rows[r], i * dim));
  return tf.tensor2d(flat, [indices.length, dim]);
}

export async function predictRows(model: tf.LayersModel, rows: readonly Float32Array[], batchSize = 512): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let start = 0; start < rows.length; start += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, rows.length - start) }, (_, i) => start + i);
    const x = stackRows(rows, idx);
    const y = model.predict(x) as tf.Tensor2D;
    const data = await y.data();
    const k = y.shape[1];
    idx.forEach((_, i) => out.push(Float32Array.from(data.subarray(i * k, (i + 1) * k))));
    x.dispose();
    y.dispose();
  }
  return out;
}
