import type { Migration } from '../migration-types';

/**
 * A model region remembers whether its confidence was below the model's calibrated threshold:
 * such a region is shown as uncertain rather than as its emotion. Older regions were never judged so: 0.
 */
export const migration0100: Migration = {
  version: 100,
  name: 'region-uncertain',
  up(db) {
    db.exec(`ALTER TABLE model_regions ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1));`);
  },
};
