import { useCallback, useEffect, useRef, useState } from 'react';
import type { HandlerInput, ModelVersionInfo, RetrainStatus } from '../../../../electron/shared/contract';
import { api, errorMessage } from '../../api';
import { useApiEvent } from '../../api/use-api-event';
import { FINAL_STAGES } from './model-metrics';

export type RetrainOptions = HandlerInput<'models.retrain'>;

export interface ModelsState {
  versions: ModelVersionInfo[];
  status: RetrainStatus | null;
  loading: boolean;
  error: string | null;
  /** What the last activate/rollback did, for the page's live region. */
  notice: string | null;
  retrain: (options: RetrainOptions) => Promise<void>;
  cancel: () => Promise<void>;
  activate: (version: string, reanalyse: boolean) => Promise<void>;
  rollback: (reanalyse: boolean) => Promise<void>;
}

const IDLE: RetrainStatus = {
  readiness: { ready: false, calls: 0, labels: 0, windows: 0, classes: {}, needs: [], plan: '' },
  running: false, stage: null, done: 0, total: 0, etaS: null, last: null,
};

function switched(version: string, reanalysisJobId: string | null, reanalyse: boolean): string {
  if (reanalysisJobId) return `${version} is now active. Re-analysing the library with it; your corrections are kept.`;
  return reanalyse ? `${version} is now active. Every call was already analysed with it.` : `${version} is now active. Calls keep their current predictions until they are analysed again.`;
}

/** Versions and retraining state: fetched on mount, then live from `models.progress`. */
export function useModels(): ModelsState {
  const [versions, setVersions] = useState<ModelVersionInfo[]>([]);
  const [status, setStatus] = useState<RetrainStatus | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const live = useRef(true);

  const refresh = useCallback(async () => {
    try {
      const [list, current] = await Promise.all([api.invoke('models.list', {}), api.invoke('models.retrainStatus', {})]);
      if (!live.current) return;
      setVersions(list);
      setStatus(current);
    } catch (reason) {
      if (live.current) setError(errorMessage(reason));
    } finally {
      if (live.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    live.current = true;
    void refresh();
    return () => {
      live.current = false;
    };
  }, [refresh]);

  useApiEvent('models.progress', (stage, done, total, etaS) => {
    const final = FINAL_STAGES.has(stage);
    // A new run supersedes the last outcome; the finished one is fetched below.
    setStatus((current) => ({ ...(current ?? IDLE), running: !final, stage, done, total, etaS, last: stage === 'starting' || final ? null : (current?.last ?? null) }));
    // The outcome and any new version are only in the store once the run has ended.
    if (final) void refresh();
  });

  const guarded = useCallback(async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (reason) {
      setError(errorMessage(reason));
    }
  }, []);

  const retrain = useCallback((options: RetrainOptions) => guarded(async () => {
    setNotice(null);
    setStatus((current) => ({ ...(current ?? IDLE), running: true, stage: 'starting', done: 0, total: 1, etaS: null, last: null }));
    try {
      await api.invoke('models.retrain', options);
    } catch (reason) {
      setStatus((current) => (current ? { ...current, running: false, stage: null } : current));
      throw reason;
    }
  }), [guarded]);

  const cancel = useCallback(() => guarded(async () => {
    await api.invoke('models.cancelRetrain', {});
  }), [guarded]);

  const activate = useCallback((version: string, reanalyse: boolean) => guarded(async () => {
    const result = await api.invoke('models.activate', { version, reanalyse });
    setNotice(switched(result.version, result.reanalysisJobId, reanalyse));
    await refresh();
  }), [guarded, refresh]);

  const rollback = useCallback((reanalyse: boolean) => guarded(async () => {
    const result = await api.invoke('models.rollback', { reanalyse });
    setNotice(`Rolled back. ${switched(result.version, result.reanalysisJobId, reanalyse)}`);
    await refresh();
  }), [guarded, refresh]);

  return { versions, status, loading, error, notice, retrain, cancel, activate, rollback };
}
