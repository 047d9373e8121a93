/**
 * The analysis gives what it gave before the speed work (test/fixtures/regions, made on 2026-12-01
 * with the model copied there): the same speech spans and region boundaries bit for bit, the same
 * emotions, and probabilities within 1e-5 (the Dense heads now run in plain JS, not TF.js/WASM:
 * float32 sums in another order).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalysisPool } from '../../../electron/services/analysis/analysis-pool';
import type { ChannelAnalysis } from '../../../electron/services/analysis/analysis-types';
import { callsDir, repoRoot } from '../../helpers/fixtures';

const fixtureDir = join(repoRoot, 'test', 'fixtures', 'regions');
const TOLERANCE = 1e-5;
const expected = JSON.parse(readFileSync(join(fixtureDir, 'regions.json'), 'utf8')) as Record<string, { durationS: number; channels: ChannelAnalysis[] }>;
const pool = createAnalysisPool({ modelDir: join(fixtureDir, 'model') });
afterAll(() => pool.close());

describe('analysis results against the fixture of 2026-12-01', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: same speech, regions and emotions`, async () => {
      const path = join(callsDir, name);
      expect(existsSync(path), `${path} is missing (../shared/calls)`).toBe(true);
      const got = await pool.analyse(path, { roles: ['agent', 'customer'] });
      expect(got.durationS).toBe(want.durationS);
      expect(got.channels.length).toBe(want.channels.length);
      got.channels.forEach((channel, c) => {
        const ref = want.channels[c];
        expect({ channel: channel.channel, role: channel.role, talkTimeS: channel.talkTimeS, speech: channel.speech })
          .toEqual({ channel: ref.channel, role: ref.role, talkTimeS: ref.talkTimeS, speech: ref.speech });
        expect(channel.regions.map((r) => [r.start, r.end, r.emotion])).toEqual(ref.regions.map((r) => [r.start, r.end, r.emotion]));
        channel.regions.forEach((r, i) => {
          expect(Math.abs(r.confidence - ref.regions[i].confidence)).toBeLessThan(TOLERANCE);
          for (const [emotion, p] of Object.entries(r.probabilities)) {
            expect(Math.abs(p - ref.regions[i].probabilities[emotion as keyof typeof r.probabilities])).toBeLessThan(TOLERANCE);
          }
        });
      });
    });
  }
});
