import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../ml/model/backend';
import { loadDenseModel, UnsupportedModelError } from '../../../../ml/model/dense-runner';
import { loadModel, saveModel } from '../../../../ml/model/fs-io';
import { loadHead } from '../../../../ml/model/head';
import { defaultModelDir } from '../../../../ml/model';
import { modelMetadataSchema } from '../../../../ml/model/metadata';
import { sequenceNet } from '../../../../ml/train/nets';

/** Deterministic rows of z-scored-like values (a few exact zeros, some large ones). */
function rows(n: number, dim: number, seed: number): Float32Array[] {
  let s = seed;
  const next = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: n }, () => Float32Array.from({ length: dim }, (_, i) => (i % 17 === 0 ? 0 : next() * (i % 5 === 0 ? 4 : 1.5))));
}

async function tfPredict(model: tf.LayersModel, x: Float32Array[]): Promise<Float32Array[]> {
  const flat = new Float32Array(x.length * x[0].length);
  x.forEach((r, i) => flat.set(r, i * r.length));
  const y = model.predict(tf.tensor2d(flat, [x.length, x[0].length])) as tf.Tensor2D;
  const data = await y.data();
  return x.map((_, i) => data.slice(i * y.shape[1], (i + 1) * y.shape[1]) as Float32Array);
}

function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  let d = 0;
  a.forEach((row, i) => row.forEach((v, j) => (d = Math.max(d, Math.abs(v - b[i][j])))));
  return d;
}

describe('plain-JS Dense runner', () => {
  let dir = '';
  beforeAll(async () => {
    await initBackend();
    dir = await mkdtemp(path.join(os.tmpdir(), 'emoqa-dense-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('matches TF.js on every head of the shipped model within float32 rounding', async () => {
    const shipped = defaultModelDir();
    const metadata = modelMetadataSchema.parse(JSON.parse(await readFile(path.join(shipped, 'metadata.json'), 'utf8')));
    const files = [metadata.model.file, ...(metadata.adaptation ? [metadata.adaptation.file] : []), ...(metadata.decision ? [metadata.decision.file] : [])];
    for (const file of files) {
      const runner = await loadDenseModel(shipped, file);
      // The party head takes the window's features beside their party-relative values (2 × dim).
      expect([metadata.input.dim, 2 * metadata.input.dim]).toContain(runner.inputDim);
      expect(runner.outputDim).toBe(metadata.classes.length);
      const x = rows(300, runner.inputDim, 7);
      const ours = runner.predict(x);
      const theirs = await tfPredict(await loadModel(shipped, file), x);
      expect(maxDiff(ours, theirs)).toBeLessThan(2e-6);
      // Same decision on every row.
      const argmax = (r: Float32Array): number => r.indexOf(Math.max(...r));
      expect(ours.map(argmax)).toEqual(theirs.map(argmax));
    }
  });

  it('reads any Dense topology: sequential, every activation, no bias, averaged branches', async () => {
    const seq = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [9], units: 6, activation: 'tanh' }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 5, activation: 'elu', useBias: false }),
      tf.layers.dense({ units: 5, activation: 'sigmoid' }),
      tf.layers.activation({ activation: 'relu' }),
      tf.layers.dense({ units: 4, activation: 'softplus' }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ] });
    const input = tf.input({ shape: [9] });
    const a = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
    const h = tf.layers.dense({ units: 4, activation: 'selu' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(h) as tf.SymbolicTensor;
    const c = tf.layers.dense({ units: 3 }).apply(h) as tf.SymbolicTensor;
    const out = tf.layers.average().apply([tf.layers.add().apply([a, c]) as tf.SymbolicTensor, b]) as tf.SymbolicTensor;
    const graph = tf.model({ inputs: input, outputs: out });
    for (const [name, model] of [['seq.json', seq], ['graph.json', graph]] as const) {
      await saveModel(model, dir, name);
      const x = rows(50, 9, 3);
      expect(maxDiff((await loadDenseModel(dir, name)).predict(x), await tfPredict(model, x))).toBeLessThan(2e-6);
    }
  });

  it('refuses other layers by name, and the head then falls back to TF.js', async () => {
    const model = sequenceNet(4, 7, 3, 8);
    await saveModel(model, dir, 'conv.json');
    await expect(loadDenseModel(dir, 'conv.json')).rejects.toThrow(UnsupportedModelError);
    await expect(loadDenseModel(dir, 'conv.json')).rejects.toThrow(/SliceConv1D|not supported/);
    const head = await loadHead(dir, 'conv.json');
    expect(head.backend).not.toBe('js-dense');
    const shipped = await loadHead(defaultModelDir(), 'model.json');
    expect(shipped.backend).toBe('js-dense');
  });
});
