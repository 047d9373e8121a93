import type { TeamMigration } from './team-migration';
import { migration0110 } from './0110-team-accounts';

/**
 * The team schema (accounts, sessions, assignments), listed explicitly so the bundler sees every
 * step; a test checks none is missing. Numbers share one sequence with electron/db/migrations
 * (the library's synchronous SQLite steps, tracked by `PRAGMA user_version`); these are tracked by
 * Kysely's migrator in its own table `team_migration`, so the two never disturb each other, even
 * when both live in one SQLite file. See docs/team-server.md.
 */
export const TEAM_MIGRATIONS: readonly TeamMigration[] = [migration0110];
