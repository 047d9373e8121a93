import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { realType, rowId, strict, UNNAMED } from './schema-kit';

/**
 * Who took a call and when (agent, team, started_at: from a metadata CSV or the folder layout), a
 * reviewer's note on the call, and the cached conversation measures (JSON, recomputed in the same
 * transaction as any change to regions or labels, like parties.emotion_seconds). Region notes are
 * anchored to a channel and a time span, not to a prediction id, so they survive a re-analysis.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'call-metadata-notes',
  statements(context) {
    const { db } = context;
    const real = realType(context);
    return [
      ...['agent', 'team', 'started_at', 'note', 'measures'].map((column) => db.schema.alterTable('recordings').addColumn(column, 'text')),
      db.schema.createIndex('recordings_agent').on('recordings').column('agent').where(sql<boolean>`agent IS NOT NULL`),
      strict(
        context,
        db.schema
          .createTable('region_notes')
          .addColumn('id', 'integer', rowId(context))
          .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
          .addColumn('channel', 'integer', (c) => c.notNull().check(sql`channel >= 0`))
          .addColumn('start_s', real, (c) => c.notNull())
          .addColumn('end_s', real, (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull().check(sql`length(text) > 0`))
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addCheckConstraint(UNNAMED, sql`end_s > start_s`)
          .addUniqueConstraint(UNNAMED, ['recording_id', 'channel', 'start_s', 'end_s']),
      ),
    ];
  },
};
