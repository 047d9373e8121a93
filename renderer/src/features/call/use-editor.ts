import { useCallback, useMemo, useRef, useState } from 'react';
import type { HumanLabel } from '../../../../electron/shared/domain';
import { api, ApiError, errorMessage } from '../../api';
import { selectionKey, type Command } from './edit-commands';
import { EditHistory, type LabelStore } from './edit-history';

export interface Editor {
  history: EditHistory;
  selection: string | null;
  select: (key: string | null) => void;
  run: (command: Command | null, refusal?: string) => void;
  undo: () => void;
  redo: () => void;
  status: string;
  setStatus: (status: string) => void;
  /** Bumped after every change so buttons re-read canUndo/canRedo. */
  revision: number;
}

/**
 * Corrections saved the moment they are made, with undo/redo through the same contract calls.
 * Each change names the label's version; when another reviewer saved it in between, the server
 * refuses (CONFLICT) and the call's labels are reloaded, so their edit is what is shown.
 */
export function useEditor(recordingId: string, setLabels: (update: (labels: HumanLabel[]) => HumanLabel[]) => void, labels: readonly HumanLabel[]): Editor {
  const [selection, select] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [revision, setRevision] = useState(0);
  const shown = useRef(labels);
  shown.current = labels;
  // Versions this editor saved itself: a command of several steps may touch a label again before the view re-renders.
  const saved = useRef(new Map<number, number>());

  const history = useMemo(() => {
    const versionOf = (id: number) => Math.max(saved.current.get(id) ?? 0, shown.current.find((label) => label.id === id)?.version ?? 0) || undefined;
    const keep = (label: HumanLabel) => {
      saved.current.set(label.id, label.version);
      return label;
    };
    const unlessStale = async <T,>(change: () => Promise<T>): Promise<T> => {
      try {
        return await change();
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'CONFLICT' || !/^label \d+ was changed by/.test(error.message)) throw error;
        const fresh = await api.invoke('recordings.regions', { id: recordingId });
        saved.current.clear();
        setLabels(() => fresh.labels);
        throw new ApiError('CONFLICT', `${error.message}; their version is shown now`);
      }
    };
    const store: LabelStore = {
      async create(data) {
        const label = keep(await api.invoke('labels.create', { recordingId, ...data }));
        setLabels((current) => [...current, label]);
        return label;
      },
      async update(id, patch) {
        const label = keep(await unlessStale(() => api.invoke('labels.update', { id, version: versionOf(id), ...patch })));
        setLabels((current) => current.map((existing) => (existing.id === id ? label : existing)));
        return label;
      },
      async remove(id) {
        await unlessStale(() => api.invoke('labels.delete', { id, version: versionOf(id) }));
        setLabels((current) => current.filter((existing) => existing.id !== id));
      },
    };
    return new EditHistory(store);
  }, [recordingId, setLabels]);

  const settle = useCallback((key: string | null, text: string) => {
    select(key);
    setStatus(text);
    setRevision((value) => value + 1);
  }, []);

  const run = useCallback(
    (command: Command | null, refusal?: string) => {
      if (!command) {
        if (refusal) setStatus(refusal);
        return;
      }
      history.execute(command).then(
        (done) => settle(selectionKey(done.selectAfter), `${done.description}: saved.`),
        (reason: unknown) => setStatus(`Not saved: ${errorMessage(reason)}`),
      );
    },
    [history, settle],
  );

  const undo = useCallback(() => {
    history.undo().then(
      (command) => command ? settle(selectionKey(command.selectBefore), `Undid ${command.description.toLowerCase()}.`) : setStatus('Nothing to undo.'),
      (reason: unknown) => setStatus(`Undo failed: ${errorMessage(reason)}`),
    );
  }, [history, settle]);

  const redo = useCallback(() => {
    history.redo().then(
      (command) =>
        command ? settle(selectionKey(command.selectAfter), `Redid ${command.description.toLowerCase()}.`) : setStatus('Nothing to redo.'),
      (reason: unknown) => setStatus(`Redo failed: ${errorMessage(reason)}`),
    );
  }, [history, settle]);

  return { history, selection, select, run, undo, redo, status, setStatus, revision };
}
