import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/database';
import { migrate } from '../../../../electron/db/migrate';
import { MIGRATIONS } from '../../../../electron/db/migrations';
import { repoRoot } from '../../../helpers/fixtures';
import { sqliteSchema, type SchemaObject } from '../../../helpers/sqlite-schema';

/**
 * The migrations, rewritten once for both databases, build on SQLite exactly the schema the
 * released SQL built, at every step: the fixture was dumped from the released steps before the
 * rewrite (sqlite_master, normalised for case, quoting and spacing only).
 */
const released = JSON.parse(readFileSync(resolve(repoRoot, 'test/fixtures/schema/library-sqlite.json'), 'utf8')) as Record<string, SchemaObject[]>;

describe('the library migrations on SQLite, against the released schema', () => {
  it('has a released schema for every step it knows', () => {
    expect(Object.keys(released).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (const migration of MIGRATIONS) {
    it(`builds step ${migration.version} (${migration.name}) as released`, () => {
      const db = openDatabase(':memory:', { targetVersion: migration.version });
      try {
        expect(sqliteSchema(db)).toEqual(released[String(migration.version)]);
      } finally {
        db.close();
      }
    });
  }

  it('upgrades one step at a time to the same newest schema (a file left by each older release)', () => {
    const db = openDatabase(':memory:', { targetVersion: MIGRATIONS[0].version });
    try {
      for (const migration of MIGRATIONS.slice(1)) migrate(db, MIGRATIONS, migration.version);
      expect(sqliteSchema(db)).toEqual(released[String(MIGRATIONS.at(-1)?.version)]);
    } finally {
      db.close();
    }
  });
});
