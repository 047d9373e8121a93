/**
 * Cost of the convolutional party heads per 3-second window on one core (TF.js WASM, single-threaded
 * in Node; no tfjs-node): the study's Conv1D at its real width (256/128/128/128 over the 184 means
 * as [global z | party z]) and the frame-sequence Conv1D (party-conv.ts), batched as the product
 * batches (256 windows) and one window at a time; for the sequence head also its input (cutting the
 * MFCC frames, the party's robust statistics, the z-scores). Budget: ≤ 2 ms per window, ≤ 20 MB.
 * Run: `npx tsx bench/conv-bench.ts` (prints the load average: the shared machine is rarely idle).
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../electron/shared/domain';
import { computeFrameFeatures } from '../ml/dsp';
import { initBackend } from '../ml/model/backend';
import { channelMajor, SEQUENCE, SEQUENCE_DIM, sequenceInputs, sequenceWindow } from '../ml/model/frame-sequence';
import { sequenceNet, studyConvNet } from '../ml/train/nets';
import { SEQUENCE_RECIPE } from '../ml/train/party-conv';

const K = EMOTIONS.length;
const BATCH = 256;

async function timeHead(name: string, model: tf.LayersModel, dim: number): Promise<void> {
  const x = tf.randomNormal([BATCH, dim]);
  const x1 = tf.randomNormal([1, dim]);
  const run = async (input: tf.Tensor): Promise<void> => {
    const y = model.predict(input) as tf.Tensor;
    await y.data();
    y.dispose();
  };
  await run(x);
  await run(x1);
  let t = performance.now();
  for (let i = 0; i < 3; i++) await run(x);
  const batched = (performance.now() - t) / 3 / BATCH;
  t = performance.now();
  for (let i = 0; i < 20; i++) await run(x1);
  const single = (performance.now() - t) / 20;
  const params = model.countParams();
  process.stdout.write(`${name.padEnd(44)} batched ${batched.toFixed(3)} ms/window   one window ${single.toFixed(2)} ms   ${params} parameters (${((params * 4) / 2 ** 20).toFixed(2)} MiB)\n`);
  tf.dispose([x, x1]);
}

process.stdout.write(`backend ${await initBackend()}, load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}\n`);
await timeHead('study Conv1D 256/128/128/128 (368 inputs)', studyConvNet(368, K, 1, 1, 2), 368);
await timeHead('study Conv1D ×⅛ (the old cut, 368 inputs)', studyConvNet(368, K, 1, 0.125, 2), 368);
const f = SEQUENCE_RECIPE.filters;
await timeHead(`frame-sequence Conv1D ${f}/${f}/${f + 16} (${2 * SEQUENCE_DIM} inputs)`, sequenceNet(2 * SEQUENCE.channels, K, 1, f, SEQUENCE.steps), 2 * SEQUENCE_DIM);

// The sequence head's input over a 6.5-minute party: cut 256 windows (1.5 s hop), robust statistics, z-scores.
const y = Float32Array.from({ length: 400 * 22050 }, (_, i) => 0.2 * Math.sin((2 * Math.PI * (140 + 30 * Math.sin(i / 20000)) * i) / 22050) * (1 + Math.sin(i / 3000)));
const frames = computeFrameFeatures(y);
const ranges = Array.from({ length: BATCH }, (_, i) => [i * 64, i * 64 + 129] as const);
const global = { mean: new Float32Array(SEQUENCE.channels), std: new Float32Array(SEQUENCE.channels).fill(10), count: 0 };
const t = performance.now();
const cut = ranges.map(([s, e]) => sequenceWindow(channelMajor(frames.mfcc, frames.nFrames), s, e));
sequenceInputs(cut, global, { shrinkWindows: 6, stdFloor: new Float32Array(SEQUENCE.channels).fill(0.1) });
process.stdout.write(`${'frame-sequence input (cut + party stats + z)'.padEnd(44)} ${((performance.now() - t) / BATCH).toFixed(3)} ms/window\n`);
