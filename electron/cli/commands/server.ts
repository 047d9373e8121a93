import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { resolveDatabasePath } from '../../db/default-path';
import { createAppServices } from '../../services/app-services';
import type { EnqueueResult } from '../../services/team/analysis-queue';
import type { QueueEnqueueResult } from '../../shared/queue-status';
import { parseOptions } from './retrain';
import { parsePort, readPackageJson, rendererDir, untilStopped } from './serve';

export const DEFAULT_TEAM_PORT = 8080;

/** What the page needs of an enqueue: counts and the problems, not every path queued. */
export function countEnqueued(result: EnqueueResult): QueueEnqueueResult {
  return { queued: result.queued.length, alreadyQueued: result.alreadyQueued.length, problems: result.problems };
}

const originSchema = z
  .string()
  .trim()
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text.replace(/\/+$/, '');
    } catch {
      return false;
    }
  }, 'an origin such as https://qa.example.com (scheme, host, optional port; no path)');

const optionsSchema = z.object({
  databaseUrl: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  port: z.string().optional(),
  host: z.string().min(1).max(255).default('127.0.0.1'),
  publicOrigin: originSchema.optional(),
  trustProxy: z.boolean().default(false),
  static: z.string().min(1).optional(),
});

/** `emoqa server`: the team server (accounts, sessions, roles) over the same contract as browser mode. */
export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description(
      'Serve the reviewer UI to a team: sign-in with the accounts of `emoqa users`, roles per method. ' +
        'Accounts, sessions and (on PostgreSQL) the library and the analysis queue live in --database-url; ' +
        'with a SQLite team database the library is the SQLite file --db.',
    )
    .option('--database-url <url>', 'team database: postgresql://… or a SQLite file (default: $EMOQA_DATABASE_URL)')
    .option('--db <file>', 'the library, a SQLite file, when the team database is not PostgreSQL (default: $EMOQA_DB, else the per-user database); beside it the retrained models')
    .option('--port <n>', `port to listen on (default ${DEFAULT_TEAM_PORT})`)
    .option('--host <address>', 'interface to bind (default 127.0.0.1: put a TLS reverse proxy in front)')
    .option('--public-origin <origin>', 'the origin browsers use behind the proxy, e.g. https://qa.example.com (https makes the cookie Secure)')
    .option('--trust-proxy', "take the client's address from the proxy's X-Forwarded-For (for the login limit)")
    .option('--static <dir>', 'built renderer to serve')
    .action(async (raw: unknown) => {
      const o = parseOptions(optionsSchema, raw);
      const packageJson = readPackageJson();
      const staticDir = rendererDir(o.static && resolve(o.static), 'server');
      // Imported here, not at the top: `--help` and the other commands never load kysely, pg and pg-boss.
      const [{ openTeamDatabase, parseDatabaseUrl, resolveDatabaseUrl }, { startTeamServer }, { enqueuePaths, openAnalysisQueue, queueSettings }, { queueStatus }] = await Promise.all([
        import('../../db/team-database'), import('../../http/team/team-server'), import('../../services/team/analysis-queue'), import('../../services/team/queue-status')]);
      const url = resolveDatabaseUrl(o.databaseUrl);
      const team = await openTeamDatabase(url);
      const databasePath = resolveDatabasePath(o.db);
      // The analysis queue lives in PostgreSQL only: a SQLite team database has none to show.
      const settings = queueSettings();
      const boss = parseDatabaseUrl(url).dialect === 'postgres' ? await openAnalysisQueue(url, settings) : null;
      // A PostgreSQL team database holds the library too, so every worker and server shares it.
      const libraryUrl = parseDatabaseUrl(url).dialect === 'postgres' ? url : undefined;
      const services = await createAppServices({
        databasePath,
        libraryUrl,
        appVersion: packageJson.version,
        queueStatus: boss ? () => queueStatus(boss, team.db) : undefined,
        // The same enqueue as `emoqa enqueue`; counts only go back to the page.
        queueEnqueue: boss ? (paths) => enqueuePaths(boss, paths, settings).then(countEnqueued) : undefined,
      });
      const server = await startTeamServer({
        handlers: services.handlers,
        events: services.events,
        staticDir,
        port: o.port === undefined ? DEFAULT_TEAM_PORT : parsePort(o.port),
        host: o.host,
        team,
        publicOrigin: o.publicOrigin,
        trustProxy: o.trustProxy,
        version: packageJson.version,
      });
      process.stdout.write(
        `emoqa ${packageJson.version} team server\n  library  ${libraryUrl ? team.shown : databasePath}\n  accounts ${team.shown} (${team.dialect})\nOpen ${server.url}\n(Ctrl+C to stop)\n`,
      );
      await untilStopped();
      await server.close();
      await services.close();
      await boss?.stop({ graceful: true, wait: true });
      await team.close();
    });
}
