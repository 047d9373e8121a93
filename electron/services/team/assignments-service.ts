/**
 * Which calls a lead gave which reviewer. The foundation of "my calls": stored and queried here;
 * no contract method or UI uses it yet (see docs/team-server.md).
 */
import type { Kysely } from 'kysely';
import type { TeamDatabase } from '../../db/team-schema';
import { EmoqaError } from '../../shared/errors';

export class AssignmentsService {
  constructor(private readonly db: Kysely<TeamDatabase>) {}

  /** Assigns every call to the reviewer (again: a no-op); all or none. */
  async assign(recordingIds: readonly string[], reviewer: string, lead: string): Promise<number> {
    if (recordingIds.length === 0) return 0;
    const known = await this.db.selectFrom('team_users').select('name').where('name', 'in', [reviewer, lead]).execute();
    if (!known.some((u) => u.name === reviewer)) throw new EmoqaError('NOT_FOUND', `no user named ${reviewer}`);
    const at = new Date().toISOString();
    const rows = [...new Set(recordingIds)].map((id) => ({ recording_id: id, reviewer_name: reviewer, assigned_by: lead, assigned_at: at }));
    const result = await this.db
      .insertInto('team_assignments')
      .values(rows)
      .onConflict((c) => c.columns(['recording_id', 'reviewer_name']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  async unassign(recordingIds: readonly string[], reviewer: string): Promise<number> {
    if (recordingIds.length === 0) return 0;
    const result = await this.db
      .deleteFrom('team_assignments')
      .where('reviewer_name', '=', reviewer)
      .where('recording_id', 'in', [...recordingIds])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
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
}
