import type { ModelVersionInfo } from '../../../../electron/shared/contract';
import { formatDate, formatPercent } from '../../ui/format';
import { baseAccuracy, correctionsAccuracy, trainingData, type Metric } from './model-metrics';

interface VersionsTableProps {
  versions: ModelVersionInfo[];
  selected: string | null;
  busy: boolean;
  onSelect: (version: string) => void;
  onActivate: (version: string) => void;
}

function MetricCell({ metric }: { metric: Metric | null }) {
  if (!metric) return <td className="muted" title="Not measured for this version">–</td>;
  return <td title={metric.source}>{formatPercent(metric.value, 1)}</td>;
}

/** Every version, newest first; the version name opens its details, Activate switches to it. */
export function VersionsTable({ versions, selected, busy, onSelect, onActivate }: VersionsTableProps) {
  return (
    <div className="models-table-frame">
      <table className="models-table" aria-label="Model versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col" title="Accuracy on speakers the model never trained on">Base accuracy (unseen speakers)</th>
            <th scope="col" title="Accuracy on corrected calls held out from training">Accuracy on held-out corrections</th>
            <th scope="col">Trained on</th>
            <th scope="col" className="actions-col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version} className={version.version === selected ? 'row-selected' : undefined} data-version={version.version}>
              <th scope="row">
                <button type="button" className="link-button" aria-pressed={version.version === selected} onClick={() => onSelect(version.version)}>
                  {version.version}
                </button>
              </th>
              <td>{formatDate(version.createdAt)}</td>
              <td>{version.source === 'shipped' ? 'Shipped' : 'Retrained'}</td>
              <td>{version.active ? <strong className="active-marker">● Active</strong> : <span className="muted">Inactive</span>}</td>
              <MetricCell metric={baseAccuracy(version)} />
              <MetricCell metric={correctionsAccuracy(version)} />
              <td className="models-data" title={trainingData(version)}>{trainingData(version)}</td>
              <td className="actions-col">
                {!version.active && (
                  <button type="button" onClick={() => onActivate(version.version)} disabled={busy} aria-label={`Activate ${version.version}`}>
                    Activate
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
