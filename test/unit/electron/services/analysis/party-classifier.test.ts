import { describe, expect } from 'vitest';
import { CLASSIFY_BATCH, loadPartyClassifier } from '../../../../../electron/services/analysis/party-classifier';
import { computeFrameFeatures } from '../../../../../ml/dsp';
import { loadClassifier } from '../../../../../ml/model';
import { decideParty } from '../../../../../ml/model/call-rule';
import { itNeeding, needs } from '../../../../helpers/requirements';
import { synthParty } from './synth';


describe('PartyClassifier', () => {
  // The pooled path must give what EmotionClassifier.classifyWindows gives on the same windows,
  // with speaker adaptation (enough windows) and without (too few), then the party part of the rule
  // (the shipped blend towards the party's mean), which only a whole party's windows can take.
  itNeeding([needs.model()], 'classifies pooled windows exactly as the model classifies frame windows', async () => {
    const y = synthParty(40, 22050, [{ start: 0.5, end: 12 }, { start: 14, end: 39, amplitude: 0.1 }], 21);
    const frames = computeFrameFeatures(y, { sampleRate: 22050 });
    const windows: Array<[number, number]> = [];
    for (let s = 0; s + 130 < frames.nFrames; s += 65) windows.push([s, s + 130]);
    const reference = await loadClassifier();
    const party = await loadPartyClassifier();
    try {
      for (const w of [windows, windows.slice(0, 3)]) {
        const expected = decideParty(await reference.classifyWindows(frames, w, { adaptation: true }), reference.metadata.decision ?? {});
        const got = await party.classify(party.pool(frames, w));
        expect(got).toHaveLength(expected.length);
        got.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(expected[i][k], 6)));
      }
      expect(party.classes).toEqual(reference.metadata.classes);
      expect(party.sampleRate).toBe(22050);
    } finally {
      reference.dispose();
      party.dispose();
    }
  });

  // A long call's windows go to the model in batches, with the statistics of ALL the party's
  // windows: the same probabilities as one call over every window.
  itNeeding([needs.model()], 'classifies more windows than one batch as one call would', async () => {
    const y = synthParty(40, 22050, [{ start: 0.5, end: 39 }], 22);
    const frames = computeFrameFeatures(y, { sampleRate: 22050 });
    const windows: Array<[number, number]> = [];
    for (let s = 0; s + 130 < frames.nFrames; s += 2) windows.push([s, s + 130]);
    expect(windows.length).toBeGreaterThan(2 * CLASSIFY_BATCH);
    const reference = await loadClassifier();
    const party = await loadPartyClassifier();
    try {
      const expected = decideParty(await reference.classifyWindows(frames, windows, { adaptation: true }), reference.metadata.decision ?? {});
      const got = await party.classify(party.pool(frames, windows));
      expect(got).toHaveLength(expected.length);
      got.forEach((p, i) => p.forEach((v, k) => expect(v).toBeCloseTo(expected[i][k], 6)));
    } finally {
      reference.dispose();
      party.dispose();
    }
  });
});
