import type { Migration } from '../migration-types';

/**
 * A label counts its changes: an update or delete names the version it was made from, and one
 * made from an older version is refused (CONFLICT) instead of silently overwriting another
 * reviewer's edit. Labels already there start at 1.
 */
export const migration0150: Migration = {
  version: 150,
  name: 'label-versions',
  up(db) {
    db.exec(`ALTER TABLE labels ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);`);
  },
};
