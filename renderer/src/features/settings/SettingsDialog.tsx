import { useEffect, useState } from 'react';
import type { AppInfo, Settings } from '../../../../electron/shared/contract';
import type { PartyRole } from '../../../../electron/shared/domain';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ChannelRolesFieldset } from '../../ui/ChannelRolesFieldset';
import { TeamServerSection } from './TeamServerSection';

interface SettingsDialogProps {
  open: boolean;
  /** Why the dialog opened, e.g. a reviewer name is needed to mark a call reviewed. */
  reason: string | null;
  settings: Settings | null;
  onClose: () => void;
  onSaved: (settings: Settings) => void;
}

export function SettingsDialog({ open, reason, settings, onClose, onSaved }: SettingsDialogProps) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<[PartyRole, PartyRole]>(['agent', 'customer']);
  const [pattern, setPattern] = useState('');
  const [separate, setSeparate] = useState(false);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setName(settings?.reviewerName ?? '');
    setRoles(settings?.defaultRoles ?? ['agent', 'customer']);
    setPattern(settings?.pathPattern ?? '');
    setSeparate(settings?.separateMono ?? false);
    api.invoke('app.info', {}).then(setInfo, () => setInfo(null));
  }, [open, settings]);

  async function save(): Promise<void> {
    try {
      onSaved(await api.invoke('settings.update', { reviewerName: name.trim(), defaultRoles: roles, pathPattern: pattern.trim(), separateMono: separate }));
      onClose();
    } catch (reason) {
      setError(errorMessage(reason));
    }
  }

  return (
    <Dialog title="Settings" open={open} onClose={onClose}>
      <form
        className="settings"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {reason && <p className="notice">{reason}</p>}
        <label>
          Reviewer name
          <input type="text" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} autoFocus />
        </label>
        <ChannelRolesFieldset legend="Default party roles for stereo calls" roles={roles} onChange={setRoles} />
        <label>
          Folder pattern naming agent and team
          <input type="text" value={pattern} maxLength={500} placeholder="{team}/{agent}/*.wav" aria-describedby="pattern-help" onChange={(event) => setPattern(event.target.value)} />
        </label>
        <p id="pattern-help" className="muted small">
          Applied when calls are imported, to the last folders of each path; a metadata CSV (<code>emoqa calls import-metadata</code>) wins over it.
        </p>
        <label className="inline">
          <input type="checkbox" checked={separate} onChange={(event) => setSeparate(event.target.checked)} />
          Separate mono calls into agent and customer (the first speaker is taken as the agent)
        </label>
        <dl className="facts">
          <dt>Database</dt>
          <dd data-testid="database-path">{settings?.databasePath ?? info?.databasePath ?? '–'}</dd>
          <dt>Model in use</dt>
          <dd>{settings?.modelVersion ?? info?.modelVersion ?? 'none'}{info?.backend ? ` (${info.backend})` : ''}</dd>
          <dt>Version</dt>
          <dd>{info?.version ?? '–'}</dd>
        </dl>
        <p className="muted small">The database is chosen at start: <code>emoqa serve --db FILE</code> or <code>EMOQA_DB</code>.</p>
        {error && <p role="alert" className="error">{error}</p>}
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Save settings</button>
        </footer>
      </form>
      <TeamServerSection />
    </Dialog>
  );
}
