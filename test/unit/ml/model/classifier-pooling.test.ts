import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFrameFeatures } from '../../../../ml/dsp';
import { openClassifier } from '../../../../ml/model/classifier';
import { POOLED_DIM, STATS_V1_DIM } from '../../../../ml/model/pooling';
import { writeStubModel } from '../../electron/services/analysis/stub-model';

describe('classifier input versions', () => {
  // Models retrained before pitch was pooled (stats-v1) must keep classifying: they read the prefix.
  it('runs stats-v1 and stats-v2 models on the same frames', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'emoqa-pooling-'));
    try {
      const y = Float32Array.from({ length: 3 * 22050 }, (_, i) => 0.2 * Math.sin((2 * Math.PI * 150 * i) / 22050));
      const frames = computeFrameFeatures(y);
      for (const [pooling, dim] of [['stats-v1', STATS_V1_DIM], [undefined, POOLED_DIM]] as const) {
        const dir = await writeStubModel(path.join(root, pooling ?? 'current'), pooling ? { pooling } : {});
        const classifier = await openClassifier(dir);
        try {
          expect(classifier.metadata.input.dim).toBe(dim);
          expect(classifier.poolWindows(frames, [[0, 40]])[0]).toHaveLength(dim);
          const [p] = await classifier.classifyWindows(frames, [[0, 40]]);
          expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        } finally {
          classifier.dispose();
        }
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
