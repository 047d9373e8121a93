import { describe, expect, it } from 'vitest';
import { spansToSeconds, type SampleSpan } from '../../../../ml/segment/spans';
import { WebRtcVad } from '../../../../ml/segment/webrtc-vad';
import { synthParty } from '../../electron/services/analysis/synth';

describe('WebRtcVad', () => {
  it('finds voiced bursts in 8 kHz audio through the same span interface', async () => {
    const truth = [{ start: 1, end: 2.5 }, { start: 4, end: 5 }];
    const y = synthParty(7, 8000, truth, 7);
    const vad = await WebRtcVad.create({ sampleRate: 8000, mode: 2 });
    const spans: SampleSpan[] = [];
    for (let i = 0; i < y.length; i += 999) spans.push(...vad.push(y.subarray(i, i + 999)));
    spans.push(...vad.finish());
    vad.dispose();
    const found = spansToSeconds(spans, 8000);
    expect(found).toHaveLength(2);
    found.forEach((s, i) => {
      expect(Math.abs(s.start - truth[i].start)).toBeLessThan(0.1);
      expect(Math.abs(s.end - truth[i].end)).toBeLessThan(0.1);
    });
  });
});
