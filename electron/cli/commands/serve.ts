import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveDatabasePath } from '../../db/default-path';
import { startHttpServer } from '../../http/server';
import { createAppServices } from '../../services/app-services';
// From a file two levels below the root: the same in the sources and in the bundle (out/cli).
import { REPO_ROOT as repoRoot } from '../../../ml/train/paths';

interface ServeOptions {
  db?: string;
  port?: string;
  static?: string;
}

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${value}`);
  return port;
}

export function readPackageJson(): { version: string } {
  return JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string };
}

/** The built renderer to serve; warns (and serves the API only) when it was never built. */
export function rendererDir(given: string | undefined, command: string): string {
  const staticDir = resolve(given ?? resolve(repoRoot, 'out/renderer'));
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    process.stderr.write(`emoqa ${command}: no built renderer in ${staticDir}; run \`npx electron-vite build\` (npm run serve does).\n`);
  }
  return staticDir;
}

/** Until SIGINT or SIGTERM. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** `emoqa serve`: the app in a browser, over the same contract as the desktop shell. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the reviewer UI on 127.0.0.1 (browser mode); prints the URL with its one-time token.')
    .option('--db <file>', 'SQLite database (default: $EMOQA_DB, else the per-user database)')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--static <dir>', 'built renderer to serve (default: out/renderer)')
    .action(async (options: ServeOptions) => {
      const staticDir = rendererDir(options.static, 'serve');
      const packageJson = readPackageJson();
      const databasePath = resolveDatabasePath(options.db);
      const services = await createAppServices({ databasePath, appVersion: packageJson.version });
      const server = await startHttpServer({
        handlers: services.handlers,
        events: services.events,
        staticDir,
        port: parsePort(options.port),
      });
      process.stdout.write(`emoqa ${packageJson.version} serving ${databasePath}\nOpen ${server.url}\n(Ctrl+C to stop)\n`);
      await untilStopped();
      await server.close();
      await services.close();
    });
}
