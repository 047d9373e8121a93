import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Settings } from '../../../electron/shared/contract';
import type { PartyRole } from '../../../electron/shared/domain';
import { api, isTeam } from '../api';
import { currentSession } from '../api/team-session';
import { onUiCommand, type UiCommand } from '../api/ui-commands';
import { JobPanel } from '../features/analysis/JobPanel';
import { QueuePanel } from '../features/analysis/QueuePanel';
import { OpenFolderDialog } from '../features/analysis/OpenFolderDialog';
import { useJobs } from '../features/analysis/use-jobs';
import { CallView } from '../features/call/CallView';
import { HelpOverlay } from '../features/call/HelpOverlay';
import { callNeighbours } from '../features/call/call-navigation';
import { isTypingTarget } from '../features/call/call-shortcuts';
import { ExportDialog } from '../features/export/ExportDialog';
import { EMPTY_FILTER, type LibraryFilter } from '../features/library/library-filter';
import { LibraryView } from '../features/library/LibraryView';
import { useRecordings } from '../features/library/use-recordings';
import { AgentsView } from '../features/agents/AgentsView';
import { ModelsView } from '../features/models/ModelsView';
import { ScorecardView } from '../features/scorecard/ScorecardView';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { AssignDialog } from '../features/team/AssignDialog';
import { useAssignments } from '../features/team/use-assignments';
import { useHashRoute } from './use-hash-route';

type DialogName = 'open-folder' | 'export' | 'settings' | 'help' | 'assign' | null;
const DEFAULT_ROLES: [PartyRole, PartyRole] = ['agent', 'customer'];

