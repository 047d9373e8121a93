import * as tf from '@tensorflow/tfjs';
import { SliceConv1D } from '../model/slice-conv1d';

/** Layer-model builders. Every convolution is SliceConv1D so that it trains on the WASM backend. */
export interface DenseSpec {
  inputDim: number;
  hidden: number[];
  dropout: number;
  l2: number;
  nClasses: number;
  seed: number;
}

/** Logistic regression when `hidden` is empty, else an MLP with ReLU and dropout. */
export function denseNet(spec: DenseSpec): tf.Sequential {
  const model = tf.sequential();
  const regularizer = spec.l2 ? tf.regularizers.l2({ l2: spec.l2 }) : undefined;
  spec.hidden.forEach((units, i) => {
    model.add(tf.layers.dense({ units, activation: 'relu', kernelRegularizer: regularizer,
      kernelInitializer: tf.initializers.heNormal({ seed: spec.seed + i }), ...(i === 0 ? { inputShape: [spec.inputDim] } : {}) }));
    if (spec.dropout) model.add(tf.layers.dropout({ rate: spec.dropout, seed: spec.seed + 100 + i }));
  });
  model.add(tf.layers.dense({ units: spec.nClasses, activation: 'softmax', kernelRegularizer: regularizer,
    kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + 50 }),
    ...(spec.hidden.length === 0 ? { inputShape: [spec.inputDim] } : {}) }));
  return model;
}

/**
 * The study's network over the 184-vector seen as a 1-channel sequence: Conv1D(256,5) →
 * Conv1D(128,5) → Dropout → MaxPool(8) → Conv1D(128,5) ×2 → Flatten → Dense(7). `width` scales
 * the filter counts (1 = the study's; smaller to fit a shared laptop's time budget); `channels` > 1
 * reads the input as that many stacked vectors (the party protocol's [global z | party z]).
 */
export function studyConvNet(inputDim: number, nClasses: number, seed: number, width = 1, channels = 1): tf.Sequential {
  const f = (n: number): number => Math.max(4, Math.round(n * width));
  const model = tf.sequential();
  const steps = inputDim / channels;
  if (!Number.isInteger(steps)) throw new Error(`studyConvNet: ${inputDim} inputs do not split into ${channels} channels`);
  // Channel-major input ([abs z of all 184 | party z of all 184]) read as [steps, channels].
  model.add(tf.layers.reshape({ targetShape: [channels, steps], inputShape: [inputDim] }));
  model.add(tf.layers.permute({ dims: [2, 1] }));
  model.add(new SliceConv1D({ filters: f(256), kernelSize: 5, activation: 'relu', seed }));
  model.add(new SliceConv1D({ filters: f(128), kernelSize: 5, activation: 'relu', seed: seed + 1 }));
  model.add(tf.layers.dropout({ rate: 0.1, seed: seed + 2 }));
  model.add(tf.layers.maxPooling1d({ poolSize: 8 }));
  model.add(new SliceConv1D({ filters: f(128), kernelSize: 5, activation: 'relu', seed: seed + 3 }));
  model.add(new SliceConv1D({ filters: f(128), kernelSize: 5, activation: 'relu', seed: seed + 4 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: nClasses, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 5 }) }));
  return model;
}

/**
 * A small CNN over MFCC frames in time with global average pooling: any window length; with
 * `flatSteps` the input is one flat row of flatSteps × channels (time-major), as a head reads it.
 */
export function sequenceNet(channels: number, nClasses: number, seed: number, width = 48, flatSteps?: number): tf.Sequential {
  const model = tf.sequential();
  if (flatSteps) model.add(tf.layers.reshape({ targetShape: [flatSteps, channels], inputShape: [flatSteps * channels] }));
  model.add(new SliceConv1D({ filters: width, kernelSize: 5, activation: 'relu', seed, ...(flatSteps ? {} : { inputShape: [null, channels] }) }));
  model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  model.add(new SliceConv1D({ filters: width, kernelSize: 5, activation: 'relu', seed: seed + 1 }));
  model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  model.add(new SliceConv1D({ filters: width + 16, kernelSize: 3, activation: 'relu', seed: seed + 2 }));
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.dropout({ rate: 0.3, seed: seed + 3 }));
  model.add(tf.layers.dense({ units: nClasses, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 4 }) }));
  return model;
}

/**
 * One functional model averaging the softmax outputs of trained sequential members (their layers
 * are reused, not copied): ships as a single model.json that loads with no custom code.
 */
export function averageOf(members: readonly tf.Sequential[], inputDim: number): tf.LayersModel {
  const input = tf.input({ shape: [inputDim] });
  const outputs = members.map((m) => {
    let h: tf.SymbolicTensor = input;
    for (const layer of m.layers) h = layer.apply(h) as tf.SymbolicTensor;
    return h;
  });
  const output = outputs.length === 1 ? outputs[0] : (tf.layers.average().apply(outputs) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: output });
}
