import type { Migration } from '../migration-types';

/**
 * What the reviewer's day counts apart. Jobs remember how many of their files were already
 * analysed (a re-import finds nothing to do and says so). And a reviewer who presses the model's own label confirms it; that is agreement, not a correction,
 * and the library, the report and the Models page count the two apart. `kind` records which a
 * label is. Labels already stored are classified by the rule the labels service applies from now
 * on (it names a prediction, has its emotion and its bounds within 10 ms); a migration is a frozen
 * snapshot, so the rule is spelled out here rather than imported.
 */
export const migration0090: Migration = {
  version: 90,
  name: 'review-counts',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN files_already INTEGER NOT NULL DEFAULT 0 CHECK (files_already >= 0);
      ALTER TABLE labels ADD COLUMN kind TEXT NOT NULL DEFAULT 'correction' CHECK (kind IN ('correction', 'agreement'));
      UPDATE labels SET kind = 'agreement'
       WHERE replaces_region_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM model_regions m
                      WHERE m.id = labels.replaces_region_id AND m.emotion = labels.emotion
                        AND abs(m.start_s - labels.start_s) < 0.01 AND abs(m.end_s - labels.end_s) < 0.01);
    `);
  },
};
