import type { Database } from 'better-sqlite3';
import { EmoqaError } from '../shared/errors';
import type { Migration } from './migration-types';
import { MIGRATIONS } from './migrations';

/** Fails fast on a mis-numbered list: ascending, positive, multiples of 10. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (migration.version <= previous || migration.version % 10 !== 0) {
      throw new EmoqaError('INTERNAL', `migration ${migration.version} (${migration.name}) is out of order or not a step of 10`);
    }
    previous = migration.version;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * For a read-only connection, which may not migrate: the schema must be exactly the one this
 * emoqa writes (an older one is upgraded by opening it once with write access).
 */
export function requireCurrentSchema(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const at = schemaVersion(db);
  const known = migrations.at(-1)?.version ?? 0;
  if (at > known) throw new EmoqaError('DATABASE_TOO_NEW', `the database is at schema ${at}, newer than this emoqa understands (${known})`);
  if (at < known) {
    throw new EmoqaError('CONFLICT', `the database is at schema ${at} and this emoqa needs ${known}: open it once with write access to upgrade it`);
  }
}

export interface MigrationOutcome {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the database to the newest schema: every pending step in ONE transaction (all or none),
 * `PRAGMA user_version` set inside it. A database written by a newer emoqa is refused rather than
 * guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target?: number): MigrationOutcome {
  checkMigrationList(migrations);
  const latest = target ?? migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  const known = migrations.at(-1)?.version ?? 0;
  if (from > known) {
    throw new EmoqaError(
      'DATABASE_TOO_NEW',
      `the database is at schema ${from}, newer than this emoqa understands (${known}); update emoqa or open another database`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > from && migration.version <= latest);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return { from, to: schemaVersion(db), applied: pending.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`) };
}
