import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../ml/model/backend';
import { studyConvNet } from '../ml/train/nets';
import { SliceConv1D } from '../ml/model/slice-conv1d';
console.log(await initBackend());
function seqNet(T: number, C: number, w: number): tf.Sequential {
  const m = tf.sequential();
  m.add(new SliceConv1D({ filters: w, kernelSize: 5, activation: 'relu', seed: 1, inputShape: [T, C] }));
  m.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  m.add(new SliceConv1D({ filters: w, kernelSize: 5, activation: 'relu', seed: 2 }));
  m.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  m.add(new SliceConv1D({ filters: w + 16, kernelSize: 3, activation: 'relu', seed: 3 }));
  m.add(tf.layers.globalAveragePooling1d());
  m.add(tf.layers.dense({ units: 7, activation: 'softmax' }));
  return m;
}
async function bench(name: string, m: tf.LayersModel, shape: number[]) {
  const n = 256;
  const x = tf.randomNormal([n, ...shape]);
  (m.predict(x) as tf.Tensor).dispose();
  let t = performance.now();
  for (let i = 0; i < 2; i++) { const y = m.predict(x) as tf.Tensor; await y.data(); y.dispose(); }
  const fwd = (performance.now() - t) / 2 / n;
  const x1 = tf.randomNormal([1, ...shape]);
  t = performance.now();
  for (let i = 0; i < 10; i++) { const y = m.predict(x1) as tf.Tensor; await y.data(); y.dispose(); }
  const one = (performance.now() - t) / 10;
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const xb = tf.randomNormal([128, ...shape]);
  const yb = tf.oneHot(tf.zeros([128], 'int32'), 7);
  await m.trainOnBatch(xb, yb);
  t = performance.now();
  for (let i = 0; i < 3; i++) await m.trainOnBatch(xb, yb);
  const tr = (performance.now() - t) / 3 / 128;
  const params = m.countParams();
  console.log(`${name}: fwd batched ${fwd.toFixed(3)} ms/window, one ${one.toFixed(2)} ms, train ${tr.toFixed(3)} ms/row, params ${params} (${(params * 4 / 1048576).toFixed(2)} MiB)`);
}
await bench('study full 184x2', studyConvNet(368, 7, 1, 1, 2), [368]);
await bench('study 1/8', studyConvNet(368, 7, 1, 0.125, 2), [368]);
await bench('seq 64x80 w32', seqNet(64, 80, 32), [64, 80]);
await bench('seq 64x80 w48', seqNet(64, 80, 48), [64, 80]);
