import { describe, expect, it } from 'vitest';
import { EnergyVad, type EnergyVadOptions } from '../../../../ml/segment/energy-vad';
import { frameScores, spansToMask, spansToSeconds, type SampleSpan } from '../../../../ml/segment/spans';
import { synthParty } from '../../electron/services/analysis/synth';

const SR = 16000;

function run(y: Float32Array, chunk: number, options: Partial<EnergyVadOptions> = {}): { spans: SampleSpan[]; keeps: number[] } {
  const vad = new EnergyVad({ sampleRate: SR, ...options });
  const spans: SampleSpan[] = [];
  const keeps: number[] = [];
  for (let i = 0; i < y.length; i += chunk) {
    spans.push(...vad.push(y.subarray(i, i + chunk)));
    keeps.push(vad.keepFrom());
  }
  spans.push(...vad.finish());
  return { spans, keeps };
}

describe('EnergyVad', () => {
  const truth = [
    { start: 1.0, end: 2.5 },
    { start: 4.0, end: 4.6, amplitude: 0.1 },
    { start: 6.2, end: 9.8 },
    { start: 10.5, end: 11.4, amplitude: 0.6 },
  ];
  const y = synthParty(13, SR, truth, 3);

  it('finds known speech spans in faint noise to within a few frames', () => {
    const { spans } = run(y, 4000);
    const found = spansToSeconds(spans, SR);
    expect(found).toHaveLength(truth.length);
    found.forEach((s, i) => {
      expect(Math.abs(s.start - truth[i].start)).toBeLessThan(0.05);
      expect(Math.abs(s.end - truth[i].end)).toBeLessThan(0.05);
    });
    const scores = frameScores(spansToMask(truth, 13), spansToMask(found, 13));
    expect(scores.f1).toBeGreaterThan(0.97);
  });

  it('does not depend on how the stream is chunked', () => {
    const a = run(y, 160).spans;
    const b = run(y, 44_100).spans;
    expect(b).toEqual(a);
  });

  it('bridges pauses shorter than the hangover and splits at longer ones', () => {
    const z = synthParty(8, SR, [{ start: 1, end: 2 }, { start: 2.3, end: 3 }, { start: 4.5, end: 5.5 }], 5);
    const found = spansToSeconds(run(z, 1600, { hangoverS: 0.5 }).spans, SR);
    expect(found).toHaveLength(2);
    expect(found[0].end).toBeGreaterThan(2.9);
  });

  it('ends a span that runs to the end of the input at the last sample', () => {
    const z = synthParty(3.005, SR, [{ start: 1, end: 3.005 }], 13);
    const { spans } = run(z, 1000);
    expect(spans).toHaveLength(1);
    expect(spans[0].end).toBe(z.length);
  });

  it('finds nothing in noise or digital silence', () => {
    expect(run(synthParty(20, SR, [], 9), 8000).spans).toEqual([]);
    expect(run(new Float32Array(SR * 20), 8000).spans).toEqual([]);
  });

  it('cuts very long speech into spans of at most maxSpanS that tile it', () => {
    const z = synthParty(30, SR, [{ start: 1, end: 26 }], 11);
    const found = spansToSeconds(run(z, 3200, { maxSpanS: 10 }).spans, SR);
    expect(found.length).toBe(3);
    for (const s of found) expect(s.end - s.start).toBeLessThanOrEqual(10.001);
    expect(found[1].start).toBeCloseTo(found[0].end, 6);
    expect(found[2].start).toBeCloseTo(found[1].end, 6);
  });

  it('never asks to keep audio a span still needs, and lets go of the rest', () => {
    const { spans, keeps } = run(y, 1600);
    for (let i = 1; i < keeps.length; i++) expect(keeps[i]).toBeGreaterThanOrEqual(keeps[i - 1]);
    // No span closed by a push starts before what the VAD had declared droppable before that push.
    const vad = new EnergyVad({ sampleRate: SR });
    let keep = 0;
    for (let i = 0; i < y.length; i += 1600) {
      for (const s of vad.push(y.subarray(i, i + 1600))) expect(s.start).toBeGreaterThanOrEqual(keep);
      keep = vad.keepFrom();
    }
    expect(spans.length).toBeGreaterThan(0);
    // Bounded: well after the last span, only the lookahead (2 s), the hangover and the longest
    // onset pad (0.5 s) are kept.
    expect(y.length - keeps[keeps.length - 1]).toBeLessThan(SR * 3.5);
  });

  /**
   * A 220 Hz tone held at `amplitude` over [1, 2] s in noise, rising and decaying exponentially as
   * the default pads assume of speech: 6 ms per dB in (τ 52 ms), 10 ms per dB out (τ 87 ms).
   */
  const [tauIn, tauOut] = [0.006, 0.01].map((sPerDb) => sPerDb * 20 * Math.log10(Math.E));
  function fadingTone(amplitude: number): Float32Array {
    const noise = synthParty(4, SR, [], 17);
    return noise.map((v, i) => {
      const t = i / SR;
      const envelope = t < 1 ? Math.exp((t - 1) / tauIn) : t > 2 ? Math.exp((2 - t) / tauOut) : 1;
      return v + amplitude * envelope * Math.sin(2 * Math.PI * 220 * t);
    });
  }
  const noPads = { onsetPadSPerDb: 0, offsetPadSPerDb: 0 };
  /** Where the tone is within `edgeDb` (28) of its peak. */
  const voiced = { start: 1 - 28 * 0.006, end: 2 + 28 * 0.01 };

  it("extends a quiet utterance's edges that sink into the noise, toward its voiced extent, and leaves a loud one's", () => {
    const quiet = fadingTone(0.02);
    const [padded] = spansToSeconds(run(quiet, 1600).spans, SR);
    const [seen] = spansToSeconds(run(quiet, 1600, noPads).spans, SR);
    expect(seen.start - padded.start).toBeGreaterThan(0.05);
    expect(padded.end - seen.end).toBeGreaterThan(0.08);
    // Closer to the voiced extent than what the frames showed, on both sides.
    expect(Math.abs(padded.start - voiced.start)).toBeLessThan(Math.abs(seen.start - voiced.start) / 2);
    expect(Math.abs(padded.end - voiced.end)).toBeLessThan(Math.abs(seen.end - voiced.end) / 2);
    // Loud: its voiced extent is above the continuation level, where the frames already show it.
    const loud = fadingTone(0.5);
    expect(run(loud, 1600).spans).toEqual(run(loud, 1600, noPads).spans);
  });
});
