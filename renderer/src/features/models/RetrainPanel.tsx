import { useId, useState } from 'react';
import type { RetrainStatus } from '../../../../electron/shared/contract';
import { countOf, formatEta } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { retrainBlocker, stageProgress, stageText, type CorrectionCounts } from './model-metrics';
import { RetrainOutcomePanel } from './RetrainOutcomePanel';
import type { RetrainOptions } from './use-models';

interface RetrainPanelProps {
  counts: CorrectionCounts;
  status: RetrainStatus | null;
  activeVersion: string | null;
  onRetrain: (options: RetrainOptions) => void;
  onCancel: () => void;
  onActivate: (version: string) => void;
}

/** Blank fields keep the backend's defaults; points become the contract's shares. */
function toOptions(fields: { epochs: string; minGain: string; maxDrop: string }, activate: boolean): RetrainOptions {
  const options: RetrainOptions = { activate };
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const epochs = number(fields.epochs);
  const minGain = number(fields.minGain);
  const maxDrop = number(fields.maxDrop);
  if (epochs !== undefined && Number.isInteger(epochs) && epochs >= 1 && epochs <= 200) options.epochs = epochs;
  if (minGain !== undefined && Math.abs(minGain) <= 100) options.minCorrectionGain = minGain / 100;
  if (maxDrop !== undefined && maxDrop >= 0 && maxDrop <= 100) options.maxBaseDrop = maxDrop / 100;
  return options;
}

/** "Retrain from N corrections", its options, live progress with Cancel, and the last outcome. */
export function RetrainPanel({ counts, status, activeVersion, onRetrain, onCancel, onActivate }: RetrainPanelProps) {
  const [fields, setFields] = useState({ epochs: '', minGain: '', maxDrop: '' });
  const [activate, setActivate] = useState(false);
  const blockerId = useId();
  const running = status?.running ?? false;
  const blocker = retrainBlocker(counts, running);
  const field = (key: keyof typeof fields, label: string, placeholder: string, min: number, max: number, step: number) => (
    <label>
      {label}
      <input type="number" value={fields[key]} placeholder={placeholder} min={min} max={max} step={step}
        onChange={(event) => setFields((current) => ({ ...current, [key]: event.target.value }))} />
    </label>
  );

  return (
    <section className="models-panel" aria-labelledby="retrain-title">
      <h2 id="retrain-title">Retrain from corrections</h2>
      <p>
        <span data-testid="retrain-counts">{countOf(counts.corrections, 'correction')} and {countOf(counts.agreements, 'agreement')} on {countOf(counts.calls, 'call')}</span>
        {' '}(agreements confirm the model's label; both are training examples). A new version learns from them, is judged on corrected calls it did not train on and on unseen speakers, and is kept only if it passes.
      </p>
      <details className="retrain-options">
        <summary>Options</summary>
        <div className="filters">
          {field('epochs', 'Training epochs', 'auto', 1, 200, 1)}
          {field('minGain', 'Minimum gain on held-out corrections (points)', '0', -100, 100, 0.5)}
          {field('maxDrop', 'Largest allowed drop on unseen speakers (points)', '2', 0, 100, 0.5)}
          <label className="inline">
            <input type="checkbox" checked={activate} onChange={(event) => setActivate(event.target.checked)} />
            Activate it if it passes
          </label>
        </div>
      </details>
      <div className="retrain-actions">
        <button type="button" className="primary" disabled={blocker !== null} aria-describedby={blocker ? blockerId : undefined}
          onClick={() => onRetrain(toOptions(fields, activate))}>
          Retrain from {countOf(counts.corrections, 'correction')}{counts.agreements > 0 ? ` and ${countOf(counts.agreements, 'agreement')}` : ''}
        </button>
        {running && <button type="button" onClick={onCancel}>Cancel retraining</button>}
      </div>
      {blocker && !running && <p id={blockerId} className="muted" data-testid="retrain-blocker">{blocker}</p>}
      {running && status && (
        <div className="job" role="status" aria-live="polite">
          <div className="job-line">
            <strong data-testid="retrain-stage">{stageText(status.stage)}</strong>
            <span>{status.total > 1 && `${status.done} of ${status.total} · `}{formatEta(status.etaS)}</span>
          </div>
          <ProgressBar label="Retraining progress" value={stageProgress(status)} detail={`${stageText(status.stage)}: ${status.done} of ${status.total}`} />
        </div>
      )}
      {!running && status?.last && <RetrainOutcomePanel outcome={status.last} activeVersion={activeVersion} onActivate={onActivate} />}
    </section>
  );
}
