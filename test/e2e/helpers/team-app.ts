import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openTeamDatabase } from '../../../electron/db/team-database';
import { startTeamServer } from '../../../electron/http/team/team-server';
import type { HttpServerHandle } from '../../../electron/http/server';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../electron/services/app-services';
import { UsersService } from '../../../electron/services/team/users-service';
import type { Role } from '../../../electron/shared/team';
import { makeTempDir } from '../../helpers/fixtures';
import { startPostgres } from '../../helpers/postgres';
import { ensureRendererBuilt, launchChromium, newPage, rendererDir } from './app-under-test';

export interface TeamApp {
  services: AppServices;
  server: HttpServerHandle;
  browser: Browser;
  close(): Promise<void>;
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
): Promise<TeamApp> {
  ensureRendererBuilt();
  const temp = makeTempDir('emoqa-team-e2e-');
  const cluster = await startPostgres();
  const team = await openTeamDatabase(await cluster.createDatabase('team_e2e'));
  const users = new UsersService(team.db);
  for (const [name, role] of accounts) await users.add(name, role, password);
  const services = await createAppServices({ databasePath: join(temp.dir, 'library.sqlite'), appVersion: '0.0.0-test', ...extra });
  await prepare(services);
  const server = await startTeamServer({ handlers: services.handlers, events: services.events, staticDir: rendererDir, team });
  const browser = await launchChromium();
  return {
    services,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await services.close();
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
