import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { labelsTable } from './labels-table';
import { rowId, strict } from './schema-kit';

/**
 * Human work, kept apart from the model's: labels never overwrite a prediction (they may name the
 * one they replace), are soft-deleted, and every change lands in `audit_log` (who, when, before,
 * after). The audit log has no foreign key so it outlives what it describes.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'labels-review',
  statements(context) {
    const { db } = context;
    return [
      labelsTable(context, 'labels', ['ui', 'audacity']),
      db.schema.createIndex('labels_recording').on('labels').columns(['recording_id', 'channel', 'start_s']),
      strict(
        context,
        db.schema
          .createTable('reviews')
          .addColumn('recording_id', 'text', (c) => c.primaryKey().references('recordings.id').onDelete('cascade'))
          .addColumn('reviewed', 'integer', (c) => c.notNull().check(sql`reviewed IN (0, 1)`))
          .addColumn('reviewer', 'text')
          .addColumn('reviewed_at', 'text', (c) => c.notNull()),
      ),
      strict(
        context,
        db.schema
          .createTable('audit_log')
          .addColumn('id', 'integer', rowId(context))
          .addColumn('recording_id', 'text', (c) => c.notNull())
          .addColumn('entity', 'text', (c) => c.notNull().check(sql`entity IN ('label', 'review')`))
          .addColumn('entity_id', 'integer')
          .addColumn('action', 'text', (c) => c.notNull().check(sql`action IN ('create', 'update', 'delete', 'import', 'review', 'unreview')`))
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('before', 'text')
          .addColumn('after', 'text'),
      ),
      db.schema.createIndex('audit_log_recording').on('audit_log').columns(['recording_id', 'id']),
    ];
  },
};
