import type { RetrainOutcome } from '../../../../electron/shared/contract';
import { formatDate } from '../../ui/format';
import { summariseOutcome } from './model-metrics';
import { JudgingTable } from './JudgingTable';
import { ScoreTable } from './ScoreTable';

interface RetrainOutcomePanelProps {
  outcome: RetrainOutcome;
  activeVersion: string | null;
  onActivate: (version: string) => void;
}

/** What the last retraining did: passed or not, why, and the before/after scores. */
export function RetrainOutcomePanel({ outcome, activeVersion, onActivate }: RetrainOutcomePanelProps) {
  const summary = summariseOutcome(outcome, activeVersion);
  const verdict = summary.passed === null ? 'outcome-neutral' : summary.passed ? 'outcome-passed' : 'outcome-failed';
  const report = outcome.report;
  return (
    <div className={`retrain-outcome ${verdict}`} data-testid="retrain-outcome" data-state={outcome.state}>
      <p>
        <strong>{summary.passed === true ? '✓ ' : summary.passed === false ? '✗ ' : ''}{summary.headline}</strong>{' '}
        <span className="muted small">({formatDate(outcome.finishedAt)})</span>
      </p>
      {summary.reasons.length > 0 && (
        <ul aria-label="Why it did not pass">
          {summary.reasons.map((reason) => <li key={reason}>{reason}</li>)}
        </ul>
      )}
      {report && <ScoreTable report={report} />}
      {report?.judging && <JudgingTable judging={report.judging} memory={report.memory} />}
      {outcome.state === 'offered' && report && report.version !== activeVersion && (
        <button type="button" className="primary" onClick={() => onActivate(report.version)}>Activate {report.version}…</button>
      )}
    </div>
  );
}
