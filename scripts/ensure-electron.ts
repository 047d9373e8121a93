/**
 * postinstall: `electron` is an optional dependency, so where its binary cannot be downloaded (no
 * route to GitHub) `npm install` still succeeds, but npm then removes the whole package, and with it
 * the types that `npm run typecheck` and electron-vite need. This puts the package back without its
 * binary, exactly what ELECTRON_SKIP_BINARY_DOWNLOAD=1 leaves, from the npm registry (or npm's
 * cache). Where the download worked, it does nothing. To fetch it later: delete node_modules/electron, then `npm install` where GitHub is reachable.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const target = join(repo, 'node_modules', 'electron');

function lockedVersion(): string {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const version = lock.packages['node_modules/electron']?.version;
  if (!version) throw new Error('package-lock.json has no node_modules/electron');
  return version;
}

/** The same npm that runs this script (npm_execpath), else npm on PATH. */
function npm(args: string[]): string {
  const cli = process.env.npm_execpath;
  return cli && cli.endsWith('.js')
    ? execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' })
    : execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { encoding: 'utf8', shell: process.platform === 'win32' });
}

function restorePackage(version: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'emoqa-electron-'));
  try {
    npm(['pack', `electron@${version}`, '--pack-destination', scratch, '--silent', '--ignore-scripts']);
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack wrote no tarball');
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, tarball), '-C', target, '--strip-components=1']);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (!existsSync(join(target, 'package.json'))) {
  const version = lockedVersion();
  try {
    restorePackage(version);
    process.stdout.write(`emoqa: the Electron ${version} binary could not be downloaded; installed its package without it (npm start falls back to browser mode; to fetch it later, delete node_modules/electron and run npm install).\n`);
  } catch (error) {
    // Never fail the install over the desktop shell: the services, CLI and browser mode do not need it.
    process.stderr.write(`emoqa: electron is not installed and could not be restored (${(error as Error).message.split('\n')[0]}); type-checking electron/main will fail until \`npm install\` can reach the registry.\n`);
  }
}
