import { useMemo, useState } from 'react';
import type { RecordingSummary } from '../../../../electron/shared/domain';
import { correctionCounts, rollbackTarget } from './model-metrics';
import { LinePanel } from './LinePanel';
import { PriorPanel } from './PriorPanel';
import { RetrainPanel } from './RetrainPanel';
import { SwitchModelDialog, type SwitchRequest } from './SwitchModelDialog';
import { useModels } from './use-models';
import { VersionDetails } from './VersionDetails';
import { VersionsTable } from './VersionsTable';
import './models.css';

interface ModelsViewProps {
  /** The library's live list: correction counts and analysed calls come from it. */
  recordings: RecordingSummary[];
}

/** Model versions, their quality, retraining from corrections, and switching versions. */
export function ModelsView({ recordings }: ModelsViewProps) {
  const models = useModels();
  const [chosen, setChosen] = useState<string | null>(null);
  const [request, setRequest] = useState<SwitchRequest | null>(null);
  const counts = useMemo(() => correctionCounts(recordings), [recordings]);
  const analysed = useMemo(() => recordings.filter((row) => row.status === 'done').length, [recordings]);
  const active = models.versions.find((version) => version.active) ?? null;
  const previous = rollbackTarget(models.versions);
  // Details follow the active version until the reviewer picks another.
  const selected = models.versions.find((version) => version.version === chosen) ?? active ?? models.versions[0] ?? null;
  const running = models.status?.running ?? false;

  async function confirm(next: SwitchRequest, reanalyse: boolean): Promise<void> {
    if (next.kind === 'rollback') await models.rollback(reanalyse);
    else await models.activate(next.version, reanalyse);
    setRequest(null);
  }

  return (
    <section className="models" aria-label="Models">
      <header className="models-header">
        <h2>Models</h2>
        <span className="muted" data-testid="active-model">Active: {active ? active.version : 'none'}</span>
        <button type="button" disabled={!previous || running} onClick={() => previous && setRequest({ kind: 'rollback', version: previous.version })}
          title={previous ? `Back to ${previous.version}, the version active before this one` : 'No earlier version was ever active'}>
          {previous ? `Roll back to ${previous.version}` : 'Roll back'}
        </button>
      </header>
      {models.error && <p role="alert" className="error">{models.error}</p>}
      <p className="status-line" role="status" aria-live="polite" data-testid="models-notice">{models.notice}</p>
      {models.loading ? (
        <p className="muted">Loading model versions…</p>
      ) : models.versions.length === 0 ? (
        <p className="empty">No model is installed.</p>
      ) : (
        <VersionsTable versions={models.versions} selected={selected?.version ?? null} busy={running} onSelect={setChosen}
          onActivate={(version) => setRequest({ kind: 'activate', version })} />
      )}
      <div className="models-columns">
        <RetrainPanel counts={counts} status={models.status} activeVersion={active?.version ?? null} onRetrain={(options) => void models.retrain(options)}
          onCancel={() => void models.cancel()} onActivate={(version) => setRequest({ kind: 'activate', version })} />
        {selected && <VersionDetails version={selected} />}
      </div>
      <PriorPanel activeVersion={active?.version ?? null} busy={running} />
      <LinePanel activeVersion={active?.version ?? null} />
      <SwitchModelDialog request={request} analysedCalls={analysed} onClose={() => setRequest(null)} onConfirm={confirm} />
    </section>
  );
}
