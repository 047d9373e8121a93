import { describe, expect, it } from 'vitest';
import { countOf, formatClock, formatDuration, formatEta, formatPercent } from '../../../../renderer/src/ui/format';
import { emotionForDigit, withAlpha } from '../../../../renderer/src/ui/palette';

describe('display formatting', () => {
  it('formats clock times with optional tenths and hours', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75.46, true)).toBe('1:15.4');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(Number.NaN)).toBe('0:00');
    expect(formatDuration(null)).toBe('–');
  });

  it('counts with the right noun ("1 correction", never "1 corrections")', () => {
    expect(countOf(1, 'correction')).toBe('1 correction');
    expect(countOf(0, 'agreement')).toBe('0 agreements');
  });

  it('formats shares and ETAs', () => {
    expect(formatPercent(0.256)).toBe('26%');
    expect(formatPercent(null)).toBe('–');
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(0.2)).toBe('almost done');
    expect(formatEta(90)).toBe('about 1:30 left');
  });

  it('maps digits to emotions and colours to canvas fills', () => {
    expect(emotionForDigit('1')).toBe('angry');
    expect(emotionForDigit('0')).toBeNull();
    expect(withAlpha('#D55E00', 0.5)).toBe('rgba(213, 94, 0, 0.500)');
  });
});
