import type { TeamDatabaseHandle } from '../../../../../electron/db/team-database';

/** Tables of the team schema as the dialect's own catalogue lists them (the migrator's excluded). */
export async function tableNames(handle: TeamDatabaseHandle): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  return tables.map((t) => t.name).filter((name) => !name.startsWith('team_migration')).sort();
}

export async function columnsOf(handle: TeamDatabaseHandle, table: string): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  return (tables.find((t) => t.name === table)?.columns ?? []).map((c) => c.name).sort();
}
