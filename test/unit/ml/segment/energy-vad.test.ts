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
    // Bounded: well after the last span, almost nothing needs keeping.
    expect(y.length - keeps[keeps.length - 1]).toBeLessThan(SR * 3);
  });
});
