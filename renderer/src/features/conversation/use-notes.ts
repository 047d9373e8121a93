import { useCallback, useEffect, useState } from 'react';
import type { CallNotes } from '../../../../electron/shared/conversation';
import { api, errorMessage } from '../../api';

export interface NotesState {
  notes: CallNotes | null;
  error: string | null;
  saveCall: (text: string) => Promise<void>;
  saveRegion: (region: { channel: number; start: number; end: number }, text: string) => Promise<void>;
}

/** A call's notes, saved through the contract (an empty text removes a note). */
export function useNotes(recordingId: string): NotesState {
  const [notes, setNotes] = useState<CallNotes | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('notes.get', { recordingId }).then((n) => live && setNotes(n), (e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [recordingId]);
  const run = useCallback(async (call: Promise<CallNotes>) => {
    try {
      setNotes(await call);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  const saveCall = useCallback((text: string) => run(api.invoke('notes.setCall', { recordingId, text })), [recordingId, run]);
  const saveRegion = useCallback(
    (region: { channel: number; start: number; end: number }, text: string) => run(api.invoke('notes.setRegion', { recordingId, ...region, text })),
    [recordingId, run],
  );
  return { notes, error, saveCall, saveRegion };
}
