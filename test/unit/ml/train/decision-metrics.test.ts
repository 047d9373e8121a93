import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { negativeShare, partyFrames, summarise } from '../../../../ml/train/call-scores';
import { decisionReport, expectedCalibrationError } from '../../../../ml/train/decision-metrics';
import { fitDecision } from '../../../../ml/train/fit-decision';
import { mulberry32 } from '../../../../ml/train/random';

const N = EMOTIONS.indexOf('neutral');
const A = EMOTIONS.indexOf('angry');

describe('decision metrics', () => {
  it('measures neutral recall and the precision of "not neutral"', () => {
    const r = decisionReport([
      { truth: N, predicted: N, confidence: 0.9 }, { truth: N, predicted: A, confidence: 0.9 },
      { truth: A, predicted: A, confidence: 0.9 }, { truth: A, predicted: N, confidence: 0.9 },
    ]);
    expect(r.accuracy).toBe(0.5);
    expect(r.neutralRecall).toBe(0.5);
    expect(r.notNeutralPrecision).toBe(0.5);
  });

  it('gives an overconfident model a large calibration error and a calibrated one a small one', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ truth: 0, predicted: i % 2, confidence: 0.95 }));
    expect(expectedCalibrationError(items)).toBeCloseTo(0.45, 2);
    expect(expectedCalibrationError(items.map((x) => ({ ...x, confidence: 0.5 })))).toBeCloseTo(0, 2);
  });

  it('fits a temperature above 1 for overconfident probabilities', () => {
    const random = mulberry32(4);
    const records = Array.from({ length: 600 }, () => {
      const truth = Math.floor(random() * 7);
      const guess = random() < 0.4 ? truth : Math.floor(random() * 7);
      const p = new Float32Array(7).fill(0.01);
      p[guess] = 0.94;
      return { truth, probabilities: p, condition: 'one' };
    });
    expect(fitDecision(records, ['one']).temperature).toBeGreaterThan(1.5);
  });
});

describe('call scores', () => {
  it('counts uncovered truth frames as wrong and finds the negative share', () => {
    const truth = [{ start: 0, end: 1, emotion: 'angry' }, { start: 2, end: 3, emotion: 'neutral' }];
    const regions = [{ start: 0, end: 1, emotion: 'angry', confidence: 0.8 }];
    const p = partyFrames(truth, regions, 4);
    expect(p.total).toBe(200);
    const s = summarise([p]);
    expect(s.accuracy).toBeCloseTo(0.5, 5);
    expect(s.coverage).toBeCloseTo(0.5, 5);
    expect(negativeShare(p)).toEqual({ truth: 0.5, predicted: 0.5, expected: null });
  });

  it('expects the negative share from the regions\' probabilities where they carry them', () => {
    const truth = [{ start: 0, end: 1, emotion: 'sad' }, { start: 1, end: 2, emotion: 'neutral' }];
    const regions = [{ start: 0, end: 2, emotion: 'neutral', confidence: 0.6, probabilities: { neutral: 0.6, sad: 0.3, angry: 0.1 } }];
    const share = negativeShare(partyFrames(truth, regions, 2));
    expect(share.truth).toBeCloseTo(0.5, 5);
    expect(share.predicted).toBe(0);
    expect(share.expected).toBeCloseTo(0.4, 5);
  });
});
