import type { ModelVersionInfo } from '../../../../electron/shared/contract';
import { formatDate, formatPercent } from '../../ui/format';
import { ConfusionMatrix } from './ConfusionMatrix';
import { baseAccuracy, correctionsAccuracy, trainingData } from './model-metrics';
import { JudgingTable } from './JudgingTable';
import { ScoreTable } from './ScoreTable';

interface VersionDetailsProps {
  version: ModelVersionInfo;
}

const PARTY_CONDITIONS: Record<string, string> = {
  single: 'one file at a time',
  one: 'parties of one emotion',
  neutral: 'parties 75% neutral',
  arc: 'parties with one arc, as calls have',
  balanced: 'parties showing every emotion equally',
};

/**
 * A cross-validation condition in words: the party protocol's `split | condition | band`, or the
 * older `speaker-cv/ravdess/telephone/per-speaker-norm`.
 */
export function conditionText(condition: string): string {
  const party = condition.split(' | ');
  if (party.length === 3) {
    const [split, kind, band] = party;
    return `${split.charAt(0).toUpperCase()}${split.slice(1)}: ${PARTY_CONDITIONS[kind] ?? kind}, ${band === 'telephone' ? 'telephone band' : 'wideband'}`;
  }
  const [, corpus = '', band = '', ...rest] = condition.split('/');
  const norm = rest.includes('per-speaker-norm') ? ', per-speaker normalisation' : '';
  return `${corpus.toUpperCase()} voices unseen in training, ${band === 'telephone' ? 'telephone band' : 'wideband'}${norm}`;
}

/** The shipped model's cross-validation: one matrix per condition, the first open. */
function CrossValidationMatrices({ version }: { version: ModelVersionInfo }) {
  return (
    <div className="cv-matrices">
      {version.crossValidation.map((run, index) => (
        <details key={run.condition} open={index === 0}>
          <summary>{conditionText(run.condition)}: {formatPercent(run.accuracy, 1)} of {run.n}</summary>
          <ConfusionMatrix version={`${version.version} (${run.condition})`} matrix={run.confusion}
            basis={`${conditionText(run.condition)}, split by speaker, pooled over its folds`} />
        </details>
      ))}
    </div>
  );
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
      {version.report?.judging && <JudgingTable judging={version.report.judging} memory={version.report.memory} />}
      <h3>Confusion matrix</h3>
      {version.confusion || version.crossValidation.length === 0 ? (
        <ConfusionMatrix version={version.version} matrix={version.confusion} basis={heldOut} />
      ) : (
        <CrossValidationMatrices version={version} />
      )}
    </section>
  );
}
