import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api';
import type { FetchSpectrogram } from '../../waveform/spectrogram-lane';

const STORAGE_KEY = 'emoqa.spectrogram';

function stored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Whether the spectrogram lanes show (kept from call to call), and how they fetch their columns. */
export function useSpectrogram(recordingId: string): { shown: boolean; toggle: () => void; fetch: FetchSpectrogram | null } {
  const [shown, setShown] = useState(stored);
  const toggle = useCallback(() => setShown((current) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, current ? 'off' : 'on');
    } catch {
      // Storage may be refused (private mode): the toggle still works for this call.
    }
    return !current;
  }), []);
  const fetch = useMemo<FetchSpectrogram>(
    () => (channel, startS, endS, columns) => api.invoke('recordings.spectrogram', { id: recordingId, channel, startS, endS, columns }),
    [recordingId],
  );
  return { shown, toggle, fetch: shown ? fetch : null };
}
