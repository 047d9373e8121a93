import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { labelsTable } from './labels-table';
import { raw } from './schema-kit';

/**
 * Retraining from corrections: model versions remember when they were last activated (so a
 * rollback knows where to go) and, for retrained ones, the report that judged them. Labels may now
 * also come from a CSV import; SQLite cannot alter a CHECK, so `labels` is rebuilt as it was,
 * with `csv` added to its sources, every row and id kept.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'model-registry',
  statements(context) {
    const { db } = context;
    const columns = sql.raw(
      'id, recording_id, channel, start_s, end_s, emotion, reviewer, source, created_at, updated_at, replaces_region_id, deleted, deleted_at, deleted_by',
    );
    const sources = ['ui', 'audacity', 'csv'] as const;
    const registry = [
      db.schema.alterTable('model_versions').addColumn('activated_at', 'text'),
      db.schema.alterTable('model_versions').addColumn('report', 'text'),
      raw(context, sql`UPDATE model_versions SET activated_at = created_at WHERE active = 1`),
    ];
    if (context.dialect === 'postgres') {
      // PostgreSQL alters a CHECK in place (it named the column's own `labels_source_check`).
      return [
        ...registry,
        db.schema.alterTable('labels').dropConstraint('labels_source_check'),
        db.schema.alterTable('labels').addCheckConstraint('labels_source_check', sql`source IN (${sql.join(sources.map((s) => sql.lit(s)))})`),
      ];
    }
    return [
      ...registry,
      labelsTable(context, 'labels_next', sources),
      raw(context, sql`INSERT INTO labels_next (${columns}) SELECT ${columns} FROM labels`),
      db.schema.dropTable('labels'),
      db.schema.alterTable('labels_next').renameTo('labels'),
      db.schema.createIndex('labels_recording').on('labels').columns(['recording_id', 'channel', 'start_s']),
    ];
  },
};
