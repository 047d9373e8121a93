import { useEffect, useState } from 'react';
import type { TeamMember } from '../../../../electron/shared/team';
import { api, errorMessage } from '../../api';
import { countOf } from '../../ui/format';
import { Dialog } from '../../ui/Dialog';

interface AssignDialogProps {
  open: boolean;
  onClose: () => void;
  /** The selected calls, else the ones the filters show (the filter as it stands now). */
  recordingIds: readonly string[];
  fromSelection: boolean;
  onChanged: () => void;
}

/** A lead gives calls to a reviewer (or takes them back); the reviewer's "My calls" shows them. */
export function AssignDialog({ open, onClose, recordingIds, fromSelection, onChanged }: AssignDialogProps) {
  const [members, setMembers] = useState<TeamMember[]>([]);
  const [reviewer, setReviewer] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setDone(null);
    setError(null);
    api.invoke('users.list', {}).then(
      (list) => {
        setMembers(list);
        setReviewer((current) => current || (list.find((m) => m.role === 'reviewer') ?? list[0])?.name || '');
      },
      (reason: unknown) => setError(errorMessage(reason)),
    );
  }, [open]);

  async function run(action: 'assign' | 'unassign'): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const args = { reviewer, recordingIds: [...recordingIds] };
      const text = action === 'assign'
        ? `Assigned ${countOf((await api.invoke('assignments.assign', args)).assigned, 'call')} to ${reviewer}.`
        : `Took ${countOf((await api.invoke('assignments.unassign', args)).unassigned, 'call')} back from ${reviewer}.`;
      setDone(text);
      onChanged();
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  }

  const what = `${fromSelection ? 'the selected' : 'the shown'} ${countOf(recordingIds.length, 'call')}`;
  return (
    <Dialog title="Assign calls" open={open} onClose={onClose}>
      <p>
        Give {what} to a reviewer{fromSelection ? '' : ' (select rows to assign fewer)'}.
      </p>
      <label>
        Reviewer{' '}
        <select aria-label="Reviewer" value={reviewer} onChange={(event) => setReviewer(event.target.value)} disabled={busy}>
          {members.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name} ({m.role})
            </option>
          ))}
        </select>
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      {done && <p role="status">{done}</p>}
      <footer className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" onClick={() => void run('unassign')} disabled={busy || !reviewer || recordingIds.length === 0}>
          Unassign
        </button>
        <button type="button" className="primary" onClick={() => void run('assign')} disabled={busy || !reviewer || recordingIds.length === 0}>
          Assign
        </button>
      </footer>
    </Dialog>
  );
}
