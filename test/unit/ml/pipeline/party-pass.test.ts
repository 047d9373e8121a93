import { describe, expect, it } from 'vitest';
import { FEATURE_SPEC } from '../../../../ml/dsp';
import { POOLED_DIM } from '../../../../ml/model/pooling';
import { PartyPass } from '../../../../ml/pipeline/party-pass';
import type { TimeSpan } from '../../../../ml/segment/spans';
import { synthParty } from '../../electron/services/analysis/synth';

function run(y: Float32Array, chunk: number): { pass: PartyPass; seen: TimeSpan[] } {
  const seen: TimeSpan[] = [];
  const pass = new PartyPass({ sampleRate: FEATURE_SPEC.sampleRate, onSpan: (span, frames) => {
    expect(frames.sampleRate).toBe(FEATURE_SPEC.sampleRate);
    seen.push(span);
  } });
  for (let i = 0; i < y.length; i += chunk) pass.push(y.subarray(i, i + chunk));
  pass.finish();
  return { pass, seen };
}

describe('PartyPass', () => {
  const sr = FEATURE_SPEC.sampleRate;
  const y = synthParty(12, sr, [{ start: 1, end: 3 }, { start: 5, end: 9.5 }], 3);

  it('finds the speech, tiles it with windows and pools one full vector per window', () => {
    const { pass, seen } = run(y, sr);
    expect(pass.samples).toBe(y.length);
    expect(pass.spans.length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(pass.spans);
    expect(pass.pooled).toHaveLength(pass.windows.length);
    for (const v of pass.pooled) expect(v).toHaveLength(POOLED_DIM);
    for (const w of pass.windows) expect(pass.spans.some((s) => w.start >= s.start - 1e-9 && w.end <= s.end + 1e-9)).toBe(true);
  });

  it('gives the same windows and vectors however the stream is chunked', () => {
    const a = run(y, sr).pass;
    const b = run(y, 1234).pass;
    expect(b.windows).toEqual(a.windows);
    b.pooled.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(a.pooled[i])));
  });
});
