import { sql } from 'kysely';
import type { MigrationContext, Statement } from '../migration-types';
import { notNullDefault, realType, rowId, strict, UNNAMED } from './schema-kit';

/**
 * The labels table as step 0030 created it and step 0050 rebuilt it on SQLite (which cannot alter
 * a CHECK): the same columns, only the sources allowed differ. Frozen with those two steps; a later
 * change to labels is a new step, never an edit here.
 */
export function labelsTable(context: MigrationContext, name: string, sources: readonly string[]): Statement {
  const real = realType(context);
  const allowed = sql.join(sources.map((source) => sql.lit(source)));
  return strict(
    context,
    context.db.schema
      .createTable(name)
      .addColumn('id', 'integer', rowId(context))
      .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
      .addColumn('channel', 'integer', (c) => c.notNull().check(sql`channel >= 0`))
      .addColumn('start_s', real, (c) => c.notNull())
      .addColumn('end_s', real, (c) => c.notNull())
      .addColumn('emotion', 'text', (c) => c.notNull())
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => notNullDefault('ui')(c).check(sql`source IN (${allowed})`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('replaces_region_id', 'integer', (c) => c.references('model_regions.id').onDelete('set null'))
      .addColumn('deleted', 'integer', (c) => notNullDefault(0)(c).check(sql`deleted IN (0, 1)`))
      .addColumn('deleted_at', 'text')
      .addColumn('deleted_by', 'text')
      .addCheckConstraint(UNNAMED, sql`end_s > start_s`),
  );
}
