import { useEffect, useState } from 'react';
import type { LibraryFilter } from '../../../../electron/shared/library-filter';
import type { TeamMember } from '../../../../electron/shared/team';
import { api, errorMessage } from '../../api';
import { countOf } from '../../ui/format';
import { Dialog } from '../../ui/Dialog';

interface AssignDialogProps {
  open: boolean;
  onClose: () => void;
  /** The selected calls, or the filter as it stands (matched on the server when sent); `count`: the calls shown for it now. */
  target: { recordingIds: readonly string[] } | { filter: LibraryFilter };
  count: number;
  fromSelection: boolean;
  onChanged: () => void;
}

/** A lead gives calls to a reviewer (or takes them back); the reviewer's "My calls" shows them. */
export function AssignDialog({ open, onClose, target, count, fromSelection, onChanged }: AssignDialogProps) {
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
      const args = 'filter' in target ? { reviewer, filter: target.filter } : { reviewer, recordingIds: [...target.recordingIds] };
      let text: string;
      if (action === 'assign') {
        const { matched, assigned } = await api.invoke('assignments.assign', args);
        text = `Assigned ${countOf(assigned, 'call')} to ${reviewer}.${matched > assigned ? ` ${matched - assigned} had been assigned already.` : ''}`;
      } else {
        text = `Took ${countOf((await api.invoke('assignments.unassign', args)).unassigned, 'call')} back from ${reviewer}.`;
      }
      setDone(text);
      onChanged();
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  }

  const what = `the ${count} ${fromSelection ? 'selected' : 'shown'} ${count === 1 ? 'call' : 'calls'}`;
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
        <button type="button" onClick={() => void run('unassign')} disabled={busy || !reviewer || count === 0}>
          Unassign
        </button>
        <button type="button" className="primary" onClick={() => void run('assign')} disabled={busy || !reviewer || count === 0}>
          Assign
        </button>
      </footer>
    </Dialog>
  );
}
