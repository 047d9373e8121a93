import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../../ml/audio/decode';
import { computeFrameFeatures, FEATURE_SPEC } from '../../../ml/dsp';
import { defaultModelDir, EMOTIONS, loadClassifier } from '../../../ml/model';
import { datasetRoot } from '../../../ml/train/paths';
import { fileNeed, itNeeding } from '../../helpers/requirements';

const files = ['ravdess/Actor_01/03-01-05-01-01-01-01.flac', 'ravdess/Actor_02/03-01-04-01-02-01-02.flac'].map((f) => path.join(datasetRoot(), f));

describe('shipped model', () => {
  it('has metadata with the seven classes, the feature spec and a licence note', async () => {
    const c = await loadClassifier(defaultModelDir());
    expect(c.metadata.classes).toEqual([...EMOTIONS]);
    // Same analysis parameters as the DSP of this build (the version string is informative).
    const { version: _v, ...spec } = FEATURE_SPEC;
    expect(c.metadata.featureSpec).toMatchObject(spec);
    expect(c.metadata.licence).toMatch(/non-commercial/i);
    expect(['js-dense', 'tensorflow', 'wasm', 'cpu']).toContain(c.backend);
    c.dispose();
  });

  itNeeding(files.map((f) => fileNeed(f, 'a RAVDESS utterance')), 'classifies real RAVDESS files: one probability vector per window, summing to 1', async () => {
    const c = await loadClassifier();
    for (const file of files) {
      const { channels } = await decodeFile(file, { sampleRate: FEATURE_SPEC.sampleRate });
      const frames = computeFrameFeatures(channels[0]);
      const half = Math.floor(frames.nFrames / 2);
      const probs = await c.classifyWindows(frames, [[0, frames.nFrames], [0, half], [half, frames.nFrames]]);
      expect(probs).toHaveLength(3);
      for (const p of probs) {
        expect(p).toHaveLength(7);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
        expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
      }
      const adapted = await c.classifyWindows(frames, Array.from({ length: 10 }, (_, i) => [i * 8, i * 8 + 40] as const), { adaptation: true });
      expect(adapted[0].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    c.dispose();
  });
});
