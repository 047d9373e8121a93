import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { realType, strict, UNNAMED } from './schema-kit';

/**
 * The library's own class priors (EM over its analysed calls, no labels): one row per model
 * version and party role, with the weights the decision rule uses in place of the model's own.
 * No row: the model's shipped weights. A party remembers the weights it was decided with
 * (NULL: the model's own), so a later estimate can undo them before it re-estimates.
 */
export const migration0120: Migration = {
  version: 120,
  name: 'class-priors',
  statements(context) {
    const { db } = context;
    return [
      strict(
        context,
        db.schema
          .createTable('class_priors')
          .addColumn('model_version', 'text', (c) => c.notNull().references('model_versions.version').onDelete('cascade'))
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('agent', 'customer', 'speaker')`))
          .addColumn('priors', 'text', (c) => c.notNull())
          .addColumn('weights', 'text', (c) => c.notNull())
          .addColumn('calls', 'integer', (c) => c.notNull().check(sql`calls >= 0`))
          .addColumn('seconds', realType(context), (c) => c.notNull().check(sql`seconds >= 0`))
          .addColumn('estimated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(UNNAMED, ['model_version', 'role']),
      ),
      db.schema.alterTable('parties').addColumn('class_weights', 'text'),
    ];
  },
};
