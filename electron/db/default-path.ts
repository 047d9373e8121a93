import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface PathEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const current = (): PathEnvironment => ({ platform: process.platform, env: process.env, home: homedir() });

/**
 * Where Electron's `app.getPath('userData')` puts emoqa's files, computed without Electron so the
 * CLI and the desktop app share one database by default.
 */
export function userDataDir(where: PathEnvironment = current()): string {
  const { platform, env, home } = where;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'emoqa');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'emoqa');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'emoqa');
}

export function defaultDatabasePath(where: PathEnvironment = current()): string {
  return join(userDataDir(where), 'emoqa.sqlite');
}

/** `--db` wins, then `EMOQA_DB`, then the per-user default. */
export function resolveDatabasePath(option: string | undefined, where: PathEnvironment = current()): string {
  const chosen = option || where.env.EMOQA_DB;
  return chosen ? resolve(chosen) : defaultDatabasePath(where);
}
