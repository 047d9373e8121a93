import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { classificationReport, confusionCsv, confusionMatrix, reportFromConfusion } from '../../../../ml/train/metrics';
import { confusionPng } from '../../../../ml/train/confusion-png';

describe('metrics', () => {
  it('builds a confusion matrix with true classes as rows', () => {
    expect(confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)).toEqual([[1, 1, 0], [0, 1, 0], [1, 0, 2]]);
  });

  it('computes accuracy, recall and macro-F1 by hand', () => {
    const r = classificationReport([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3);
    expect(r.accuracy).toBeCloseTo(4 / 6);
    expect(r.recall).toEqual([0.5, 1, 2 / 3]);
    // precision: class0 1/2, class1 1/2, class2 2/2 → F1: 0.5, 2/3, 0.8
    expect(r.f1[0]).toBeCloseTo(0.5);
    expect(r.f1[1]).toBeCloseTo(2 / 3);
    expect(r.f1[2]).toBeCloseTo(0.8);
    expect(r.macroF1).toBeCloseTo((0.5 + 2 / 3 + 0.8) / 3);
  });

  it('leaves classes absent from the truth out of macro-F1 and gives them zero recall', () => {
    const r = reportFromConfusion([[2, 0, 0], [0, 0, 0], [0, 1, 1]]);
    expect(r.recall[1]).toBe(0);
    expect(r.macroF1).toBeCloseTo((1 + 2 / 3) / 2);
  });

  it('perfect and empty cases', () => {
    expect(classificationReport([0, 1, 2], [0, 1, 2], 3).macroF1).toBe(1);
    expect(classificationReport([], [], 3).accuracy).toBe(0);
  });

  it('writes the matrix as CSV and as a decodable PNG', () => {
    const m = [[3, 1], [0, 4]];
    expect(confusionCsv(m, ['angry', 'sad'])).toBe('true\\predicted,angry,sad\nangry,3,1\nsad,0,4\n');
    const png = PNG.sync.read(confusionPng(m, ['angry', 'sad'], 'test'));
    expect(png.width).toBeGreaterThan(100);
    expect(png.height).toBeGreaterThan(100);
  });
});
