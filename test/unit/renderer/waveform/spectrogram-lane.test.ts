import { describe, expect, it } from 'vitest';
import { MAX_SPECTROGRAM_COLUMNS } from '../../../../electron/shared/spectrogram';
import { columnsToPixels, SPECTROGRAM_COLOURS } from '../../../../renderer/src/waveform/spectrogram-colours';
import { spectrogramRequest } from '../../../../renderer/src/waveform/spectrogram-lane';

describe('spectrogram lane: what it asks for', () => {
  it('asks for the visible range only, one column per device pixel', () => {
    // 1000 px showing 20 s from 30 s of a 120 s call, on a 2× screen.
    expect(spectrogramRequest({ start: 30, pxPerSec: 50, width: 1000 }, 120, 2)).toEqual({ startS: 30, endS: 50, columns: 2000 });
    // Near the end, only what the call has; columns follow.
    expect(spectrogramRequest({ start: 110, pxPerSec: 50, width: 1000 }, 120, 1)).toEqual({ startS: 110, endS: 120, columns: 500 });
  });

  it('caps the columns and says when the view is longer than one request may be', () => {
    expect(spectrogramRequest({ start: 0, pxPerSec: 1, width: 600 }, 3000, 3)).toEqual({ startS: 0, endS: 600, columns: 1200 });
    const wide = spectrogramRequest({ start: 0, pxPerSec: 5, width: 2400 }, 480, 3);
    expect(wide !== null && wide !== 'too-long' && wide.columns).toBe(MAX_SPECTROGRAM_COLUMNS);
    expect(spectrogramRequest({ start: 0, pxPerSec: 1000 / 3600, width: 1000 }, 3600, 1)).toBe('too-long');
    expect(spectrogramRequest({ start: 0, pxPerSec: 10, width: 0 }, 100, 1)).toBeNull();
  });
});

describe('spectrogram colours', () => {
  it('runs dark to light and puts high frequencies on top', () => {
    const luminance = (v: number) => SPECTROGRAM_COLOURS[3 * v] * 0.3 + SPECTROGRAM_COLOURS[3 * v + 1] * 0.6 + SPECTROGRAM_COLOURS[3 * v + 2] * 0.1;
    for (let v = 8; v < 256; v += 8) expect(luminance(v)).toBeGreaterThan(luminance(v - 8));
    // Two columns of three bins: the loud bin 2 of column 1 lands in the top row, right.
    const pixels = new Uint8ClampedArray(2 * 3 * 4);
    columnsToPixels(Uint8Array.from([0, 0, 0, 0, 0, 255]), 2, 3, pixels);
    expect(Array.from(pixels.subarray(4, 8))).toEqual([253, 231, 37, 255]);
    expect(Array.from(pixels.subarray(0, 4))).toEqual([68, 1, 84, 255]);
  });
});
