import type { JobProgress } from '../../../../electron/shared/domain';
import { countOf } from '../../ui/format';

/**
 * What a job did, in words: calls analysed out of those that needed it, and apart from them the
 * calls that were already analysed ("1 of 1 files" for a re-import said nothing useful).
 */
export function jobCountText(job: JobProgress): string {
  const already = job.alreadyAnalysed ?? 0;
  const total = job.filesTotal - already;
  const done = job.filesDone - already;
  const alreadyText = already > 0 ? `${countOf(already, 'call')} already analysed` : '';
  if (job.state !== 'running' && total <= 0 && already > 0) return `Nothing new: ${alreadyText}`;
  if (job.filesTotal === 0) return job.state === 'running' ? 'Looking for calls…' : 'No calls found';
  const main = `${done} of ${countOf(total, 'call')}`;
  return alreadyText ? `${main} · ${alreadyText}` : main;
}
