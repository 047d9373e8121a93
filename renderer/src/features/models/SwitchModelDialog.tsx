import { useEffect, useState } from 'react';
import { Dialog } from '../../ui/Dialog';

export interface SwitchRequest {
  kind: 'activate' | 'rollback';
  version: string;
}

interface SwitchModelDialogProps {
  request: SwitchRequest | null;
  /** Analysed calls that a switch with re-analysis would queue. */
  analysedCalls: number;
  onClose: () => void;
  onConfirm: (request: SwitchRequest, reanalyse: boolean) => Promise<void>;
}

/** One confirmation for Activate and Roll back: the only choice is whether to re-analyse now. */
export function SwitchModelDialog({ request, analysedCalls, onClose, onConfirm }: SwitchModelDialogProps) {
  const [reanalyse, setReanalyse] = useState(true);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (request) setReanalyse(true);
  }, [request]);

  const verb = request?.kind === 'rollback' ? 'Roll back' : 'Activate';
  const title = request ? (request.kind === 'rollback' ? `Roll back to ${request.version}` : `Activate ${request.version}`) : 'Switch model';
  return (
    <Dialog title={title} open={request !== null} onClose={onClose}>
      {request && (
        <form
          className="settings"
          onSubmit={(event) => {
            event.preventDefault();
            setBusy(true);
            void onConfirm(request, reanalyse).finally(() => setBusy(false));
          }}
        >
          <p>
            New analyses will use <strong>{request.version}</strong>.
          </p>
          <label className="radio">
            <input type="checkbox" checked={reanalyse} onChange={(event) => setReanalyse(event.target.checked)} autoFocus />
            Re-analyse the library with it now ({analysedCalls === 1 ? '1 analysed call' : `${analysedCalls} analysed calls`})
          </label>
          <p className="notice">
            Human labels are kept: re-analysis only replaces the model&apos;s predictions, and every correction stays laid over them.
            {!reanalyse && ' Without re-analysis, calls keep the predictions of the version that analysed them.'}
          </p>
          <footer className="dialog-actions">
            <button type="button" onClick={onClose}>Cancel</button>
            <button type="submit" className="primary" disabled={busy}>{verb}</button>
          </footer>
        </form>
      )}
    </Dialog>
  );
}
