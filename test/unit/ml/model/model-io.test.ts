import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../ml/model/backend';
import { loadModel, saveModel } from '../../../../ml/model/fs-io';
import { SliceConv1D } from '../../../../ml/model/slice-conv1d';
import { denseNet, sequenceNet } from '../../../../ml/train/nets';

describe('model IO and layers', () => {
  let dir = '';
  beforeAll(async () => {
    await initBackend();
    dir = await mkdtemp(path.join(os.tmpdir(), 'emoqa-model-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('round-trips a dense model through the file-system handler', async () => {
    const model = denseNet({ inputDim: 10, hidden: [8], dropout: 0.1, l2: 0, nClasses: 7, seed: 1 });
    const x = tf.randomNormal([3, 10], 0, 1, 'float32', 2);
    const before = await (model.predict(x) as tf.Tensor).data();
    await saveModel(model, dir, 'm.json');
    expect((await stat(path.join(dir, 'm.weights.bin'))).size).toBe(4 * (10 * 8 + 8 + 8 * 7 + 7));
    const loaded = await loadModel(dir, 'm.json');
    const after = await (loaded.predict(x) as tf.Tensor).data();
    expect(Array.from(after)).toEqual(Array.from(before));
    const sum = Array.from(after.slice(0, 7)).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
  });

  it('round-trips the custom SliceConv1D layer (any sequence length)', async () => {
    const model = sequenceNet(4, 7, 3, 8);
    await saveModel(model, dir, 'seq.json');
    const loaded = await loadModel(dir, 'seq.json');
    for (const steps of [16, 33]) {
      const x = tf.randomNormal([2, steps, 4], 0, 1, 'float32', 4);
      const a = await (model.predict(x) as tf.Tensor).data();
      const b = await (loaded.predict(x) as tf.Tensor).data();
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });

  it('SliceConv1D computes what tf.conv1d does', async () => {
    const layer = new SliceConv1D({ filters: 3, kernelSize: 5, padding: 'same', seed: 5 });
    const x = tf.randomNormal([2, 9, 4], 0, 1, 'float32', 6);
    const y = layer.apply(x) as tf.Tensor;
    const [kernel, bias] = layer.getWeights();
    const reference = tf.add(tf.conv1d(x as tf.Tensor3D, kernel.reshape([5, 4, 3]) as tf.Tensor3D, 1, 'same'), bias);
    const diff = await tf.max(tf.abs(tf.sub(y, reference))).data();
    expect(diff[0]).toBeLessThan(1e-5);
  });
});
