import type { Migration } from '../migration-types';

/**
 * The library's own class priors (EM over its analysed calls, no labels): one row per model
 * version and party role, with the weights the decision rule uses in place of the model's own.
 * No row: the model's shipped weights. A party remembers the weights it was decided with
 * (NULL: the model's own), so a later estimate can undo them before it re-estimates.
 */
export const migration0120: Migration = {
  version: 120,
  name: 'class-priors',
  up(db) {
    db.exec(`
      CREATE TABLE class_priors (
        model_version TEXT NOT NULL REFERENCES model_versions(version) ON DELETE CASCADE,
        role          TEXT NOT NULL CHECK (role IN ('agent', 'customer', 'speaker')),
        priors        TEXT NOT NULL,
        weights       TEXT NOT NULL,
        calls         INTEGER NOT NULL CHECK (calls >= 0),
        seconds       REAL NOT NULL CHECK (seconds >= 0),
        estimated_at  TEXT NOT NULL,
        PRIMARY KEY (model_version, role)
      ) STRICT;
      ALTER TABLE parties ADD COLUMN class_weights TEXT;
    `);
  },
};
