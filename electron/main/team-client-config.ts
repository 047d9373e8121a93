/**
 * What the desktop app remembers of Settings → Team server: the last server and whether the window
 * shows it. A JSON file in the app's user-data folder, read with zod (a hand-edited or older file
 * falls back to the local library rather than opening an address nobody chose). Plain Node: no
 * `electron` import, so it is tested as it runs.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { teamClientConfigSchema, type TeamClientConfig } from '../shared/team-link';

const FILE = 'team-server.json';
export const LOCAL_ONLY: TeamClientConfig = { server: null, useServer: false };

export function loadTeamClientConfig(userData: string): TeamClientConfig {
  let text: string;
  try {
    text = readFileSync(join(userData, FILE), 'utf8');
  } catch {
    return LOCAL_ONLY;
  }
  try {
    const parsed = teamClientConfigSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return LOCAL_ONLY;
    // A server in use needs one to use.
    return parsed.data.server ? parsed.data : LOCAL_ONLY;
  } catch {
    return LOCAL_ONLY;
  }
}

/** Written whole and renamed into place, so a crash leaves the old file or the new one. */
export function saveTeamClientConfig(userData: string, config: TeamClientConfig): void {
  const checked = teamClientConfigSchema.parse(config);
  mkdirSync(userData, { recursive: true });
  const path = join(userData, FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(checked, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
