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
  /** Finished jobs, newest first: dismissed notices land here, and earlier runs from the store. */
  recent: JobProgress[];
}

/** A finished notice goes away by itself after this long (it stays in the recent list). */
export const FINISHED_NOTICE_MS = 8000;

export type JobStartRoles = [JobRole, JobRole];
type JobRole = 'agent' | 'customer' | 'speaker';

/** Analysis jobs as the library shows them: running ones from `analysis.jobs`, then live from events. */
export function useJobs(): JobsState {
  const [jobs, setJobs] = useState<JobProgress[]>([]);
  const [recent, setRecent] = useState<JobProgress[]>([]);
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
      (list) => {
        setJobs(list.filter((job) => job.state === 'running'));
        setRecent(list.filter((job) => job.state !== 'running'));
      },
      () => undefined, // Older builds without jobs: events still arrive.
    );
  }, []);
  useApiEvent('analysis.progress', upsert);

  const start = useCallback(async (paths: string[], roles?: JobStartRoles) => {
    setError(null);
    try {
      const { jobId } = await api.invoke('analysis.start', roles ? { paths, roles } : { paths });
      // A placeholder until the first event; a quick job's events may already have arrived.
      setJobs((current) => (current.some((job) => job.jobId === jobId) ? current : [...current, { jobId, filesDone: 0, filesTotal: 0, audioSecondsDone: 0, audioSecondsTotal: 0, etaS: null, currentFile: null, state: 'running', alreadyAnalysed: 0, analysing: {} }]));
    } catch (reason) {
      setError(errorMessage(reason));
      throw reason;
    }
  }, []);

  const cancel = useCallback(async (jobId: string) => {
    try {
      await api.invoke('analysis.cancel', { jobId });
    } catch (reason) {
      setError(errorMessage(reason));
    }
  }, []);

  const dismiss = useCallback((jobId: string) => {
    setJobs((current) => {
      const job = current.find((candidate) => candidate.jobId === jobId);
      if (job) setRecent((list) => [job, ...list.filter((other) => other.jobId !== jobId)].slice(0, 20));
      return current.filter((candidate) => candidate.jobId !== jobId);
    });
  }, []);

  // A job that finished well is dismissed by itself after a while; a cancel or failure stays until read.
  const finished = jobs.filter((job) => job.state === 'done').map((job) => job.jobId).join(',');
  useEffect(() => {
    if (!finished) return;
    const timers = finished.split(',').map((jobId) => window.setTimeout(() => dismiss(jobId), FINISHED_NOTICE_MS));
    return () => timers.forEach((timer) => window.clearTimeout(timer));
  }, [finished, dismiss]);

  return { jobs, error, start, cancel, dismiss, recent };
}
