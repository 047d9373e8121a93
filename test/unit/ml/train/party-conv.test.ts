import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { initBackend } from '../../../../ml/model/backend';
import { SEQUENCE, SEQUENCE_DIM } from '../../../../ml/model/frame-sequence';
import { parseCompareArgs } from '../../../../ml/train/compare-options';
import type { Sample } from '../../../../ml/train/dataset';
import { SEQ_CHANNELS } from '../../../../ml/train/dataset';
import type { Utterance } from '../../../../ml/train/manifest';
import { sequenceNet, studyConvNet } from '../../../../ml/train/nets';
import { fitSequenceHead, fitStudyConvHead, sampleSequence, subsampleRows } from '../../../../ml/train/party-conv';
import { mulberry32 } from '../../../../ml/train/random';

const K = EMOTIONS.length;

/** Applies a sequential model's layers from `from` on. */
function applyFrom(model: tf.Sequential, from: number, x: tf.Tensor): tf.Tensor {
  let h = x;
  for (const layer of model.layers.slice(from)) h = layer.apply(h) as tf.Tensor;
  return h;
}

function samples(n: number, seed: number): Sample[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const label = i % K;
    const speaker = `A0${i % 4}`;
    const item: Utterance = { id: `u${i}`, absPath: `/none/u${i}.flac`, corpus: i % 4 === 3 ? 'emodb' : 'ravdess', speaker, gender: i % 2 ? 'female' : 'male', label, emotion: EMOTIONS[label], durationS: 3 };
    const seqLen = 90 + (i % 70);
    const seq = Float32Array.from({ length: seqLen * SEQ_CHANNELS }, (_, j) => label * 0.3 * ((j % SEQ_CHANNELS) / SEQ_CHANNELS) + random() - 0.5);
    return { item, variant: i % 2 ? 'tel' : 'clean', pooled: new Float32Array(8).map(() => random()), study: Float32Array.from({ length: 184 }, () => label + random()), seq, seqLen };
  });
}

describe('convolutional party heads', () => {
  it('the study Conv1D at its real width: 256/128/128/128 filters, [abs | party] read as 2 channels', async () => {
    await initBackend();
    const model = studyConvNet(368, K, 1, 1, 2);
    const convs = model.layers.filter((l) => l.getClassName() === 'SliceConv1D');
    expect(convs.map((l) => l.outputShape[2])).toEqual([256, 128, 128, 128]);
    expect(model.outputShape).toEqual([null, K]);
    // Reference: the two vectors stacked as channels by hand, through the same layers after the reshape/permute.
    const abs = tf.randomNormal([3, 184], 0, 1, 'float32', 1);
    const rel = tf.randomNormal([3, 184], 0, 1, 'float32', 2);
    const y = model.predict(tf.concat([abs, rel], 1)) as tf.Tensor;
    const reference = applyFrom(model, 2, tf.stack([abs, rel], 2));
    const a = await y.data(), b = await reference.data();
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
    model.dispose();
  });

  it('the flat frame-sequence net equals the same layers on the [steps, channels] tensor', async () => {
    await initBackend();
    const model = sequenceNet(2 * SEQUENCE.channels, K, 4, 8, SEQUENCE.steps);
    expect(model.inputs[0].shape).toEqual([null, 2 * SEQUENCE_DIM]);
    const x = tf.randomNormal([2, SEQUENCE.steps, 2 * SEQUENCE.channels], 0, 1, 'float32', 3);
    const y = model.predict(x.reshape([2, 2 * SEQUENCE_DIM])) as tf.Tensor;
    const reference = applyFrom(model, 1, x);
    expect(y.shape).toEqual([2, K]);
    const a = await y.data(), b = await reference.data();
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
    model.dispose();
  });

  it('trains both heads on drawn parties and scores a party: one distribution per window', async () => {
    await initBackend();
    const train = samples(84, 1);
    const ctx = { seed: 1, quick: true };
    const seq = await fitSequenceHead(train, ctx, { filters: 4, epochs: 1, quickEpochs: 1, drawsPerCondition: 1, singles: 2, lr: 1e-3, batchSize: 32, specAugment: { timeMasks: 1, maxTime: 4, freqMasks: 1, maxFreq: 3 } });
    expect(seq.family).toBe('frame-sequence');
    expect(seq.global.mean).toHaveLength(SEQUENCE.channels);
    expect(sampleSequence(train[0])).toHaveLength(SEQUENCE_DIM);
    const x = seq.inputsOf(train.slice(0, 5));
    expect(x.map((v) => v.length)).toEqual(new Array(5).fill(2 * SEQUENCE_DIM));
    const p = seq.model.predict(tf.tensor2d(x.flatMap((v) => Array.from(v)), [5, 2 * SEQUENCE_DIM])) as tf.Tensor2D;
    for (const row of await p.array()) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    seq.model.dispose();
    const study = await fitStudyConvHead(train, ctx, { width: 1 / 32, epochs: 1, quickEpochs: 1, drawsPerCondition: 1, singles: 2, lr: 1e-3, batchSize: 32 });
    expect(study.inputsOf(train.slice(0, 3)).map((v) => v.length)).toEqual([368, 368, 368]);
    study.model.dispose();
  }, 60_000);

  it('a quick run keeps a seeded share of the drawn rows, every field aligned', () => {
    const n = 1000;
    const rows = { x: Array.from({ length: n }, (_, i) => Float32Array.of(i)), labels: Array.from({ length: n }, (_, i) => i % K),
      corpus: Array.from({ length: n }, (_, i) => `c${i}`), variant: new Array<string>(n).fill('clean'), condition: new Array<'single'>(n).fill('single'), party: Array.from({ length: n }, (_, i) => i) };
    const half = subsampleRows(rows, 0.5, 3);
    expect(half.x.length).toBeGreaterThan(420);
    expect(half.x.length).toBeLessThan(580);
    half.x.forEach((v, i) => {
      expect(half.party[i]).toBe(v[0]);
      expect(half.labels[i]).toBe(v[0] % K);
      expect(half.corpus[i]).toBe(`c${v[0]}`);
    });
    expect(subsampleRows(rows, 0.5, 3).party).toEqual(half.party);
  });

  it('ml:compare parses --family and --run-folds, and refuses an unknown family', () => {
    const { options } = parseCompareArgs(['--party', '--family', 'study-conv1d', '--run-folds', '1', '--folds', '3']);
    expect(options.family).toBe('study-conv1d');
    expect(options['run-folds']).toBe(1);
    expect(parseCompareArgs([]).options.family).toBe('pooled');
    expect(() => parseCompareArgs(['--family', 'lstm'])).toThrow();
    expect(() => parseCompareArgs(['--run-folds', '0'])).toThrow();
  });
});
