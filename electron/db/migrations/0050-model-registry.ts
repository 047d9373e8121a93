import type { Migration } from '../migration-types';

/**
 * Retraining from corrections: model versions remember when they were last activated (so a
 * rollback knows where to go) and, for retrained ones, the report that judged them. Labels may now
 * also come from a CSV import; SQLite cannot alter a CHECK, so `labels` is rebuilt as it was,
 * with `csv` added to its sources, every row and id kept.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'model-registry',
  up(db) {
    db.exec(`
      ALTER TABLE model_versions ADD COLUMN activated_at TEXT;
      ALTER TABLE model_versions ADD COLUMN report TEXT;
      UPDATE model_versions SET activated_at = created_at WHERE active = 1;

      CREATE TABLE labels_next (
        id                 INTEGER PRIMARY KEY,
        recording_id       TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        channel            INTEGER NOT NULL CHECK (channel >= 0),
        start_s            REAL NOT NULL,
        end_s              REAL NOT NULL,
        emotion            TEXT NOT NULL,
        reviewer           TEXT NOT NULL,
        source             TEXT NOT NULL DEFAULT 'ui' CHECK (source IN ('ui', 'audacity', 'csv')),
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        replaces_region_id INTEGER REFERENCES model_regions(id) ON DELETE SET NULL,
        deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        deleted_at         TEXT,
        deleted_by         TEXT,
        CHECK (end_s > start_s)
      ) STRICT;
      INSERT INTO labels_next (id, recording_id, channel, start_s, end_s, emotion, reviewer, source, created_at, updated_at,
                               replaces_region_id, deleted, deleted_at, deleted_by)
        SELECT id, recording_id, channel, start_s, end_s, emotion, reviewer, source, created_at, updated_at,
               replaces_region_id, deleted, deleted_at, deleted_by FROM labels;
      DROP TABLE labels;
      ALTER TABLE labels_next RENAME TO labels;
      CREATE INDEX labels_recording ON labels(recording_id, channel, start_s);
    `);
  },
};
