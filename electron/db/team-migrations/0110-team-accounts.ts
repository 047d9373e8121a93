import { sql, type Kysely } from 'kysely';
import type { TeamMigration } from './team-migration';

/**
 * Accounts, their sessions, and which reviewer a lead gave which call ("my calls"; one call may go
 * to several reviewers): written once with the schema builder, run on SQLite and PostgreSQL.
 */
export const migration0110: TeamMigration = {
  version: 110,
  name: 'team-accounts',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('team_users')
      .addColumn('name', 'text', (c) => c.primaryKey())
      // The roles as they were when this step shipped: a new role is a new migration.
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('reviewer', 'lead', 'admin')`))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();
    await db.schema
      .createTable('team_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_name', 'text', (c) => c.notNull().references('team_users.name').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('team_sessions_user').on('team_sessions').column('user_name').execute();
    await db.schema
      .createTable('team_assignments')
      // A recording of the library (in the SQLite file this release, so no foreign key across databases).
      .addColumn('recording_id', 'text', (c) => c.notNull())
      .addColumn('reviewer_name', 'text', (c) => c.notNull().references('team_users.name').onDelete('cascade'))
      .addColumn('assigned_by', 'text', (c) => c.notNull().references('team_users.name'))
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_assignments_pk', ['recording_id', 'reviewer_name'])
      .execute();
    await db.schema.createIndex('team_assignments_reviewer').on('team_assignments').column('reviewer_name').execute();
  },
};
