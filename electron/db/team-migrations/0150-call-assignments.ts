import type { Kysely } from 'kysely';
import type { TeamMigration } from './team-migration';

/** Which reviewer a lead gave which call ("my calls"); one call may go to several reviewers. */
export const migration0150: TeamMigration = {
  version: 150,
  name: 'call-assignments',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('team_assignments')
      .addColumn('recording_id', 'text', (c) => c.notNull())
      .addColumn('reviewer_name', 'text', (c) => c.notNull().references('team_users.name').onDelete('cascade'))
      .addColumn('assigned_by', 'text', (c) => c.notNull().references('team_users.name'))
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_assignments_pk', ['recording_id', 'reviewer_name'])
      .execute();
    await db.schema.createIndex('team_assignments_reviewer').on('team_assignments').column('reviewer_name').execute();
  },
};
