import { useCallback, useEffect, useRef, useState } from 'react';
import type { HumanLabel, PredictedRegion, RecordingDetail } from '../../../../electron/shared/domain';
import { api, errorMessage } from '../../api';
import { useApiEvent } from '../../api/use-api-event';
import { PeaksSource } from '../../waveform/peaks-source';

export interface CallData {
  recording: RecordingDetail;
  duration: number;
  /** Per analysed channel, interleaved min/max in -1..1, refined by range as the view zooms in. */
  peaks: PeaksSource;
  predictions: PredictedRegion[];
  labels: HumanLabel[];
}

export interface CallDataState {
  data: CallData | null;
  error: string | null;
  setLabels: (update: (labels: HumanLabel[]) => HumanLabel[]) => void;
  setRecording: (recording: RecordingDetail) => void;
}

/** Everything one call view needs, fetched in parallel; the audio itself is streamed later. */
export function useCallData(id: string): CallDataState {
  const [data, setData] = useState<CallData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    const peaksOf = async () => {
      const info = await api.invoke('recordings.peaksInfo', { id });
      return PeaksSource.open(info, (level, start, count) => api.invoke('recordings.peaksRange', { id, level, start, count }));
    };
    Promise.all([api.invoke('recordings.get', { id }), peaksOf(), api.invoke('recordings.regions', { id })]).then(
      ([recording, peaks, regions]) => {
        if (!live) return;
        const duration = recording.durationS ?? peaks.duration;
        if (!(duration > 0) || peaks.channels.length === 0) {
          setError(`${recording.fileName} has no waveform yet (status: ${recording.status}).`);
          return;
        }
        setData({
          recording,
          duration,
          peaks,
          predictions: regions.predictions,
          labels: regions.labels,
        });
      },
      (reason: unknown) => live && setError(errorMessage(reason)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const setLabels = useCallback((update: (labels: HumanLabel[]) => HumanLabel[]) => {
    setData((current) => (current ? { ...current, labels: update(current.labels) } : current));
  }, []);
  const setRecording = useCallback((recording: RecordingDetail) => {
    setData((current) => (current ? { ...current, recording } : current));
  }, []);

  // Review status and correction counts change server-side; labels are already local. A re-analysis
  // under another model version replaces the predictions, so those are fetched again (labels stay).
  const modelVersion = useRef<string | null>(null);
  modelVersion.current = data?.recording.modelVersion ?? null;
  useApiEvent('recordings.changed', (changed) => {
    if (changed !== id) return;
    api.invoke('recordings.get', { id }).then(async (recording) => {
      if (recording.modelVersion === modelVersion.current) return setRecording(recording);
      const regions = await api.invoke('recordings.regions', { id });
      setData((current) => (current ? { ...current, recording, predictions: regions.predictions, labels: regions.labels } : current));
    }, () => undefined);
  });

  return { data, error, setLabels, setRecording };
}
