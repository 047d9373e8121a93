import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { notNullDefault, realType, strict, UNNAMED } from './schema-kit';

/**
 * Analysis jobs (what was asked, how far it got, what became of each file) and the key/value
 * settings. A job left `running` by a dead process is marked failed on the next start; its
 * recordings are re-queued from their own status.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'jobs-settings',
  statements(context) {
    const { db } = context;
    const real = realType(context);
    return [
      strict(
        context,
        db.schema
          .createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('running', 'done', 'cancelled', 'failed')`))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('paths', 'text', (c) => c.notNull())
          .addColumn('roles', 'text', (c) => c.notNull())
          .addColumn('files_total', 'integer', notNullDefault(0))
          .addColumn('files_done', 'integer', notNullDefault(0))
          .addColumn('files_failed', 'integer', notNullDefault(0))
          .addColumn('audio_seconds_total', real, notNullDefault(0))
          .addColumn('audio_seconds_done', real, notNullDefault(0)),
      ),
      strict(
        context,
        db.schema
          .createTable('job_files')
          .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('recording_id', 'text')
          .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('pending', 'done', 'skipped', 'error', 'cancelled')`))
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addPrimaryKeyConstraint(UNNAMED, ['job_id', 'path']),
      ),
      strict(context, db.schema.createTable('settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull())),
    ];
  },
};
