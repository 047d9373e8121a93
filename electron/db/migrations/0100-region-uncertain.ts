import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { notNullDefault } from './schema-kit';

/**
 * A model region remembers whether its confidence was below the model's calibrated threshold:
 * such a region is shown as uncertain rather than as its emotion. Older regions were never judged so: 0.
 */
export const migration0100: Migration = {
  version: 100,
  name: 'region-uncertain',
  statements(context) {
    return [context.db.schema.alterTable('model_regions').addColumn('uncertain', 'integer', (c) => notNullDefault(0)(c).check(sql`uncertain IN (0, 1)`))];
  },
};
