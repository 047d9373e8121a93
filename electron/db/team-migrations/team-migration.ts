import type { Kysely } from 'kysely';

/**
 * One step of the team schema, in the same numbering as electron/db/migrations (steps of 10) but
 * written with Kysely's schema builder, so the one source runs on SQLite and PostgreSQL alike.
 */
export interface TeamMigration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/** The name Kysely's migrator records (`0110-team-accounts`): sorts in version order as text. */
export function migrationKey(migration: Pick<TeamMigration, 'version' | 'name'>): string {
  return `${String(migration.version).padStart(4, '0')}-${migration.name}`;
}
