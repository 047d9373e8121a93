import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../electron/shared/domain';
import { SEQ_CHANNELS, type Sample } from './dataset';
import { fitBatches } from './fit';
import type { TrainContext, Trained } from './models';
import { sequenceNet } from './nets';
import { speakerGroup } from './normalise';
import { mulberry32 } from './random';

const CROP = 64; // ≈1.5 s of frames per training example

/** Per-channel mean/std over all training frames. */
function channelStats(rows: readonly Sample[]): { mean: Float32Array; std: Float32Array } {
  const mean = new Float64Array(SEQ_CHANNELS);
  const sq = new Float64Array(SEQ_CHANNELS);
  let n = 0;
  for (const s of rows) {
    for (let t = 0; t < s.seqLen; t++) {
      for (let d = 0; d < SEQ_CHANNELS; d++) {
        const v = s.seq[t * SEQ_CHANNELS + d];
        mean[d] += v;
        sq[d] += v * v;
      }
    }
    n += s.seqLen;
  }
  const m = Float32Array.from(mean, (v) => v / n);
  const sd = Float32Array.from(sq, (v, d) => Math.sqrt(Math.max(v / n - m[d] * m[d], 1e-6)));
  return { mean: m, std: sd };
}

/** A crop of `len` frames starting at `offset`, wrapping around short utterances. */
function crop(s: Sample, offset: number, len: number, stats: { mean: Float32Array; std: Float32Array }, out: Float32Array, at: number): void {
  for (let t = 0; t < len; t++) {
    const src = ((offset + t) % s.seqLen) * SEQ_CHANNELS;
    for (let d = 0; d < SEQ_CHANNELS; d++) out[at + t * SEQ_CHANNELS + d] = (s.seq[src + d] - stats.mean[d]) / stats.std[d];
  }
}

type Stats = { mean: Float32Array; std: Float32Array };

/** Statistics per row: global (training frames) or of the row's own speaker-and-condition group. */
function statsPerRow(rows: readonly Sample[], perSpeaker: boolean, global: Stats): Stats[] {
  if (!perSpeaker) return rows.map(() => global);
  const groups = new Map<string, Sample[]>();
  for (const s of rows) groups.set(speakerGroup(s), [...(groups.get(speakerGroup(s)) ?? []), s]);
  const byGroup = new Map([...groups].map(([k, list]) => [k, channelStats(list)]));
  return rows.map((s) => byGroup.get(speakerGroup(s)) ?? global);
}

export async function trainSequenceModel(train: readonly Sample[], ctx: TrainContext, options: { perSpeaker?: boolean } = {}): Promise<Trained> {
  const perSpeaker = options.perSpeaker ?? false;
  const globalStats = channelStats(train);
  const trainStats = statsPerRow(train, perSpeaker, globalStats);
  const model = sequenceNet(SEQ_CHANNELS, EMOTIONS.length, ctx.seed, 32);
  const random = mulberry32(ctx.seed + 7);
  await fitBatches(model, train.length, train.map((s) => s.item.label), EMOTIONS.length, (rows) => {
    const flat = new Float32Array(rows.length * CROP * SEQ_CHANNELS);
    rows.forEach((r, i) => {
      const s = train[r];
      const offset = s.seqLen > CROP ? Math.floor(random() * (s.seqLen - CROP + 1)) : 0;
      crop(s, offset, CROP, trainStats[r], flat, i * CROP * SEQ_CHANNELS);
    });
    return tf.tensor3d(flat, [rows.length, CROP, SEQ_CHANNELS]);
  }, { epochs: ctx.quick ? 4 : 8, batchSize: 64, learningRate: 2e-3, seed: ctx.seed });

  return {
    network: model,
    async predict(rows) {
      const out = new Array<Float32Array>(rows.length);
      const rowStats = statsPerRow(rows, perSpeaker, globalStats);
      // Whole utterances (at least CROP frames, wrapped), batched by length.
      const byLen = new Map<number, number[]>();
      rows.forEach((s, i) => {
        const len = Math.max(CROP, s.seqLen - (s.seqLen % 4));
        byLen.set(len, [...(byLen.get(len) ?? []), i]);
      });
      for (const [len, idx] of byLen) {
        const flat = new Float32Array(idx.length * len * SEQ_CHANNELS);
        idx.forEach((r, i) => crop(rows[r], 0, len, rowStats[r], flat, i * len * SEQ_CHANNELS));
        const x = tf.tensor3d(flat, [idx.length, len, SEQ_CHANNELS]);
        const y = model.predict(x) as tf.Tensor2D;
        const data = await y.data();
        idx.forEach((r, i) => (out[r] = Float32Array.from(data.subarray(i * EMOTIONS.length, (i + 1) * EMOTIONS.length))));
        x.dispose();
        y.dispose();
      }
      return out;
    },
    dispose: () => model.dispose(),
  };
}
