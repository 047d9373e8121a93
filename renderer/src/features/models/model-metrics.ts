/**
 * What the Models page says about a version, read from the contract's loose shapes: metric keys
 * differ between the shipped model (speaker-split CV of its corpora) and retrained ones (the
 * retraining report), so the page picks and labels them here, where they can be unit tested.
 */
import type { ModelVersionInfo, RetrainOutcome, RetrainStatus } from '../../../../electron/shared/contract';
import type { RecordingSummary } from '../../../../electron/shared/domain';

export interface Metric {
  value: number;
  /** Where the number comes from, for a tooltip and screen readers. */
  source: string;
}

/**
 * Shipped models carry speaker-split CV accuracies; calls are telephone audio scored per party,
 * so the telephone per-speaker-normalised figure is the closest to what a reviewer sees.
 */
const SHIPPED_BASE_KEYS = [
  'speaker-cv/ravdess/telephone/per-speaker-norm.accuracy',
  'speaker-cv/ravdess/tel/per-speaker-norm.accuracy',
  'speaker-cv/ravdess/telephone.accuracy',
  'speaker-cv/ravdess/tel.accuracy',
];

function finite(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Accuracy on voices the model never trained on (base speaker-independent validation). */
export function baseAccuracy(version: ModelVersionInfo): Metric | null {
  const { metrics } = version;
  if (finite(metrics['base.accuracy'])) {
    const n = metrics['base.n'];
    const reference = version.report?.baseReference;
    // Fine-tuned from a model that heard the validation voices: only the control's score is comparable.
    const heard = reference?.kind === 'control' ? `; its parent heard these voices, a control without corrections scores ${(reference.score.accuracy * 100).toFixed(1)}%` : '';
    return { value: metrics['base.accuracy'], source: `base validation speakers${finite(n) ? `, ${n} examples` : ''}${heard}` };
  }
  for (const key of SHIPPED_BASE_KEYS) if (finite(metrics[key])) return { value: metrics[key], source: key.replace(/\.accuracy$/, '') };
  const any = Object.keys(metrics).find((key) => key.startsWith('speaker-cv/') && key.endsWith('.accuracy') && finite(metrics[key]));
  return any ? { value: metrics[any], source: any.replace(/\.accuracy$/, '') } : null;
}

/** Accuracy on the corrected calls held out from its training (retrained versions only). */
export function correctionsAccuracy(version: ModelVersionInfo): Metric | null {
  const value = version.metrics['corrections.accuracy'];
  if (!finite(value)) return null;
  const n = version.metrics['corrections.n'];
  return { value, source: `held-out corrected calls${finite(n) ? `, ${n} windows` : ''}` };
}

/** One line on what trained a version. */
export function trainingData(version: ModelVersionInfo): string {
  const data = version.report?.data;
  if (data) {
    const calls = data.trainCalls === 1 ? '1 call' : `${data.trainCalls} calls`;
    return `${data.corrections} corrections (${calls}) + ${data.baseRows} base rows, from ${version.report?.parent}`;
  }
  return version.notes ?? (version.source === 'shipped' ? 'Shipped corpora' : '–');
}

/** The version `models.rollback` returns to: the one active most recently before the current one. */
export function rollbackTarget(versions: readonly ModelVersionInfo[]): ModelVersionInfo | null {
  let best: ModelVersionInfo | null = null;
  for (const version of versions) {
    if (version.active || !version.activatedAt) continue;
    if (!best || version.activatedAt > (best.activatedAt ?? '')) best = version;
  }
  return best;
}

export interface CorrectionCounts {
  /** Every live label retraining may learn from: corrections and agreements together. */
  labels: number;
  corrections: number;
  /** Confirmations of the model's own label: counted apart, still training examples. */
  agreements: number;
  calls: number;
}

/** The backend retrains from live human labels; recordings.list counts them per call. */
export function correctionCounts(recordings: readonly RecordingSummary[]): CorrectionCounts {
  let corrections = 0;
  let agreements = 0;
  let calls = 0;
  for (const recording of recordings) {
    if (recording.corrections + recording.agreements <= 0) continue;
    corrections += recording.corrections;
    agreements += recording.agreements;
    calls += 1;
  }
  return { labels: corrections + agreements, corrections, agreements, calls };
}

/** Why "Retrain" is disabled, or null when it can start (the runner needs 2 corrected calls). */
export function retrainBlocker(counts: Pick<CorrectionCounts, 'labels' | 'calls'>, running: boolean): string | null {
  if (running) return 'A retraining is running.';
  if (counts.labels === 0) return 'There are no corrections yet: relabel regions in a call first, then retrain from them.';
  if (counts.calls < 2) return `Retraining needs corrections on at least 2 calls (some train, one judges the result); there are corrections on ${counts.calls}.`;
  return null;
}

const STAGES: Record<string, string> = {
  starting: 'Starting',
  features: 'Reading the corrected calls',
  'base data': 'Loading the base data',
  training: 'Training',
  saving: 'Saving the new version',
  finished: 'Finished',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export const FINAL_STAGES: ReadonlySet<string> = new Set(['finished', 'cancelled', 'failed']);

export function stageText(stage: string | null): string {
  return stage === null ? 'Waiting' : (STAGES[stage] ?? stage.charAt(0).toUpperCase() + stage.slice(1));
}

/** Share of the current stage done (null: unknown). */
export function stageProgress(status: Pick<RetrainStatus, 'done' | 'total'>): number | null {
  return status.total > 0 ? status.done / status.total : null;
}

export interface OutcomeSummary {
  passed: boolean | null;
  headline: string;
  reasons: string[];
}

/** The outcome in the words the page shows; the current model stays unless it was activated. */
export function summariseOutcome(outcome: RetrainOutcome, activeVersion: string | null): OutcomeSummary {
  const report = outcome.report;
  const version = report?.version ?? 'the new version';
  const current = activeVersion ?? report?.parent ?? 'the current model';
  switch (outcome.state) {
    case 'activated':
      return { passed: true, headline: `Passed the gate: ${version} was activated.`, reasons: [] };
    case 'offered':
      // Offered, then activated from this page: say so rather than "ready to activate".
      if (report && report.version === activeVersion) return { passed: true, headline: `Passed the gate: ${version} is active.`, reasons: [] };
      return { passed: true, headline: `Passed the gate: ${version} is ready to activate. ${current} stays active until you activate it.`, reasons: [] };
    case 'rejected':
      return { passed: false, headline: `Did not pass the gate, so it was not kept: ${current} stays active.`, reasons: report?.reasons ?? [] };
    case 'cancelled':
      return { passed: null, headline: `Retraining was cancelled: ${current} stays active.`, reasons: [] };
    case 'failed':
      return { passed: null, headline: `Retraining failed: ${outcome.error?.message ?? 'unknown error'}. ${current.charAt(0).toUpperCase()}${current.slice(1)} stays active.`, reasons: [] };
  }
}

/** Row-normalised share of a confusion cell (recall share along the true class). */
export function confusionShares(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return row.map((count) => (total > 0 ? count / total : 0));
  });
}

/** Percentage points, signed, for before/after deltas. */
export function formatPoints(delta: number): string {
  const points = delta * 100;
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(1)} pts`;
}
