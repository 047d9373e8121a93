import { describe, expect, it } from 'vitest';
import { SampleBuffer } from '../../../../ml/pipeline/sample-buffer';

describe('SampleBuffer', () => {
  it('serves absolute ranges of a stream while staying bounded by what is kept', () => {
    const buffer = new SampleBuffer(16);
    let next = 0;
    for (let chunk = 0; chunk < 1000; chunk++) {
      buffer.append(Float32Array.from({ length: 10 }, () => next++));
      const view = buffer.view(next - 25 < 0 ? 0 : next - 25, next);
      expect(view[view.length - 1]).toBe(next - 1);
      expect(view[0]).toBe(Math.max(0, next - 25));
      buffer.discardBefore(next - 30);
    }
    expect(buffer.end).toBe(10_000);
    expect(buffer.capacity).toBeLessThanOrEqual(128);
    expect(() => buffer.view(100, 200)).toThrow(RangeError);
  });
});
