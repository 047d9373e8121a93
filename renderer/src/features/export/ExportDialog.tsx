import { useEffect, useState } from 'react';
import type { Results } from '../../../../electron/shared/contract';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ProgressBar } from '../../ui/ProgressBar';
import { downloadText, stamp } from './download';

type Scope = 'all' | 'filtered' | 'selected';
type Report = Results['export.report'];

interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  total: number;
  filteredIds: readonly string[];
  selectedIds: readonly string[];
}

/** Export the QA report (calls.csv and segments.csv) for all, the filtered or the selected calls. */
export function ExportDialog({ open, onClose, total, filteredIds, selectedIds }: ExportDialogProps) {
  const [scope, setScope] = useState<Scope>('all');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name] = useState(() => `emoqa-${stamp()}`);

  useEffect(() => {
    if (!open) return;
    setReport(null);
    setError(null);
    setScope(selectedIds.length > 0 ? 'selected' : filteredIds.length < total ? 'filtered' : 'all');
  }, [open, selectedIds.length, filteredIds.length, total]);

  function save(result: Report): void {
    downloadText(`${name}-calls.csv`, result.callsCsv);
    downloadText(`${name}-segments.csv`, result.segmentsCsv);
  }

  async function run(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const ids = scope === 'selected' ? selectedIds : scope === 'filtered' ? filteredIds : null;
      const result = await api.invoke('export.report', ids ? { recordingIds: [...ids] } : {});
      setReport(result);
      save(result);
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  }

  const options: Array<{ value: Scope; label: string; count: number }> = [
    { value: 'all', label: 'All calls', count: total },
    { value: 'filtered', label: 'Calls shown by the filters', count: filteredIds.length },
    { value: 'selected', label: 'Selected calls', count: selectedIds.length },
  ];
  return (
    <Dialog title="Export report" open={open} onClose={onClose}>
      <fieldset className="export-scope" disabled={busy}>
        <legend>Which calls</legend>
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input type="radio" name="scope" value={option.value} checked={scope === option.value} disabled={option.count === 0} onChange={() => setScope(option.value)} />
            {option.label} ({option.count})
          </label>
        ))}
      </fieldset>
      <p className="muted">Two CSV files: one row per call (review status, shares per party) and one per segment (model label and your correction side by side).</p>
      {busy && <ProgressBar label="Exporting report" value={null} detail="Building the report" />}
      {error && <p role="alert" className="error">{error}</p>}
      {report && (
        <p role="status">
          Exported {report.calls} calls and {report.segments} segments.{' '}
          <button type="button" className="link-button" onClick={() => save(report)}>
            Save the files again
          </button>
        </p>
      )}
      <footer className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy}>
          Export CSV
        </button>
      </footer>
    </Dialog>
  );
}
