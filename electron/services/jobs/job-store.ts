import type { Database } from '../../db/database';
import { nowIso } from '../../db/database';
import type { JobProgress, PartyRole } from '../../shared/domain';
import type { ErrorPayload } from '../../shared/errors';

export type FileOutcomeKind = 'pending' | 'done' | 'skipped' | 'error' | 'cancelled';

interface JobRow {
  id: string;
  state: JobProgress['state'];
  files_total: number;
  files_already: number;
  files_done: number;
  audio_seconds_total: number;
  audio_seconds_done: number;
}

/** The jobs and job_files tables: a durable record of what each analysis run was asked and did. */
export class JobStore {
  /**
   * `owner`: this process's id; `leaseMs`: how long a job stays ours without a renewal (a process
   * that dies stops renewing, and another may then resume its job).
   */
  constructor(
    private readonly db: Database,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  create(id: string, paths: readonly string[], roles: [PartyRole, PartyRole] | null): void {
    this.db
      .prepare(`INSERT INTO jobs (id, state, created_at, paths, roles, owner, lease_until) VALUES (?, 'running', ?, ?, ?, ?, ?)`)
      .run(id, nowIso(), JSON.stringify(paths), JSON.stringify(roles), this.owner, Date.now() + this.leaseMs);
  }

  /** The heartbeat: extends the lease of every job this process is running. */
  renewLeases(): void {
    this.db.prepare(`UPDATE jobs SET lease_until = ? WHERE owner = ? AND state = 'running'`).run(Date.now() + this.leaseMs, this.owner);
  }

  /** Recordings that a live job of another process has taken on (its pending files). */
  heldByOthers(): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT f.recording_id AS id FROM job_files f JOIN jobs j ON j.id = f.job_id
         WHERE j.state = 'running' AND j.owner IS NOT ? AND j.lease_until >= ? AND f.outcome = 'pending' AND f.recording_id IS NOT NULL`,
      )
      .all(this.owner, Date.now()) as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  save(progress: JobProgress, filesFailed: number): void {
    const finished = progress.state === 'running' ? null : nowIso();
    this.db
      .prepare(
        `UPDATE jobs SET state = ?, files_total = ?, files_done = ?, files_failed = ?, files_already = ?, audio_seconds_total = ?,
           audio_seconds_done = ?, finished_at = coalesce(finished_at, ?) WHERE id = ?`,
      )
      .run(progress.state, progress.filesTotal, progress.filesDone, filesFailed, progress.alreadyAnalysed, progress.audioSecondsTotal, progress.audioSecondsDone, finished, progress.jobId);
  }

  file(jobId: string, path: string, recordingId: string | null, outcome: FileOutcomeKind, error: ErrorPayload | null = null): void {
    this.db
      .prepare(
        `INSERT INTO job_files (job_id, path, recording_id, outcome, error_code, error_message) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(job_id, path) DO UPDATE SET recording_id = excluded.recording_id, outcome = excluded.outcome,
           error_code = excluded.error_code, error_message = excluded.error_message`,
      )
      .run(jobId, path, recordingId, outcome, error?.code ?? null, error?.message ?? null);
  }

  /**
   * Jobs a dead process left `running` can never finish: mark them failed (their files are
   * re-queued). Only those whose lease ran out: a job another live process renews is its own.
   */
  failOrphans(except: ReadonlySet<string>): number {
    const rows = this.db
      .prepare(`SELECT id FROM jobs WHERE state = 'running' AND (owner IS NULL OR lease_until IS NULL OR lease_until < ?)`)
      .all(Date.now()) as Array<{ id: string }>;
    const orphans = rows.filter((row) => !except.has(row.id));
    const mark = this.db.prepare(`UPDATE jobs SET state = 'failed', finished_at = ? WHERE id = ?`);
    for (const row of orphans) mark.run(nowIso(), row.id);
    return orphans.length;
  }

  recent(limit: number): JobProgress[] {
    const rows = this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').all(limit) as JobRow[];
    return rows.map((row) => ({
      jobId: row.id,
      filesDone: row.files_done,
      filesTotal: row.files_total,
      audioSecondsDone: row.audio_seconds_done,
      audioSecondsTotal: row.audio_seconds_total,
      etaS: null,
      currentFile: null,
      state: row.state,
      alreadyAnalysed: row.files_already,
      analysing: {},
    }));
  }
}
