import type { RetrainJudging, RetrainMemory } from '../../../../electron/shared/contract';
import { describeMemory } from '../../../../electron/shared/retrain-memory';
import { formatPercent } from '../../ui/format';
import { formatPoints } from './model-metrics';

interface JudgingTableProps {
  judging: RetrainJudging;
  /** What the folds chose the version to be made of (absent in older reports). */
  memory?: RetrainMemory;
}

const METHOD: Record<RetrainJudging['method'], (folds: number) => string> = {
  'leave-one-call-out': () => 'leaving each corrected call out in turn',
  'k-fold-by-call': (folds) => `${folds} folds by call`,
  'k-fold-by-group': (folds) => `${folds} folds by agent`,
};

/** The data the cross-validated judgement rests on: calls, windows, classes, the gain's interval, per call. */
export function JudgingTable({ judging, memory }: JudgingTableProps) {
  const classes = Object.entries(judging.classes).map(([emotion, n]) => `${emotion} ${n}`).join(', ');
  return (
    <div className="judging" data-testid="retrain-judging">
      <p className="small">
        Judged by {METHOD[judging.method](judging.folds)}: {judging.calls} calls, {judging.windows} held-out windows ({classes}).
        Gain {formatPoints(judging.gain)}, {Math.round(100 * judging.coverage)}% interval {formatPoints(judging.interval[0])} to{' '}
        {formatPoints(judging.interval[1])} over resamples of the calls; better in {formatPercent(judging.probabilityBetter, 0)} of them.
      </p>
      {memory && <p className="small" data-testid="retrain-memory">Version: {describeMemory(memory)}.</p>}
      <table className="scores" aria-label="Per corrected call">
        <thead>
          <tr><th scope="col">Call</th><th scope="col">Windows</th><th scope="col">Before</th><th scope="col">After</th></tr>
        </thead>
        <tbody>
          {judging.perCall.map((c) => (
            <tr key={c.recordingId}>
              <th scope="row" title={c.recordingId}>{c.name}</th>
              <td>{c.windows}</td>
              <td>{formatPercent(c.before / Math.max(1, c.windows), 1)}</td>
              <td>{formatPercent(c.after / Math.max(1, c.windows), 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
