import { describe, expect, it } from 'vitest';
import { emotionFromLabel, formatAudacityLabels, parseAudacityLabels } from '../../../../../electron/services/labels/audacity';

describe('Audacity label tracks', () => {
  it('round-trips start, end and emotion', () => {
    const text = formatAudacityLabels([{ start: 0.5, end: 2.25, emotion: 'angry' }, { start: 3, end: 4, emotion: 'neutral' }]);
    expect(text).toBe('0.500000\t2.250000\tangry\n3.000000\t4.000000\tneutral\n');
    expect(parseAudacityLabels(text).map(({ start, end, text: label }) => [start, end, label])).toEqual([[0.5, 2.25, 'angry'], [3, 4, 'neutral']]);
  });

  it('skips spectral-selection lines and blank lines, accepts CRLF and a BOM', () => {
    const parsed = parseAudacityLabels('\uFEFF1\t2\tsad\r\n\\\t100\t2000\r\n\r\n3\t3\tpoint\r\n');
    expect(parsed.map((l) => [l.start, l.end, l.text, l.line])).toEqual([[1, 2, 'sad', 1], [3, 3, 'point', 4]]);
  });

  it('refuses text that is not a label track, naming the line', () => {
    expect(() => parseAudacityLabels('hello world\n')).toThrow(/line 1/);
    expect(() => parseAudacityLabels('5\t1\tsad\n')).toThrow(/line 1/);
  });

  it('maps label text onto emotions', () => {
    expect(emotionFromLabel(' Angry ')).toBe('angry');
    expect(emotionFromLabel('surprise')).toBe('surprised');
    expect(emotionFromLabel('laughing')).toBeNull();
  });
});
