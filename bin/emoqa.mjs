#!/usr/bin/env node
// Runs the bundled CLI (out/cli, made by scripts/build-cli.mjs / `npm run build:cli`). From a fresh
// checkout, or after a source file changed, the bundle is rebuilt first (esbuild, ~0.5 s); if that
// cannot be done (no esbuild, read-only checkout) the TypeScript runs in place through tsx.
// EMOQA_CLI_SOURCE=1 always runs the sources through tsx.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli, bundleIsFresh, HELP_PAGES, outDir } from '../scripts/build-cli.mjs';

async function bundled() {
  if (process.env.EMOQA_CLI_SOURCE === '1') return false;
  if (bundleIsFresh()) return true;
  try {
    await buildCli({ quiet: true });
    return true;
  } catch (error) {
    process.stderr.write(`emoqa: could not bundle the CLI (${error instanceof Error ? error.message : String(error)}); running the sources through tsx\n`);
    return false;
  }
}

const HELP_WORDS = new Set(['--help', '-h', 'help', '--version', '-V']);

/**
 * `--help`, `-V`, `CMD --help`, …: the page the build stored (commander's own text), or undefined.
 * Keys are the arguments joined with NUL (HELP_KEY_SEPARATOR, electron/cli/help-pages.ts); other
 * commands do not read the pages at all.
 */
function storedHelpPage() {
  if (!process.argv.slice(2).some((arg) => HELP_WORDS.has(arg))) return undefined;
  try {
    const pages = JSON.parse(readFileSync(join(outDir, HELP_PAGES), 'utf8'));
    const page = pages[process.argv.slice(2).join('\0')];
    return typeof page === 'string' ? page : undefined;
  } catch {
    return undefined; // no pages in this build: the CLI prints its own
  }
}

if (await bundled()) {
  const page = storedHelpPage();
  if (page !== undefined) process.stdout.write(page);
  else await import(pathToFileURL(`${outDir}/main.js`).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/main.ts');
}
