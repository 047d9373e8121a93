import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/database';
import { checkMigrationList, migrate, schemaVersion } from '../../../../electron/db/migrate';
import type { Migration } from '../../../../electron/db/migration-types';
import { MIGRATIONS } from '../../../../electron/db/migrations';
import { raw } from '../../../../electron/db/migrations/schema-kit';
import { sql } from 'kysely';
import { EmoqaError } from '../../../../electron/shared/errors';
import { makeTempDir, repoRoot } from '../../../helpers/fixtures';

describe('migrations', () => {
  const temp = makeTempDir('emoqa-migrate-');
  afterAll(() => temp.cleanup());

  it('registers every migration file, numbered in steps of 10 and in order', () => {
    const files = readdirSync(resolve(repoRoot, 'electron/db/migrations')).filter((f) => /^\d{4}-.*\.ts$/.test(f)).sort();
    expect(MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}.ts`)).toEqual(files);
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
    expect(() => checkMigrationList([{ ...MIGRATIONS[0], version: 15 }])).toThrow(/step of 10/);
  });

  it('opens a fresh database at the newest schema with WAL and foreign keys on', () => {
    const db = openDatabase(join(temp.dir, 'fresh.sqlite'));
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('applies all pending steps in one transaction: a failing step leaves the database untouched', () => {
    const path = join(temp.dir, 'atomic.sqlite');
    openDatabase(path, { targetVersion: 10 }).close();
    const broken: Migration[] = [...MIGRATIONS, { version: 9990, name: 'broken', statements: ({ db }) => [db.schema.createTable('nope').addColumn('x', 'text'), raw({ db, dialect: 'sqlite' }, sql`SELECT * FROM missing`)] }];
    const db = new BetterSqlite3(path);
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name IN ('parties', 'nope')`).all()).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer emoqa with DATABASE_TOO_NEW', () => {
    const path = join(temp.dir, 'newer.sqlite');
    const raw = new BetterSqlite3(path);
    raw.pragma('user_version = 99999');
    raw.close();
    let error: unknown;
    try {
      openDatabase(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EmoqaError);
    expect((error as EmoqaError).code).toBe('DATABASE_TOO_NEW');
  });

  it('reports a file that is not a database clearly', () => {
    const path = join(temp.dir, 'text.sqlite');
    writeFileSync(path, 'this is not sqlite at all, just some text that is long enough to have a header '.repeat(20));
    expect(() => openDatabase(path)).toThrow(/cannot use database/);
  });

  it('is a no-op on an up-to-date database', () => {
    const path = join(temp.dir, 'again.sqlite');
    openDatabase(path).close();
    const db = new BetterSqlite3(path);
    expect(migrate(db).applied).toEqual([]);
    db.close();
  });
});
