import { useCallback, useMemo, useState } from 'react';
import type { HumanLabel } from '../../../../electron/shared/domain';
import { api, errorMessage } from '../../api';
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

/** Corrections saved the moment they are made, with undo/redo through the same contract calls. */
export function useEditor(recordingId: string, setLabels: (update: (labels: HumanLabel[]) => HumanLabel[]) => void): Editor {
  const [selection, select] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [revision, setRevision] = useState(0);

  const history = useMemo(() => {
    const store: LabelStore = {
      async create(data) {
        const label = await api.invoke('labels.create', { recordingId, ...data });
        setLabels((labels) => [...labels, label]);
        return label;
      },
      async update(id, patch) {
        const label = await api.invoke('labels.update', { id, ...patch });
        setLabels((labels) => labels.map((existing) => (existing.id === id ? label : existing)));
        return label;
      },
      async remove(id) {
        await api.invoke('labels.delete', { id });
        setLabels((labels) => labels.filter((existing) => existing.id !== id));
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
