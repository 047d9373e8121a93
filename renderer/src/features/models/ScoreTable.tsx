import type { RetrainReport } from '../../../../electron/shared/contract';
import { formatPercent } from '../../ui/format';
import { formatPoints } from './model-metrics';

interface ScoreTableProps {
  report: RetrainReport;
}

/** Before/after accuracy on the two sets the gate judges, with the rule each had to meet. */
export function ScoreTable({ report }: ScoreTableProps) {
  const { before, after, baseReference, thresholds } = report;
  const correctionGain = after.corrections.accuracy - before.corrections.accuracy;
  const baseChange = after.base.accuracy - baseReference.score.accuracy;
  const reference = baseReference.kind === 'control' ? 'a control trained the same way without corrections' : 'the current model';
  return (
    <table className="scores" aria-label={`Before and after retraining ${report.version}`}>
      <caption className="small muted">
        Before: {report.parent}. After: {report.version}, {report.epochs} epoch{report.epochs === 1 ? '' : 's'}, {Math.round(report.seconds)} s.
      </caption>
      <thead>
        <tr>
          <th scope="col">Measured on</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
          <th scope="col">Change</th>
          <th scope="col">Gate</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Corrected calls, each judged by a version trained without it ({after.corrections.n} windows, {report.data.heldOutCalls} calls)</th>
          <td>{formatPercent(before.corrections.accuracy, 1)}</td>
          <td>{formatPercent(after.corrections.accuracy, 1)}</td>
          <td>{formatPoints(correctionGain)}</td>
          <td>
            must gain more than {formatPoints(thresholds.minCorrectionGain)}
            {thresholds.minProbabilityBetter !== undefined && `, better in ${Math.round(100 * thresholds.minProbabilityBetter)}% of resamples of the calls`}
          </td>
        </tr>
        <tr>
          <th scope="row">Base validation speakers ({after.base.n} examples)</th>
          <td>{formatPercent(before.base.accuracy, 1)}</td>
          <td>{formatPercent(after.base.accuracy, 1)}</td>
          <td title={`Compared with ${reference}: ${formatPercent(baseReference.score.accuracy, 1)}`}>{formatPoints(baseChange)} vs {baseReference.kind}</td>
          <td>may drop at most {(thresholds.maxBaseDrop * 100).toFixed(1)} pts</td>
        </tr>
      </tbody>
    </table>
  );
}
