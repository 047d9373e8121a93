/**
 * A classification head loaded from model files: the plain-JS Dense runner when the graph is made
 * of Dense layers (the shipped heads: no TF.js is loaded at all), else TF.js with its backend. The
 * TF.js path is imported only when needed, so analysis workers never pay for it with Dense heads.
 * EMOQA_HEAD_RUNNER=tfjs forces TF.js (benchmarks, and the test that both agree).
 */
import { loadDenseModel, UnsupportedModelError } from './dense-runner';

export interface Head {
  /** 'js-dense', or the TF.js backend in use. */
  readonly backend: string;
  predict(rows: readonly Float32Array[]): Promise<Float32Array[]>;
  dispose(): void;
}

async function tfjsHead(dir: string, file: string): Promise<Head> {
  const [tf, { initBackend }, { loadModel }] = await Promise.all([import('@tensorflow/tfjs'), import('./backend'), import('./fs-io'), import('./slice-conv1d')]);
  const backend = await initBackend();
  const model = await loadModel(dir, file);
  return {
    backend,
    async predict(rows) {
      if (!rows.length) return [];
      const dim = rows[0].length;
      const flat = new Float32Array(rows.length * dim);
      rows.forEach((r, i) => flat.set(r, i * dim));
      const x = tf.tensor2d(flat, [rows.length, dim]);
      const y = model.predict(x) as import('@tensorflow/tfjs').Tensor2D;
      const data = await y.data();
      x.dispose();
      y.dispose();
      const k = y.shape[1];
      return rows.map((_, i) => Float32Array.from(data.subarray(i * k, (i + 1) * k)));
    },
    dispose: () => model.dispose(),
  };
}

export async function loadHead(dir: string, file: string, runner = process.env.EMOQA_HEAD_RUNNER): Promise<Head> {
  if (runner !== 'tfjs') {
    try {
      const model = await loadDenseModel(dir, file);
      return { backend: 'js-dense', predict: async (rows) => model.predict(rows), dispose: () => undefined };
    } catch (error) {
      if (!(error instanceof UnsupportedModelError)) throw error;
    }
  }
  return tfjsHead(dir, file);
}
