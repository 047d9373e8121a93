import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { bytesType, notNullDefault, realType, rowId, strict, UNNAMED } from './schema-kit';

/**
 * What the model produced for a recording: its parties (one per analysed channel), its emotion
 * regions and the waveform peaks. All three are replaced together, in one transaction, when a
 * recording is (re)analysed. `parties.emotion_seconds` caches each party's seconds per emotion with
 * corrections applied, so the library list is one aggregate query.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'analysis-results',
  statements(context) {
    const { db } = context;
    const real = realType(context);
    return [
      strict(
        context,
        db.schema
          .createTable('model_versions')
          .addColumn('version', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => notNullDefault(0)(c).check(sql`active IN (0, 1)`))
          .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('shipped', 'retrained')`))
          .addColumn('metrics', 'text', notNullDefault('{}'))
          .addColumn('confusion', 'text')
          .addColumn('notes', 'text'),
      ),
      db.schema.createIndex('model_versions_one_active').unique().on('model_versions').column('active').where(sql<boolean>`active = 1`),
      strict(
        context,
        db.schema
          .createTable('parties')
          .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
          .addColumn('channel', 'integer', (c) => c.notNull().check(sql`channel >= 0`))
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('agent', 'customer', 'speaker')`))
          .addColumn('talk_time_s', real, (c) => c.notNull())
          .addColumn('emotion_seconds', 'text', notNullDefault('{}'))
          .addPrimaryKeyConstraint(UNNAMED, ['recording_id', 'channel']),
      ),
      strict(
        context,
        db.schema
          .createTable('model_regions')
          .addColumn('id', 'integer', rowId(context))
          .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
          .addColumn('channel', 'integer', (c) => c.notNull().check(sql`channel >= 0`))
          .addColumn('start_s', real, (c) => c.notNull())
          .addColumn('end_s', real, (c) => c.notNull())
          .addColumn('emotion', 'text', (c) => c.notNull())
          .addColumn('confidence', real, (c) => c.notNull())
          .addColumn('probabilities', 'text', (c) => c.notNull())
          .addColumn('model_version', 'text', (c) => c.notNull().references('model_versions.version'))
          .addCheckConstraint(UNNAMED, sql`end_s > start_s`),
      ),
      db.schema.createIndex('model_regions_recording').on('model_regions').columns(['recording_id', 'channel', 'start_s']),
      strict(
        context,
        db.schema
          .createTable('peaks')
          .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
          .addColumn('level', 'integer', (c) => c.notNull())
          .addColumn('channel', 'integer', (c) => c.notNull())
          .addColumn('samples_per_peak', 'integer', (c) => c.notNull().check(sql`samples_per_peak > 0`))
          .addColumn('sample_rate', 'integer', (c) => c.notNull())
          .addColumn('data', bytesType(context), (c) => c.notNull())
          .addPrimaryKeyConstraint(UNNAMED, ['recording_id', 'level', 'channel']),
      ),
    ];
  },
};
