import { describe, expect, it } from 'vitest';
import type { ModelVersionInfo, RetrainOutcome, RetrainReport } from '../../../../../electron/shared/contract';
import {
  baseAccuracy, confusionShares, correctionCounts, correctionsAccuracy, formatPoints, retrainBlocker, rollbackTarget, stageProgress, stageText,
  summariseOutcome, trainingData,
} from '../../../../../renderer/src/features/models/model-metrics';
import { recording } from '../../fixtures';

const score = (accuracy: number, n = 40) => ({ accuracy, macroF1: accuracy, n });

function report(overrides: Partial<RetrainReport> = {}): RetrainReport {
  return {
    version: 'retrained-1', parent: 'shipped-1',
    data: { corrections: 85, trainCalls: 1, heldOutCalls: 1, trainWindows: 45, heldOutWindows: 40, baseRows: 7520, baseSource: 'bank', correctionWeight: 4, validationSpeakers: ['A09'] },
    before: { corrections: score(0.6), base: score(0.95, 480) }, after: { corrections: score(0.7), base: score(0.94, 480) },
    baseReference: { kind: 'current', score: score(0.95, 480) }, thresholds: { minCorrectionGain: 0, maxBaseDrop: 0.02 },
    accepted: true, reasons: [], epochs: 1, seconds: 7, ...overrides,
  };
}

function version(name: string, overrides: Partial<ModelVersionInfo> = {}): ModelVersionInfo {
  return { version: name, createdAt: '2025-01-01T00:00:00Z', active: false, source: 'shipped', metrics: {}, confusion: null, notes: null, activatedAt: null, report: null, ...overrides };
}

const outcome = (state: RetrainOutcome['state'], extra: Partial<RetrainOutcome> = {}): RetrainOutcome =>
  ({ state, finishedAt: '2025-01-01T00:00:00Z', report: null, error: null, reanalysisJobId: null, ...extra });

describe('model metrics for the Models page', () => {
  it('picks the base accuracy of retrained and shipped versions, and says when none was measured', () => {
    expect(baseAccuracy(version('r', { metrics: { 'base.accuracy': 0.94, 'base.n': 480 } }))).toEqual({ value: 0.94, source: 'base validation speakers, 480 examples' });
    const heard = baseAccuracy(version('r', { metrics: { 'base.accuracy': 0.94 }, report: report({ baseReference: { kind: 'control', score: score(0.933) } }) }));
    expect(heard?.source).toMatch(/parent heard these voices, a control without corrections scores 93\.3%/);
    const shipped = version('s', { metrics: { 'speaker-cv/ravdess/wideband.accuracy': 0.7, 'speaker-cv/ravdess/telephone/per-speaker-norm.accuracy': 0.62 } });
    expect(baseAccuracy(shipped)).toEqual({ value: 0.62, source: 'speaker-cv/ravdess/telephone/per-speaker-norm' });
    expect(baseAccuracy(version('s', { metrics: { 'speaker-cv/tess/wideband.accuracy': 0.5 } }))?.value).toBe(0.5);
    expect(baseAccuracy(version('s'))).toBeNull();
    expect(correctionsAccuracy(version('r', { metrics: { 'corrections.accuracy': 0.65, 'corrections.n': 40 } }))).toEqual({ value: 0.65, source: 'held-out corrected calls, 40 windows' });
    expect(correctionsAccuracy(version('s'))).toBeNull();
  });

  it('describes what trained a version', () => {
    expect(trainingData(version('r', { source: 'retrained', report: report() }))).toBe('85 corrections (1 call) + 7520 base rows, from shipped-1');
    expect(trainingData(version('s', { notes: 'RAVDESS + TESS' }))).toBe('RAVDESS + TESS');
    expect(trainingData(version('s'))).toBe('Shipped corpora');
  });

  it('rolls back to the version active most recently before the current one', () => {
    const list = [
      version('a', { activatedAt: '2025-01-01T00:00:00Z' }), version('b', { active: true, activatedAt: '2025-01-03T00:00:00Z' }),
      version('c', { activatedAt: '2025-01-02T00:00:00Z' }), version('d'),
    ];
    expect(rollbackTarget(list)?.version).toBe('c');
    expect(rollbackTarget([version('only', { active: true, activatedAt: '2025-01-01T00:00:00Z' })])).toBeNull();
  });

  it('counts corrections and explains why retraining cannot start', () => {
    const counts = correctionCounts([recording('a', { corrections: 3 }), recording('b'), recording('c', { corrections: 2 })]);
    expect(counts).toEqual({ labels: 5, corrections: 5, agreements: 0, calls: 2 });
    // A call whose only labels confirm the model still counts: agreements are training examples too.
    const withAgreements = correctionCounts([recording('a', { corrections: 1, agreements: 2 }), recording('b', { agreements: 4 })]);
    expect(withAgreements).toEqual({ labels: 7, corrections: 1, agreements: 6, calls: 2 });
    expect(retrainBlocker(counts, false)).toBeNull();
    expect(retrainBlocker(counts, true)).toMatch(/running/);
    expect(retrainBlocker({ labels: 0, calls: 0 }, false)).toMatch(/no corrections yet/);
    expect(retrainBlocker({ labels: 4, calls: 1 }, false)).toMatch(/at least 2 calls.*corrections on 1\.$/);
  });

  it('names stages and their progress', () => {
    expect(stageText('features')).toBe('Reading the corrected calls');
    expect(stageText('something new')).toBe('Something new');
    expect(stageText(null)).toBe('Waiting');
    expect(stageProgress({ done: 2, total: 4 })).toBe(0.5);
    expect(stageProgress({ done: 0, total: 0 })).toBeNull();
  });

  it('summarises every outcome, keeping the current model unless one was activated', () => {
    expect(summariseOutcome(outcome('offered', { report: report() }), 'shipped-1')).toEqual({
      passed: true, headline: 'Passed the gate: retrained-1 is ready to activate. shipped-1 stays active until you activate it.', reasons: [],
    });
    expect(summariseOutcome(outcome('offered', { report: report() }), 'retrained-1').headline).toBe('Passed the gate: retrained-1 is active.');
    expect(summariseOutcome(outcome('activated', { report: report() }), 'retrained-1').headline).toBe('Passed the gate: retrained-1 was activated.');
    const rejected = summariseOutcome(outcome('rejected', { report: report({ accepted: false, reasons: ['not better on the held-out corrected calls'] }) }), 'shipped-1');
    expect(rejected).toEqual({ passed: false, headline: 'Did not pass the gate, so it was not kept: shipped-1 stays active.', reasons: ['not better on the held-out corrected calls'] });
    expect(summariseOutcome(outcome('cancelled'), 'shipped-1')).toMatchObject({ passed: null, headline: 'Retraining was cancelled: shipped-1 stays active.' });
    expect(summariseOutcome(outcome('failed', { error: { code: 'INTERNAL', message: 'worker exited' } }), null).headline)
      .toBe('Retraining failed: worker exited. The current model stays active.');
  });

  it('shades confusion rows by share and formats point changes', () => {
    expect(confusionShares([[3, 1], [0, 0]])).toEqual([[0.75, 0.25], [0, 0]]);
    expect(formatPoints(0.025)).toBe('+2.5 pts');
    expect(formatPoints(-0.01)).toBe('−1.0 pts');
    expect(formatPoints(0)).toBe('±0.0 pts');
  });
});
