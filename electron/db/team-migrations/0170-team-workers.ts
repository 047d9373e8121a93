import type { Kysely } from 'kysely';
import type { TeamMigration } from './team-migration';

/**
 * The analysis workers of the queue (`emoqa worker`), one row per process: what each is doing, for
 * `emoqa status` and the UI. The jobs themselves live in pg-boss's own schema; this is only who works.
 */
export const migration0170: TeamMigration = {
  version: 170,
  name: 'team-workers',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('team_workers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('concurrency', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addColumn('stopped_at', 'text')
      // JSON array of {file, since}: the jobs in hand (at most `concurrency`).
      .addColumn('current', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
