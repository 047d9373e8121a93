import type { JobProgress, RecordingSummary } from '../../../../electron/shared/domain';
import { formatEta } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';

interface JobPanelProps {
  jobs: JobProgress[];
  recordings: RecordingSummary[];
  error: string | null;
  onCancel: (jobId: string) => void;
  onDismiss: (jobId: string) => void;
}

const STATE_TEXT: Record<JobProgress['state'], string> = { running: 'Analysing', done: 'Analysis finished', cancelled: 'Analysis cancelled', failed: 'Analysis failed' };

function overall(job: JobProgress): number | null {
  if (job.audioSecondsTotal > 0) return job.audioSecondsDone / job.audioSecondsTotal;
  if (job.filesTotal > 0) return job.filesDone / job.filesTotal;
  return null;
}

/** Overall and current-file progress of each analysis job, with its ETA and a cancel button. */
export function JobPanel({ jobs, recordings, error, onCancel, onDismiss }: JobPanelProps) {
  if (jobs.length === 0 && !error) return null;
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
                {job.filesDone} of {job.filesTotal || '…'} files
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
            <ProgressBar label="Overall analysis progress" value={running ? overall(job) : 1} detail={`${job.filesDone} of ${job.filesTotal} files`} />
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
