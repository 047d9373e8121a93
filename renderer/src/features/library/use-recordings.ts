import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordingSummary } from '../../../../electron/shared/domain';
import { api, errorMessage } from '../../api';
import { useApiEvent } from '../../api/use-api-event';

/** Past this many changed rows in one burst, one full list is cheaper than many single fetches. */
const REFETCH_ALL_AFTER = 40;
const COALESCE_MS = 150;

function toSummary(recording: RecordingSummary): RecordingSummary {
  const { id, fileName, path, importedAt, durationS, status, progress, error, parties, corrections, agreements, reviewed, reviewer, modelVersion, channels, downmixed, agent, team, startedAt, measures } = recording;
  return { id, fileName, path, importedAt, durationS, status, progress, error, parties, corrections, agreements, reviewed, reviewer, modelVersion, channels, downmixed, agent, team, startedAt, measures };
}

export interface RecordingsState {
  recordings: RecordingSummary[];
  loading: boolean;
  error: string | null;
  reload: () => void;
  patch: (recording: RecordingSummary) => void;
}

/** The library's list, kept current from `recordings.changed` events (coalesced: analysis sends many). */
export function useRecordings(): RecordingsState {
  const [recordings, setRecordings] = useState<RecordingSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(new Set<string>());
  const timer = useRef<number | undefined>(undefined);

  const reload = useCallback(() => {
    api.invoke('recordings.list', {}).then(
      (list) => {
        setRecordings(list);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        setError(errorMessage(reason));
        setLoading(false);
      },
    );
  }, []);

  const patch = useCallback((recording: RecordingSummary) => {
    const summary = toSummary(recording);
    setRecordings((current) => {
      const index = current.findIndex((row) => row.id === summary.id);
      if (index < 0) return [...current, summary];
      const next = current.slice();
      next[index] = summary;
      return next;
    });
  }, []);

  const flush = useCallback(() => {
    timer.current = undefined;
    const ids = [...pending.current];
    pending.current.clear();
    if (ids.length > REFETCH_ALL_AFTER) return reload();
    for (const id of ids) {
      api.invoke('recordings.get', { id }).then(patch, () => {
        // Gone (deleted or re-identified): the full list is the truth.
        setRecordings((current) => current.filter((row) => row.id !== id));
      });
    }
  }, [patch, reload]);

  const schedule = useCallback(
    (id: string) => {
      pending.current.add(id);
      if (timer.current === undefined) timer.current = window.setTimeout(flush, COALESCE_MS);
    },
    [flush],
  );

  useEffect(() => {
    reload();
    return () => window.clearTimeout(timer.current);
  }, [reload]);
  useApiEvent('recordings.changed', schedule);
  useApiEvent('analysis.fileDone', (_jobId, _file, recordingId) => {
    if (recordingId) schedule(recordingId);
  });
  // Each analysing call's share rides on the job's progress events: its row moves without a fetch.
  useApiEvent('analysis.progress', (progress) => {
    const shares = Object.entries(progress.analysing ?? {});
    if (!shares.length) return;
    setRecordings((current) => {
      let changed = false;
      const next = current.map((row) => {
        const share = progress.analysing[row.id];
        if (share === undefined || row.status !== 'analysing' || row.progress === share) return row;
        changed = true;
        return { ...row, progress: share };
      });
      return changed ? next : current;
    });
  });

  return { recordings, loading, error, reload, patch };
}
