import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { analyseRecording } from '../../../electron/services/analysis/analyse-recording';
import { partyRegions } from '../../../electron/services/analysis/party-analyser';
import { loadPartyClassifier } from '../../../electron/services/analysis/party-classifier';
import { EMOTIONS } from '../../../electron/shared/domain';
import { defaultModelDir } from '../../../ml/model';
import { applyCallRule, decideParty, showRegion, unshowRegion } from '../../../ml/model/call-rule';
import { readMetadata } from '../../../ml/model/model-dir';
import { captureStereo, identityRuleDir } from '../../../scripts/call-capture';
import { callsDir, makeTempDir } from '../../helpers/fixtures';
import { itNeeding, needs } from '../../helpers/requirements';

const tmp = makeTempDir('emoqa-call-rule-');
afterAll(() => tmp.cleanup());

describe('the decision rule the calibration bench scores', () => {
  itNeeding([needs.model(), needs.calls()], 'is the one the product runs: raw windows + the shipped rule give the analysis\'s regions', async () => {
    const call = join(callsDir, 'call_000.wav');
    const meta = await readMetadata(defaultModelDir());
    const rule = meta.decision;
    expect(rule).toBeDefined();
    if (!rule) throw new Error('the shipped model has no decision rule in its metadata');
    const product = await analyseRecording(call, { roles: ['agent', 'customer'] }, { modelDir: defaultModelDir() });
    const raw = await loadPartyClassifier(await identityRuleDir(defaultModelDir(), join(tmp.dir, 'raw')));
    const parties = await captureStereo(call, raw);
    raw.dispose();
    for (const [c, party] of parties.entries()) {
      const evaluated = partyRegions(party.runs, party.windows, applyCallRule(party.raw, rule), { classes: EMOTIONS, uncertainBelow: rule.uncertainBelow, shownTemperature: rule.shownTemperature });
      const shown = product.channels.find((ch) => ch.channel === c)?.regions ?? [];
      expect(evaluated.length).toBeGreaterThan(0);
      expect(evaluated.map((r) => [r.start, r.end, r.emotion, r.uncertain])).toEqual(shown.map((r) => [r.start, r.end, r.emotion, r.uncertain]));
      evaluated.forEach((r, i) => expect(r.confidence).toBeCloseTo(shown[i].confidence, 4));
    }
  }, 60_000);

  itNeeding([], 'reads a party that is one emotion throughout as such with its own prior, and blends towards its mean', () => {
    const party = [0.5, 0.45, 0.55, 0.6].map((a) => Float32Array.from([a, 1 - a]));
    const none = decideParty(party, {});
    expect(none.map((p) => p[0])).toEqual(party.map((p) => p[0]));
    const prior = decideParty(party, { partyPrior: 1 });
    prior.forEach((p, i) => expect(p[0]).toBeGreaterThan(party[i][0]));
    const blended = decideParty(party, { partyBlend: 1 });
    blended.forEach((p) => expect(p[0]).toBeCloseTo(0.525, 5));
  });
});

describe('what regions show', () => {
  itNeeding([], 'is tempered without changing the label, and the library prior reads it back untempered', () => {
    const smoothed = Float32Array.from([0.5, 0.3, 0.2]);
    const shown = showRegion(smoothed, 1.29);
    expect(shown.indexOf(Math.max(...shown))).toBe(0);
    expect(shown[0]).toBeLessThan(smoothed[0]);
    Array.from(unshowRegion(shown, 1.29)).forEach((p, k) => expect(p).toBeCloseTo(smoothed[k], 5));
  });
});
