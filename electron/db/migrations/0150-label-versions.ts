import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { notNullDefault } from './schema-kit';

/**
 * A label counts its changes: an update or delete names the version it was made from, and one
 * made from an older version is refused (CONFLICT) instead of silently overwriting another
 * reviewer's edit. Labels already there start at 1.
 */
export const migration0150: Migration = {
  version: 150,
  name: 'label-versions',
  statements(context) {
    return [context.db.schema.alterTable('labels').addColumn('version', 'integer', (c) => notNullDefault(1)(c).check(sql`version >= 1`))];
  },
};
