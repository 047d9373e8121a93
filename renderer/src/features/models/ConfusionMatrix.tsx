import { EMOTIONS } from '../../../../electron/shared/domain';
import { formatPercent } from '../../ui/format';
import { capitalise } from '../../ui/palette';
import { confusionShares } from './model-metrics';

interface ConfusionMatrixProps {
  version: string;
  matrix: number[][] | null;
  /** What the counts were measured on, shown under the table. */
  basis: string;
}

/**
 * A real table (row and column headers are announced by screen readers), shaded by the share of
 * each true class: the diagonal is what the model got right.
 */
export function ConfusionMatrix({ version, matrix, basis }: ConfusionMatrixProps) {
  if (!matrix || matrix.length === 0) {
    return <p className="muted" data-testid="confusion-missing">No confusion matrix was recorded for {version}.</p>;
  }
  const shares = confusionShares(matrix);
  return (
    <figure className="confusion">
      <table aria-label={`Confusion matrix of ${version}`}>
        <thead>
          <tr>
            <th scope="col" className="confusion-corner">
              <span className="small muted">True ↓ · Predicted →</span>
            </th>
            {EMOTIONS.map((emotion) => (
              <th key={emotion} scope="col">{capitalise(emotion)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={EMOTIONS[i] ?? i}>
              <th scope="row">{capitalise(EMOTIONS[i] ?? String(i))}</th>
              {row.map((count, j) => {
                const share = shares[i][j];
                return (
                  <td key={j} className={i === j ? 'confusion-diagonal' : undefined} title={`${formatPercent(share)} of true ${EMOTIONS[i]}`}
                    style={{ background: `rgba(0, 114, 178, ${(0.08 + share * 0.92).toFixed(3)})`, color: share > 0.5 ? '#fff' : undefined }}>
                    {count}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="small muted">Rows: true emotion; columns: what the model said. Counts on {basis}; shading is the share of each row.</figcaption>
    </figure>
  );
}
