import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../../ml/audio/decode';
import { computeFrameFeatures, FEATURE_SPEC } from '../../../ml/dsp';
import { defaultModelDir, EMOTIONS, loadClassifier } from '../../../ml/model';
import { findSpeechBounds } from '../../../ml/segment/trim';
import { readCorpora } from '../../../ml/train/corpora';
import { HELD_OUT_SPEAKERS } from '../../../ml/train/party-protocol';

/** A fixed, small set of held-out utterances: every 4th file of each held-out RAVDESS / Emo-DB voice. */
async function heldOutSample() {
  const items = (await readCorpora()).filter((u) => HELD_OUT_SPEAKERS.includes(u.speaker) && ['ravdess', 'emodb'].includes(u.corpus));
  return items.filter((_, i) => i % 4 === 0);
}

describe('the shipped party decision rule', () => {
  it('runs the party head, tempered and prior-corrected, with a calibrated uncertain threshold', async () => {
    const c = await loadClassifier(defaultModelDir());
    expect(c.metadata.decision).toMatchObject({ kind: 'party-abs-rel', file: 'party.json' });
    expect(c.uncertainBelow).toBeGreaterThan(0);
    expect(c.uncertainBelow).toBeLessThan(1);
    c.dispose();
  });

  it('is well above chance on held-out voices it never heard, one utterance at a time and as a party', async () => {
    const sample = await heldOutSample();
    expect(sample.length).toBeGreaterThan(50);
    const c = await loadClassifier(defaultModelDir());
    const pooled: Float32Array[] = [];
    for (const u of sample) {
      const { channels } = await decodeFile(path.resolve(u.absPath), { sampleRate: FEATURE_SPEC.sampleRate });
      const b = findSpeechBounds(channels[0]);
      const frames = computeFrameFeatures(b.silent ? channels[0] : channels[0].subarray(b.start, b.end));
      pooled.push(c.poolWindows(frames, [[0, frames.nFrames]])[0]);
    }
    const accuracy = (probs: Float32Array[]): number => probs.filter((p, i) => p.indexOf(Math.max(...p)) === sample[i].label).length / sample.length;
    const single = await Promise.all(pooled.map(async (v) => (await c.classifyVectors([v]))[0]));
    const bySpeaker = new Map<string, number[]>();
    sample.forEach((u, i) => bySpeaker.set(u.speaker, [...(bySpeaker.get(u.speaker) ?? []), i]));
    const party = new Array<Float32Array>(sample.length);
    for (const idx of bySpeaker.values()) {
      const probs = await c.classifyVectors(idx.map((i) => pooled[i]), { adaptation: true });
      idx.forEach((i, k) => (party[i] = probs[k]));
    }
    for (const p of [...single, ...party]) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    const chance = 1 / EMOTIONS.length;
    expect(accuracy(single)).toBeGreaterThan(2 * chance);
    expect(accuracy(party)).toBeGreaterThan(2 * chance);
    c.dispose();
  });
});
