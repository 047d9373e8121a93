/**
 * Which calls a lead gave which reviewer: what a reviewer's "My calls" shows. Served by the
 * `assignments.*` methods of the team server (team-handlers.ts).
 */
import type { Kysely } from 'kysely';
import type { TeamDatabase } from '../../db/team-schema';
import type { Assignment } from '../../shared/team';
import { EmoqaError } from '../../shared/errors';
import { idChunks } from '../../db/id-chunks';

export class AssignmentsService {
  constructor(private readonly db: Kysely<TeamDatabase>) {}

  /** Assigns every call to the reviewer (again: a no-op); all or none, in chunks under both databases' bound-parameter limits. */
  async assign(recordingIds: readonly string[], reviewer: string, lead: string): Promise<number> {
    if (recordingIds.length === 0) return 0;
    const account = await this.db.selectFrom('team_users').select('disabled_at').where('name', '=', reviewer).executeTakeFirst();
    if (!account) throw new EmoqaError('NOT_FOUND', `no user named ${reviewer}`);
    if (account.disabled_at !== null) throw new EmoqaError('INVALID_ARGUMENT', `${reviewer}'s account is disabled`);
    const at = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      let inserted = 0;
      for (const ids of idChunks([...new Set(recordingIds)])) {
        const result = await trx
          .insertInto('team_assignments')
          .values(ids.map((id) => ({ recording_id: id, reviewer_name: reviewer, assigned_by: lead, assigned_at: at })))
          .onConflict((c) => c.columns(['recording_id', 'reviewer_name']).doNothing())
          .executeTakeFirst();
        inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      return inserted;
    });
  }

  async unassign(recordingIds: readonly string[], reviewer: string): Promise<number> {
    if (recordingIds.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      let deleted = 0;
      for (const ids of idChunks([...new Set(recordingIds)])) {
        const result = await trx.deleteFrom('team_assignments').where('reviewer_name', '=', reviewer).where('recording_id', 'in', ids).executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      return deleted;
    });
  }

  /** The reviewer's calls, oldest assignment first. */
  async callsOf(reviewer: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('team_assignments')
      .select('recording_id')
      .where('reviewer_name', '=', reviewer)
      .orderBy('assigned_at')
      .orderBy('recording_id')
      .execute();
    return rows.map((r) => r.recording_id);
  }

  /** Every assignment (or one reviewer's), by reviewer, then oldest first. */
  async list(reviewer?: string): Promise<Assignment[]> {
    let query = this.db.selectFrom('team_assignments').selectAll();
    if (reviewer !== undefined) query = query.where('reviewer_name', '=', reviewer);
    const rows = await query.orderBy('reviewer_name').orderBy('assigned_at').orderBy('recording_id').execute();
    return rows.map((r) => ({ recordingId: r.recording_id, reviewer: r.reviewer_name, assignedBy: r.assigned_by, assignedAt: r.assigned_at }));
  }
}
