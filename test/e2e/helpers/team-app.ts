import { join } from 'node:path';
import type PgBoss from 'pg-boss';
import type { Browser, Page } from 'playwright-core';
import { countEnqueued } from '../../../electron/cli/commands/server';
import { openTeamDatabase } from '../../../electron/db/team-database';
import { startTeamServer } from '../../../electron/http/team/team-server';
import type { HttpServerHandle } from '../../../electron/http/server';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../electron/services/app-services';
import { enqueuePaths, openAnalysisQueue, queueSettings } from '../../../electron/services/team/analysis-queue';
import { queueStatus } from '../../../electron/services/team/queue-status';
import { UsersService } from '../../../electron/services/team/users-service';
import type { Role } from '../../../electron/shared/team';
import { makeTempDir } from '../../helpers/fixtures';
import { startPostgres } from '../../helpers/postgres';
import { ensureRendererBuilt, launchChromium, newPage, rendererDir } from './app-under-test';

export interface TeamApp {
  services: AppServices;
  server: HttpServerHandle;
  browser: Browser;
  /** The team database (PostgreSQL), for `emoqa worker --database-url`. */
  databaseUrl: string;
  /** The library's SQLite file, which workers share with the server this release. */
  libraryPath: string;
  close(): Promise<void>;
}

export interface TeamAppOptions {
  /** Serve the analysis queue (pg-boss, `queue.status` and `queue.enqueue`) as `emoqa server` does, with these settings. */
  queue?: NodeJS.ProcessEnv;
}

/**
 * The team server as deployed, for the browser tests: accounts on a throwaway PostgreSQL, the
 * library (real services) in a SQLite file, the built renderer, and Chromium.
 */
export async function startTeamApp(
  accounts: Array<[name: string, role: Role]>,
  password: string,
  prepare: (services: AppServices) => Promise<void> | void,
  extra: Partial<AppServicesOptions> = {},
  options: TeamAppOptions = {},
): Promise<TeamApp> {
  ensureRendererBuilt();
  const temp = makeTempDir('emoqa-team-e2e-');
  const cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase('team_e2e');
  const team = await openTeamDatabase(databaseUrl);
  const users = new UsersService(team.db);
  for (const [name, role] of accounts) await users.add(name, role, password);
  const settings = options.queue && queueSettings(options.queue);
  const boss: PgBoss | null = settings ? await openAnalysisQueue(databaseUrl, settings) : null;
  const queue: Partial<AppServicesOptions> = boss && settings
    ? { queueStatus: () => queueStatus(boss, team.db), queueEnqueue: (paths) => enqueuePaths(boss, paths, settings).then(countEnqueued) }
    : {};
  const libraryPath = join(temp.dir, 'library.sqlite');
  // With workers, the library lives in the team's PostgreSQL, where `emoqa worker` stores calls (as `emoqa server` does with a postgresql:// URL).
  const library: Partial<AppServicesOptions> = boss ? { libraryUrl: databaseUrl } : {};
  const services = await createAppServices({ databasePath: libraryPath, appVersion: '0.0.0-test', ...queue, ...library, ...extra });
  await prepare(services);
  const server = await startTeamServer({ handlers: services.handlers, events: services.events, staticDir: rendererDir, team });
  const browser = await launchChromium();
  return {
    services,
    server,
    browser,
    databaseUrl,
    libraryPath,
    async close() {
      await browser.close();
      await server.close();
      await services.close();
      await boss?.stop({ graceful: false });
      await team.close();
      cluster.stop();
      temp.cleanup();
    },
  };
}

/** A user in a browser context of their own, signed in through the page, at `hash` (e.g. `#/call/ID`). */
export async function signedInPage(app: TeamApp | undefined, name: string, password: string, hash = ''): Promise<Page> {
  if (!app) throw new Error('setup failed');
  const page = await newPage(app.browser);
  await page.goto(`${app.server.url}${hash}`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  return page;
}
