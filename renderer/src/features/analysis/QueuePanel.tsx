import { useEffect, useState } from 'react';
import type { QueueStatus } from '../../../../electron/shared/queue-status';
import { api, errorMessage } from '../../api';
import { formatEta } from '../../ui/format';

const IDLE_POLL_MS = 5000;
// While files wait or run, often enough to see each one start and finish.
const BUSY_POLL_MS = 1500;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Team mode: the shared analysis queue (`emoqa worker` processes), polled every few seconds
 * (more often while files wait or run).
 * Hidden when the server has no queue or nothing is queued, running or failed.
 */
export function QueuePanel({ refresh = 0, notice = null }: { refresh?: number; notice?: string | null } = {}) {
  const [status, setStatus] = useState<QueueStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      let busy = false;
      try {
        const next = await api.invoke('queue.status', {});
        if (stopped) return;
        setStatus(next);
        setError(null);
        busy = next !== null && next.counts.queued + next.counts.active > 0;
      } catch (failure) {
        if (!stopped) setError(errorMessage(failure));
      }
      if (!stopped) timer = setTimeout(() => void poll(), busy ? BUSY_POLL_MS : IDLE_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // A new `refresh` (files just queued) asks at once rather than at the next tick.
  }, [refresh]);

  if (error) return <p role="alert" className="error">Analysis queue: {error}</p>;
  const { queued, active, completed, failed } = status?.counts ?? { queued: 0, active: 0, completed: 0, failed: 0 };
  if (!status || (queued + active + failed === 0 && status.workers.length === 0)) return notice ? <p className="muted" role="status">{notice}</p> : null;
  return (
    <section className="jobs queue" aria-label="Analysis queue">
      <div className="job-line">
        <strong>Analysis queue</strong>
        <span data-testid="queue-counts">
          {queued} queued · {active} analysing · {completed} done · {failed} failed
          {queued + active > 0 && ` · ${formatEta(status.etaS)}`}
        </span>
        {notice && <span className="muted" role="status">{notice}</span>}
      </div>
      <ul className="muted">
        {status.workers.map((w) => (
          <li key={w.id} data-testid="queue-worker">
            {w.alive ? '' : 'lost · '}
            {w.host}:{w.pid} — {w.current.length ? w.current.map((c) => `${fileName(c.file)} since ${new Date(c.since).toLocaleTimeString()}`).join(', ') : 'idle'}
            {` · ${w.done} done${w.failed ? `, ${w.failed} failed` : ''}`}
          </li>
        ))}
        {status.recentFailures.slice(0, 3).map((f) => (
          <li key={`${f.file}-${f.at}`} className="error">{f.error}</li>
        ))}
      </ul>
    </section>
  );
}
