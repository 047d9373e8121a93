import type { JobProgress, RecordingSummary } from '../../../../electron/shared/domain';
import { formatDuration, formatEta } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { jobCountText } from './job-text';

interface JobPanelProps {
  jobs: JobProgress[];
  recordings: RecordingSummary[];
  error: string | null;
  onCancel: (jobId: string) => void;
  onDismiss: (jobId: string) => void;
  recent: JobProgress[];
}

const STATE_TEXT: Record<JobProgress['state'], string> = { running: 'Analysing', done: 'Analysis finished', cancelled: 'Analysis cancelled', failed: 'Analysis failed' };

function overall(job: JobProgress): number | null {
  if (job.audioSecondsTotal > 0) return job.audioSecondsDone / job.audioSecondsTotal;
  if (job.filesTotal > 0) return job.filesDone / job.filesTotal;
  return null;
}

/** Overall and current-file progress of each analysis job, with its ETA and a cancel button. */
export function JobPanel({ jobs, recordings, error, onCancel, onDismiss, recent }: JobPanelProps) {
  if (jobs.length === 0 && !error) return recent.length ? <RecentJobs recent={recent} /> : null;
  return (
    <section className="jobs" aria-label="Analysis progress">
      {error && <p role="alert" className="error">{error}</p>}
      {jobs.map((job) => {
        const current = job.currentFile ? recordings.find((row) => row.path === job.currentFile || row.fileName === job.currentFile) : undefined;
        const running = job.state === 'running';
        return (
          <div key={job.jobId} className="job">
            <div className="job-line">
              <strong>{STATE_TEXT[job.state]}</strong>
              <span>
                <span data-testid="job-count">{jobCountText(job)}</span>
                {running && ` · ${formatEta(job.etaS)}`}
              </span>
              {running ? (
                <button type="button" onClick={() => onCancel(job.jobId)}>
                  Cancel analysis
                </button>
              ) : (
                <button type="button" onClick={() => onDismiss(job.jobId)}>
                  Dismiss
                </button>
              )}
            </div>
            <ProgressBar label="Overall analysis progress" value={running ? overall(job) : 1} detail={jobCountText(job)} />
            {running && job.currentFile && (
              <div className="job-file">
                <span className="muted">Now: {job.currentFile.split(/[\\/]/).pop()}</span>
                <ProgressBar label="Current file progress" value={current?.progress ?? null} />
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** Finished analyses, newest first, folded away: the notices go but the record stays. */
function RecentJobs({ recent }: { recent: JobProgress[] }) {
  return (
    <details className="recent-jobs">
      <summary>Recent analyses ({recent.length})</summary>
      <ul>
        {recent.map((job) => (
          <li key={job.jobId}>
            <strong>{STATE_TEXT[job.state]}</strong> · {jobCountText(job)}
            {job.audioSecondsDone > 0 && <span className="muted"> · {formatDuration(job.audioSecondsDone)} of audio</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
