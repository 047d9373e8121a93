/**
 * Runs a test body against both team databases: a SQLite file in a temp dir and a fresh database
 * on a throwaway PostgreSQL cluster (started once per file). Each `fresh()` is a new empty database.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { makeTempDir } from './fixtures';
import { startPostgres, postgresNeed, type PostgresCluster } from './postgres';
import { describeNeeding } from './requirements';

export type FreshDatabase = () => Promise<string>;

export function describeOnBothDatabases(name: string, body: (fresh: FreshDatabase, dialect: 'sqlite' | 'postgres') => void): void {
  describe(`${name} (SQLite)`, () => {
    const temp = makeTempDir('emoqa-team-');
    afterAll(() => temp.cleanup());
    body(() => Promise.resolve(`sqlite:${join(temp.dir, `${randomBytes(6).toString('hex')}.sqlite`)}`), 'sqlite');
  });
  describeNeeding([postgresNeed()], `${name} (PostgreSQL)`, () => {
    let cluster: PostgresCluster | undefined;
    beforeAll(async () => {
      cluster = await startPostgres();
    }, 120_000);
    afterAll(() => cluster?.stop());
    body(async () => {
      if (!cluster) throw new Error('the PostgreSQL cluster did not start');
      return cluster.createDatabase(`t_${randomBytes(6).toString('hex')}`);
    }, 'postgres');
  });
}
