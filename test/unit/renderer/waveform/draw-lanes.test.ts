import { describe, expect, it } from 'vitest';
import { buildLanes, longestRegion } from '../../../../renderer/src/features/call/region-model';
import { drawLanes, type DrawState } from '../../../../renderer/src/waveform/draw-lanes';
import { prediction } from '../fixtures';

/** Counts what would reach the canvas; enough to check that only the visible window is drawn. */
function recordingContext() {
  const counts = { rect: 0, fillText: 0, strokeRect: 0 };
  const ctx = new Proxy(
    {},
    {
      get: (_target, property) => {
        if (property in counts) return () => counts[property as keyof typeof counts]++;
        return () => undefined;
      },
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, counts };
}

describe('drawLanes', () => {
  const regions = Array.from({ length: 2000 }, (_, i) => prediction(i, i % 2, i * 1.8, i * 1.8 + 1.2, 'angry'));
  const lanes = buildLanes([0, 1], regions, []);
  const state: DrawState = {
    lanes: [0, 1].map((channel) => ({ channel, role: channel === 0 ? 'agent' : 'customer', regions: lanes.get(channel)!, longest: longestRegion(lanes.get(channel)!) })),
    laneHeight: 100, selectedKey: 'p:10', activeEmotions: new Set(), preview: null, playhead: 20, loop: null, range: null,
  };

  it('draws only the regions inside the view, whatever the call length', () => {
    const { ctx, counts } = recordingContext();
    // 10 s of a 3,600 s call at 100 px/s: the 6 regions starting at 14.4 … 23.4 s.
    drawLanes(ctx, { start: 15, pxPerSec: 100, width: 1000 }, state);
    // Band, body and the name's clip rectangle per visible region.
    expect(counts.rect).toBe(18);
    expect(counts.fillText).toBe(6);
  });

  it('batches thousands of slivers when the whole call is in view, without labels', () => {
    const { ctx, counts } = recordingContext();
    drawLanes(ctx, { start: 0, pxPerSec: 1000 / 3600, width: 1000 }, state);
    expect(counts.rect).toBe(4000);
    expect(counts.fillText).toBe(0);
  });
});
