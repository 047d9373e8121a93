import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { computeFrameFeatures } from '../../../../ml/dsp';
import { openClassifier } from '../../../../ml/model/classifier';
import { saveModel } from '../../../../ml/model/fs-io';
import { channelMajor, SEQUENCE, SEQUENCE_DIM, sequenceFeatures, sequenceInputs, sequencePartyStats, sequenceWindow, stepsOf, timeMajor } from '../../../../ml/model/frame-sequence';
import { modelMetadataSchema } from '../../../../ml/model/metadata';
import { calibrate, partyFeatures, robustStats, shrinkStats } from '../../../../ml/model/party-features';
import { sequenceNet } from '../../../../ml/train/nets';
import { writeStubModel } from '../../electron/services/analysis/stub-model';

const { steps, stride, channels } = SEQUENCE;
/** A track whose value names its frame and coefficient: 1000·t + d. */
const track = (n: number): Float32Array => Float32Array.from({ length: n * channels }, (_, i) => 1000 * Math.floor(i / channels) + (i % channels));

describe('frame sequences', () => {
  it('cuts the centre of a long window, averaging `stride` frames per step', () => {
    const n = steps * stride + 10;
    const w = sequenceWindow(timeMajor(track(n), channels), 0, n);
    expect(w).toHaveLength(SEQUENCE_DIM);
    // Offset 5: step s averages frames 5 + 2s and 6 + 2s.
    expect(w[0]).toBeCloseTo(1000 * 5.5, 3);
    expect(w[(steps - 1) * channels + 3]).toBeCloseTo(1000 * (5 + 2 * (steps - 1) + 0.5) + 3, 2);
  });

  it('wraps a short window and reads channel-major tracks the same as time-major ones', () => {
    const n = 7;
    const tm = track(n);
    const cm = new Float32Array(tm.length);
    for (let t = 0; t < n; t++) for (let d = 0; d < channels; d++) cm[d * n + t] = tm[t * channels + d];
    const a = sequenceWindow(timeMajor(tm, channels), 0, n);
    expect(sequenceWindow(channelMajor(cm, n), 0, n)).toEqual(a);
    // Step 3 averages frames 6 and 7 % 7 = 0.
    expect(a[3 * channels]).toBeCloseTo((6000 + 0) / 2, 3);
  });

  it('party statistics are the robust ones over all steps, shrunk by the number of windows', () => {
    const windows = [0, 1, 2].map((k) => Float32Array.from({ length: SEQUENCE_DIM }, (_, i) => Math.sin(i * 0.37 + k) * (1 + (i % channels))));
    const global = { mean: new Float32Array(channels).fill(0.5), std: new Float32Array(channels).fill(2), count: 0 };
    const party = sequencePartyStats(windows, global, 6);
    const robust = robustStats(stepsOf(windows));
    const expected = shrinkStats({ ...robust, count: 3 }, global, 6);
    expect(party.count).toBe(3);
    expect(Array.from(party.mean)).toEqual(Array.from(expected.mean));
    expect(Array.from(party.std)).toEqual(Array.from(expected.std));
    expect(sequencePartyStats([], global, 6).mean).toEqual(global.mean);
    // Every step: [global z | party z] of its coefficients.
    const floor = new Float32Array(channels).fill(0.01);
    const [x] = sequenceInputs(windows.slice(0, 1), global, { shrinkWindows: 6, stdFloor: floor });
    const one = sequencePartyStats(windows.slice(0, 1), global, 6);
    expect(x).toHaveLength(2 * SEQUENCE_DIM);
    expect(x.subarray(5 * 2 * channels, 6 * 2 * channels)).toEqual(partyFeatures(windows[0].subarray(5 * channels, 6 * channels), global, one, floor));
    expect(sequenceFeatures(windows[0], global, one, floor)).toEqual(x);
  });

  it('a frame-sequence model runs in the product path: the classifier equals the reference computation', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'emoqa-seq-'));
    try {
      await writeStubModel(dir, { party: true });
      const net = sequenceNet(2 * channels, EMOTIONS.length, 3, 8, steps);
      await saveModel(net, dir, 'party.json');
      const file = path.join(dir, 'metadata.json');
      const metadata = modelMetadataSchema.parse(JSON.parse(await readFile(file, 'utf8')));
      const global = { mean: Array.from({ length: channels }, (_, d) => -d), std: new Array<number>(channels).fill(20) };
      const decision = metadata.decision;
      if (!decision) throw new Error('the stub has a decision block');
      metadata.decision = { ...decision, global, stdFloor: new Array<number>(channels).fill(0.5), sequence: { steps, stride, channels } };
      await writeFile(file, JSON.stringify(metadata));
      const y = Float32Array.from({ length: 4 * 22050 }, (_, i) => 0.2 * Math.sin((2 * Math.PI * (150 + i / 400) * i) / 22050));
      const frames = computeFrameFeatures(y);
      const ranges = [[0, 130], [60, 190], [100, 120]] as const;
      const classifier = await openClassifier(dir);
      try {
        const cut = classifier.poolWindows(frames, ranges);
        expect(cut.map((w) => w.length)).toEqual([SEQUENCE_DIM, SEQUENCE_DIM, SEQUENCE_DIM]);
        const got = await classifier.classifyWindows(frames, ranges, { adaptation: true });
        const g = { mean: Float32Array.from(global.mean), std: Float32Array.from(global.std), count: 0 };
        const x = sequenceInputs(cut, g, { shrinkWindows: decision.shrinkWindows, stdFloor: new Float32Array(channels).fill(0.5) });
        const raw = net.predict(tf.tensor2d(x.flatMap((v) => Array.from(v)), [x.length, x[0].length])) as tf.Tensor2D;
        const rows = (await raw.array()).map((p) => calibrate(Float32Array.from(p), decision.temperature, decision.classWeights));
        got.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(rows[i][k], 4)));
      } finally {
        classifier.dispose();
        net.dispose();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
