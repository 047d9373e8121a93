import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { notNullDefault, realType, strict, UNNAMED } from './schema-kit';

/**
 * Recordings, identified by the sha256 of their content so a renamed or moved call stays the same
 * call. A path that failed before it could be read (empty, unreadable, not audio) still gets a row,
 * keyed by its path (`content_hash` NULL), so every file's error is visible in the library.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'recordings',
  statements(context) {
    const { db } = context;
    const real = realType(context);
    return [
      strict(
        context,
        db.schema
          .createTable('recordings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('content_hash', 'text', (c) => c.unique())
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('file_name', 'text', (c) => c.notNull())
          .addColumn('size_bytes', 'integer', notNullDefault(0))
          .addColumn('duration_s', real)
          .addColumn('format', 'text')
          .addColumn('codec', 'text')
          .addColumn('sample_rate', 'integer')
          .addColumn('channels', 'integer')
          .addColumn('roles', 'text')
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('queued', 'analysing', 'done', 'error')`))
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addColumn('imported_at', 'text', (c) => c.notNull())
          .addColumn('analysed_at', 'text')
          .addColumn('model_version', 'text')
          .addColumn('downmixed', 'integer', (c) => notNullDefault(0)(c).check(sql`downmixed IN (0, 1)`))
          .addColumn('superseded_by', 'text', (c) => c.references('recordings.id').onDelete('set null'))
          .addCheckConstraint(UNNAMED, sql`(status = 'error') = (error_code IS NOT NULL)`),
      ),
      db.schema.createIndex('recordings_path').on('recordings').column('path'),
      db.schema.createIndex('recordings_status').on('recordings').column('status').where(sql<boolean>`status IN ('queued', 'analysing')`),
    ];
  },
};
