import { nowIso } from '../../db/database';
import type { LibraryDb } from '../../db/library-database';
import type { JobProgress, PartyRole } from '../../shared/domain';
import type { ErrorPayload } from '../../shared/errors';

export type FileOutcomeKind = 'pending' | 'done' | 'skipped' | 'error' | 'cancelled';

/** The jobs and job_files tables: a durable record of what each analysis run was asked and did. */
export class JobStore {
  /**
   * `owner`: this process's id; `leaseMs`: how long a job stays ours without a renewal (a process
   * that dies stops renewing, and another may then resume its job).
   */
  constructor(
    private readonly db: LibraryDb,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  async create(id: string, paths: readonly string[], roles: [PartyRole, PartyRole] | null): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({ id, state: 'running', created_at: nowIso(), paths: JSON.stringify(paths), roles: JSON.stringify(roles), owner: this.owner, lease_until: Date.now() + this.leaseMs })
      .execute();
  }

  /** The heartbeat: extends the lease of every job this process is running. */
  async renewLeases(): Promise<void> {
    await this.db.updateTable('jobs').set({ lease_until: Date.now() + this.leaseMs }).where('owner', '=', this.owner).where('state', '=', 'running').execute();
  }

  /** Recordings that a live job of another process has taken on (its pending files). */
  async heldByOthers(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('job_files as f')
      .innerJoin('jobs as j', 'j.id', 'f.job_id')
      .select('f.recording_id as id')
      .distinct()
      .where('j.state', '=', 'running')
      .where((eb) => eb.or([eb('j.owner', 'is', null), eb('j.owner', '<>', this.owner)]))
      .where('j.lease_until', '>=', Date.now())
      .where('f.outcome', '=', 'pending')
      .where('f.recording_id', 'is not', null)
      .execute();
    return new Set(rows.flatMap((r) => (r.id === null ? [] : [r.id])));
  }

  async save(progress: JobProgress, filesFailed: number): Promise<void> {
    const finished = progress.state === 'running' ? null : nowIso();
    await this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: progress.state,
        files_total: progress.filesTotal,
        files_done: progress.filesDone,
        files_failed: filesFailed,
        files_already: progress.alreadyAnalysed,
        audio_seconds_total: progress.audioSecondsTotal,
        audio_seconds_done: progress.audioSecondsDone,
        finished_at: eb.fn.coalesce('finished_at', eb.val(finished)),
      }))
      .where('id', '=', progress.jobId)
      .execute();
  }

  async file(jobId: string, path: string, recordingId: string | null, outcome: FileOutcomeKind, error: ErrorPayload | null = null): Promise<void> {
    await this.db
      .insertInto('job_files')
      .values({ job_id: jobId, path, recording_id: recordingId, outcome, error_code: error?.code ?? null, error_message: error?.message ?? null })
      .onConflict((oc) =>
        oc.columns(['job_id', 'path']).doUpdateSet((eb) => ({
          recording_id: eb.ref('excluded.recording_id'),
          outcome: eb.ref('excluded.outcome'),
          error_code: eb.ref('excluded.error_code'),
          error_message: eb.ref('excluded.error_message'),
        })),
      )
      .execute();
  }

  /**
   * Jobs a dead process left `running` can never finish: mark them failed (their files are
   * re-queued). Only those whose lease ran out: a job another live process renews is its own.
   */
  async failOrphans(except: ReadonlySet<string>): Promise<number> {
    const rows = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('state', '=', 'running')
      .where((eb) => eb.or([eb('owner', 'is', null), eb('lease_until', 'is', null), eb('lease_until', '<', Date.now())]))
      .execute();
    const orphans = rows.filter((row) => !except.has(row.id));
    for (const row of orphans) await this.db.updateTable('jobs').set({ state: 'failed', finished_at: nowIso() }).where('id', '=', row.id).execute();
    return orphans.length;
  }

  async recent(limit: number): Promise<JobProgress[]> {
    const rows = await this.db.selectFrom('jobs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
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