export function App() {
  const route = useHashRoute();
  const library = useRecordings();
  const jobs = useJobs();
  // Team mode: TeamShell mounts the app only once signed in (and again for another user).
  const [session] = useState(() => (isTeam ? currentSession() : null));
  const team = useAssignments(session);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [settingsReason, setSettingsReason] = useState<string | null>(null);
  const [filter, setFilter] = useState<LibraryFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filteredIds, setFilteredIds] = useState<string[]>([]);
  const [queued, setQueued] = useState<{ tick: number; notice: string | null }>({ tick: 0, notice: null });
  // Leads on a team server hand files to the workers' queue (readers are refused it by the server too).
  const mayQueue = session !== null && session.role !== 'reviewer';
  const queueFiles = useCallback(async (paths: string[]) => {
    const result = await api.invoke('queue.enqueue', { paths });
    const notice = `Queued ${result.queued} ${result.queued === 1 ? 'file' : 'files'}${result.alreadyQueued ? ` (${result.alreadyQueued} already waiting)` : ''}`;
    setQueued((current) => ({ tick: current.tick + 1, notice }));
    // The dialog stays open on what could not be read; the rest is in the queue already.
    if (result.problems.length) throw new Error(`${notice}; not queued: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }, []);

  useEffect(() => {
    // A late answer must not undo settings saved meanwhile.
    api.invoke('settings.get', {}).then((fetched) => setSettings((current) => current ?? fetched), () => undefined);
  }, []);

  const openSettings = useCallback((reason: string | null = null) => {
    setSettingsReason(reason);
    setDialog('settings');
  }, []);

  // The desktop menu (Open Folder… with its native picker, Export…, Settings, Help).
  useEffect(
    () =>
      onUiCommand((command: UiCommand, argument) => {
        if (command === 'open-folder') {
          setFolder(argument);
          setDialog('open-folder');
        } else if (command === 'export' || command === 'help') setDialog(command);
        else if (command === 'settings') openSettings();
        else window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, shiftKey: command === 'redo' }));
      }),
    [openSettings],
  );

  // Ctrl+O opens the folder dialog in browser mode too (the desktop menu has its own accelerator).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'o') return;
      event.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      setFolder(null);
      setDialog('open-folder');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (route.view !== 'library') return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '?' && !isTypingTarget(event.target) && !document.querySelector('dialog[open]')) setDialog('help');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.view]);

  const close = useCallback(() => setDialog(null), []);
  // The library's order as last shown (its filter and sort); all calls when it was never shown.
  const callOrder = useMemo(() => (filteredIds.length ? filteredIds : library.recordings.map((row) => row.id)), [filteredIds, library.recordings]);
  const neighbours = useMemo(() => {
    const reviewed = new Set(library.recordings.filter((row) => row.reviewed).map((row) => row.id));
    return callNeighbours(callOrder, route.view === 'call' ? route.id : '', (id) => reviewed.has(id));
  }, [callOrder, library.recordings, route]);
  const selectedIds = [...selected].filter((id) => library.recordings.some((row) => row.id === id));
  // All calls under a filter: the server matches the filter; "My calls" narrows what is shown, so those ids go.
  const assignTarget = selectedIds.length ? { recordingIds: selectedIds } : team?.scope === 'all' ? { filter } : { recordingIds: filteredIds };

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <a href="#/">emoqa</a>
        </h1>
        <nav aria-label="Main">
          <button type="button" onClick={() => { setFolder(null); setDialog('open-folder'); }}>Open folder…</button>
          <button type="button" onClick={() => setDialog('export')}>Export report…</button>
          <button type="button" onClick={() => openSettings()}>Settings</button>
          <button type="button" aria-current={route.view === 'models' ? 'page' : undefined} onClick={() => { window.location.hash = '#/models'; }}>Models</button>
          <button type="button" aria-current={route.view === 'agents' ? 'page' : undefined} onClick={() => { window.location.hash = '#/agents'; }}>Agents</button>
          <button type="button" onClick={() => setDialog('help')} aria-label="Help">?</button>
        </nav>
        <span className="reviewer muted">{settings?.reviewerName ? `Reviewer: ${settings.reviewerName}` : 'No reviewer name set'}</span>
      </header>
      <JobPanel jobs={jobs.jobs} recordings={library.recordings} error={jobs.error} onCancel={(id) => void jobs.cancel(id)} onDismiss={jobs.dismiss} recent={jobs.recent} />
      {isTeam && <QueuePanel refresh={queued.tick} notice={queued.notice} />}
      <main>
        {route.view === 'call' ? (
          <CallView id={route.id} settings={settings} onHelp={() => setDialog('help')} onNeedReviewer={() => openSettings('Enter your name first: reviews are signed with it.')} neighbours={neighbours} />
        ) : route.view === 'models' ? (
          <ModelsView recordings={library.recordings} />
        ) : route.view === 'agents' ? (
          <AgentsView onOpenAgent={(agent) => { setFilter({ ...EMPTY_FILTER, conversation: { ...EMPTY_FILTER.conversation, agent } }); window.location.hash = '#/'; }} />
        ) : route.view === 'scorecard' ? (
          <ScorecardView id={route.id} />
        ) : (
          <LibraryView recordings={library.recordings} loading={library.loading} error={library.error} selected={selected} onSelectionChange={setSelected}
            filter={filter} onFilterChange={setFilter} onFilteredChange={setFilteredIds} team={team} onAssign={() => setDialog('assign')} />
        )}
      </main>
      <OpenFolderDialog open={dialog === 'open-folder'} initialDir={folder} defaultRoles={settings?.defaultRoles ?? DEFAULT_ROLES} onClose={close}
        onStart={(paths, roles) => jobs.start(paths, roles)} onQueue={mayQueue ? queueFiles : undefined} />
      <ExportDialog open={dialog === 'export'} onClose={close} total={library.recordings.length} filteredIds={filteredIds} selectedIds={selectedIds} />
      <SettingsDialog open={dialog === 'settings'} reason={settingsReason} settings={settings} onClose={close} onSaved={setSettings} />
      <HelpOverlay open={dialog === 'help'} onClose={close} />
      {team && (
        <AssignDialog open={dialog === 'assign'} onClose={close} onChanged={team.reload} fromSelection={selectedIds.length > 0}
          count={selectedIds.length || filteredIds.length} target={assignTarget} />
      )}
    </div>
  );
}
