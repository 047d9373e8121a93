import { Migrator, type Kysely, type Migration as KyselyMigration } from 'kysely';
import { EmoqaError } from '../shared/errors';

export interface KyselyMigrationRun {
  /** Steps by the name recorded for each (`0010-recordings`), which sorts in version order. */
  steps: Record<string, KyselyMigration>;
  /** Bookkeeping table (its lock table is `<table>_lock`). */
  table: string;
  /** Stop at this step (tests of a single migration); default the newest. */
  target?: string;
  /** For messages: "team database", "library". */
  what: string;
}

/**
 * Brings a database to a step through Kysely's migrator: all pending steps in one transaction
 * (transactional DDL), each recorded in `table`. One with a recorded step this emoqa does not know
 * was written by a newer one: refused (DATABASE_TOO_NEW). Returns the steps applied.
 */
export async function runKyselyMigrations(db: Kysely<unknown>, run: KyselyMigrationRun): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(run.steps) },
    migrationTableName: run.table,
    migrationLockTableName: `${run.table}_lock`,
  });
  const outcome = run.target ? await migrator.migrateTo(run.target) : await migrator.migrateToLatest();
  if (outcome.error) {
    const message = (outcome.error as Error).message;
    if (/corrupted migrations.*missing/i.test(message)) {
      throw new EmoqaError('DATABASE_TOO_NEW', `the ${run.what} was migrated by a newer emoqa (${message}); update emoqa`);
    }
    throw new EmoqaError('UNREADABLE', `cannot migrate the ${run.what}: ${message}`, { cause: outcome.error });
  }
  return (outcome.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
