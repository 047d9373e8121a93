import type { ModelVersionInfo } from '../../../../electron/shared/contract';
import { formatDate, formatPercent } from '../../ui/format';
import { ConfusionMatrix } from './ConfusionMatrix';
import { baseAccuracy, correctionsAccuracy, trainingData } from './model-metrics';
import { JudgingTable } from './JudgingTable';
import { ScoreTable } from './ScoreTable';

interface VersionDetailsProps {
  version: ModelVersionInfo;
}

/** The selected version: where it came from, its metrics, its confusion matrix and how it was judged. */
export function VersionDetails({ version }: VersionDetailsProps) {
  const base = baseAccuracy(version);
  const corrections = correctionsAccuracy(version);
  const heldOut = version.report ? `${version.report.data.heldOutCalls} corrected call(s), cross-validated by call` : 'its evaluation set';
  return (
    <section className="models-panel" aria-labelledby="version-details-title">
      <h2 id="version-details-title">{version.version}</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{version.active ? 'Active: new analyses use it' : 'Inactive'}</dd>
        <dt>Source</dt>
        <dd>{version.source === 'shipped' ? 'Shipped with the app' : `Retrained from ${version.report?.parent ?? 'an earlier version'}`}</dd>
        <dt>Created</dt>
        <dd>{formatDate(version.createdAt)}</dd>
        <dt>Last activated</dt>
        <dd>{version.activatedAt ? formatDate(version.activatedAt) : 'never'}</dd>
        <dt>Base accuracy</dt>
        <dd>{base ? `${formatPercent(base.value, 1)} (${base.source})` : 'not measured'}</dd>
        <dt>Held-out corrections</dt>
        <dd>{corrections ? `${formatPercent(corrections.value, 1)} (${corrections.source})` : 'not measured'}</dd>
        <dt>Trained on</dt>
        <dd>{trainingData(version)}</dd>
      </dl>
      {version.report && <ScoreTable report={version.report} />}
      {version.report?.judging && <JudgingTable judging={version.report.judging} />}
      <h3>Confusion matrix</h3>
      <ConfusionMatrix version={version.version} matrix={version.confusion} basis={heldOut} />
    </section>
  );
}
