import { sql } from 'kysely';
import type { Migration } from '../migration-types';
import { notNullDefault, raw } from './schema-kit';

/**
 * What the reviewer's day counts apart. Jobs remember how many of their files were already
 * analysed (a re-import finds nothing to do and says so); model versions keep the confusion
 * matrices of their cross-validation, one per condition (the Models page shows them). And a reviewer who presses the model's own label confirms it; that is agreement, not a correction,
 * and the library, the report and the Models page count the two apart. `kind` records which a
 * label is. Labels already stored are classified by the rule the labels service applies from now
 * on (it names a prediction, has its emotion and its bounds within 10 ms); a migration is a frozen
 * snapshot, so the rule is spelled out here rather than imported.
 */
export const migration0090: Migration = {
  version: 90,
  name: 'review-counts',
  statements(context) {
    const { db } = context;
    return [
      db.schema.alterTable('model_versions').addColumn('cross_validation', 'text'),
      db.schema.alterTable('jobs').addColumn('files_already', 'integer', (c) => notNullDefault(0)(c).check(sql`files_already >= 0`)),
      db.schema.alterTable('labels').addColumn('kind', 'text', (c) => notNullDefault('correction')(c).check(sql`kind IN ('correction', 'agreement')`)),
      raw(
        context,
        sql`UPDATE labels SET kind = 'agreement'
             WHERE replaces_region_id IS NOT NULL
               AND EXISTS (SELECT 1 FROM model_regions m
                            WHERE m.id = labels.replaces_region_id AND m.emotion = labels.emotion
                              AND abs(m.start_s - labels.start_s) < 0.01 AND abs(m.end_s - labels.end_s) < 0.01)`,
      ),
    ];
  },
};
