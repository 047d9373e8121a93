import { useCallback, useEffect, useState } from 'react';
import type { JobProgress } from '../../../../electron/shared/domain';
import { api, errorMessage } from '../../api';
import { useApiEvent } from '../../api/use-api-event';

export interface JobsState {
  jobs: JobProgress[];
  error: string | null;
  start: (paths: string[], roles?: JobStartRoles) => Promise<void>;
  cancel: (jobId: string) => Promise<void>;
  dismiss: (jobId: string) => void;
}

export type JobStartRoles = [JobRole, JobRole];
type JobRole = 'agent' | 'customer' | 'speaker';

/** Analysis jobs as the library shows them: running ones from `analysis.jobs`, then live from events. */
export function useJobs(): JobsState {
  const [jobs, setJobs] = useState<JobProgress[]>([]);
  const [error, setError] = useState<string | null>(null);

  const upsert = useCallback((progress: JobProgress) => {
    setJobs((current) => {
      const index = current.findIndex((job) => job.jobId === progress.jobId);
      if (index < 0) return [...current, progress];
      const next = current.slice();
      next[index] = progress;
      return next;
    });
  }, []);

  useEffect(() => {
    api.invoke('analysis.jobs', {}).then(
      (list) => setJobs(list.filter((job) => job.state === 'running')),
      () => undefined, // Older builds without jobs: events still arrive.
    );
  }, []);
  useApiEvent('analysis.progress', upsert);

  const start = useCallback(async (paths: string[], roles?: JobStartRoles) => {
    setError(null);
    try {
      const { jobId } = await api.invoke('analysis.start', roles ? { paths, roles } : { paths });
      upsert({ jobId, filesDone: 0, filesTotal: 0, audioSecondsDone: 0, audioSecondsTotal: 0, etaS: null, currentFile: null, state: 'running' });
    } catch (reason) {
      setError(errorMessage(reason));
      throw reason;
    }
  }, [upsert]);

  const cancel = useCallback(async (jobId: string) => {
    try {
      await api.invoke('analysis.cancel', { jobId });
    } catch (reason) {
      setError(errorMessage(reason));
    }
  }, []);

  const dismiss = useCallback((jobId: string) => setJobs((current) => current.filter((job) => job.jobId !== jobId)), []);

  return { jobs, error, start, cancel, dismiss };
}
