import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { calibrationBins, expectedCalibrationError } from '../../../../ml/train/decision-metrics';
import { uncertainThreshold } from '../../../../ml/train/fit-decision';
import { reliabilityPng } from '../../../../ml/train/reliability-png';

const items = [
  { truth: 0, predicted: 0, confidence: 0.96, weight: 3 },
  { truth: 0, predicted: 1, confidence: 0.95, weight: 1 },
  { truth: 2, predicted: 2, confidence: 0.36 },
  { truth: 2, predicted: 1, confidence: 0.34, weight: 2 },
];

describe('reliability diagram', () => {
  it('bins by shown confidence with weights, the gaps weighing as in the ECE', () => {
    const bins = calibrationBins(items);
    expect(bins).toHaveLength(2);
    expect(bins[1].accuracy).toBeCloseTo(0.75, 6);
    expect(bins[1].share).toBeCloseTo(4 / 7, 6);
    expect(bins[0].accuracy).toBeCloseTo(1 / 3, 6);
    const ece = bins.reduce((s, b) => s + b.share * Math.abs(b.accuracy - b.confidence), 0);
    expect(ece).toBeCloseTo(expectedCalibrationError(items), 6);
  });

  it('draws each series in its colour', () => {
    const png = PNG.sync.read(reliabilityPng([{ name: 'after', colour: [30, 90, 200], items }], 'calls'));
    let n = 0;
    for (let o = 0; o < png.data.length; o += 4) if (png.data[o] === 30 && png.data[o + 1] === 90 && png.data[o + 2] === 200) n++;
    expect(n).toBeGreaterThan(100);
  });
});

describe('uncertain threshold', () => {
  it('is the largest confidence below which weighted items are right at most 40% of the time', () => {
    // Below 0.35: only the wrong 0.34 item (weight 2); from 0.375 the right 0.36 one too: 1 of 3 right, up to the grid's top (0.6).
    expect(uncertainThreshold(items).uncertainBelow).toBe(0.6);
    expect(uncertainThreshold(items).uncertainAccuracy).toBeCloseTo(1 / 3, 6);
    expect(uncertainThreshold(items).uncertainShare).toBeCloseTo(3 / 7, 6);
    expect(uncertainThreshold([{ truth: 0, predicted: 0, confidence: 0.3 }]).uncertainBelow).toBe(0);
  });
});
