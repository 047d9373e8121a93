import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { bytesType, strict, UNNAMED } from './schema-kit';

/**
 * What each analysed party's speech windows look like, without keeping the windows: five
 * quantiles per pooled feature (ml/model/channel-stats.ts), so the library's own channel (its
 * median and spread per feature) can be estimated from every call it analysed, with no labels.
 * `kind` names the features the windows were pooled with (feature spec and pooling version): a
 * model reads only summaries of its own input. Replaced whenever the recording is analysed again.
 */
export const migration0180: Migration = {
  version: 180,
  name: 'window-stats',
  statements(context) {
    const { db } = context;
    return [
      strict(
        context,
        db.schema
          .createTable('window_stats')
          .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
          .addColumn('channel', 'integer', (c) => c.notNull().check(sql`channel >= 0`))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('windows', 'integer', (c) => c.notNull().check(sql`windows > 0`))
          .addColumn('dim', 'integer', (c) => c.notNull().check(sql`dim > 0`))
          .addColumn('quantiles', bytesType(context), (c) => c.notNull())
          .addColumn('analysed_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(UNNAMED, ['recording_id', 'channel']),
      ),
      db.schema.createIndex('window_stats_kind').on('window_stats').columns(['kind', 'analysed_at']),
    ];
  },
};
