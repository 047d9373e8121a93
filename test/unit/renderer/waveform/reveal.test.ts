import { describe, expect, it } from 'vitest';
import { revealStart } from '../../../../renderer/src/waveform/reveal';

describe('revealing a region jumped to', () => {
  const view = { start: 100, pxPerSec: 10, width: 1000 }; // 100–200 s in view

  it('centres a region that sits at the right edge, though it is technically in view', () => {
    expect(revealStart(view, 196, 199, 600)).toBeCloseTo(147.5);
  });

  it('leaves a region well inside the view where it is', () => {
    expect(revealStart(view, 140, 150, 600)).toBeNull();
  });

  it('centres a region out of view, clamped to the call', () => {
    expect(revealStart(view, 300, 310, 600)).toBeCloseTo(255);
    expect(revealStart(view, 2, 4, 600)).toBe(0);
    expect(revealStart(view, 597, 599, 600)).toBe(500);
  });

  it('shows a long region from a margin before its start, and does nothing when the whole call is in view', () => {
    expect(revealStart(view, 300, 450, 600)).toBeCloseTo(285);
    expect(revealStart({ start: 0, pxPerSec: 10, width: 1000 }, 90, 99, 100)).toBeNull();
  });
});
