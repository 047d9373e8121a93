// Bundles the CLI and its worker threads to JavaScript (out/cli/), so that `emoqa` starts without
// transpiling TypeScript in the main thread and again in every worker. Dependencies stay in
// node_modules (native modules, TF.js's WebAssembly files); code splitting keeps what a command does
// not use (TF.js, the services) out of `--help`. out/cli sits two levels below the root, like the
// sources, so paths relative to import.meta.url (resources/model, package.json) resolve the same.
// Plain JS: bin/emoqa.mjs imports it to rebuild a stale bundle before tsx is needed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'out', 'cli');
const STAMP = 'build-stamp.json';
/** Every help page as commander prints it (electron/cli/help-pages.ts), for bin/emoqa.mjs. */
export const HELP_PAGES = 'help-pages.json';
const SOURCES = ['electron', 'ml'];
/** Entry → output name; the workers' names are what the pools look for beside the bundle. */
const ENTRIES = {
  main: 'electron/cli/main.ts',
  'analysis-worker': 'electron/workers/analysis-worker.ts',
  'retrain-worker': 'ml/retrain/retrain-worker.ts',
  'feature-worker': 'ml/train/feature-worker.ts',
  'help-dump': 'electron/cli/help-dump.ts',
};

/**
 * Packages loaded from node_modules at run time: native modules, packages that find files of their
 * own beside them (WebAssembly, binaries, workers) and the big optional ones. Everything else (zod,
 * commander, the CSV parsers, …: pure JavaScript) is bundled, so a start parses one file instead
 * of resolving some 350 modules one by one.
 */
const BUNDLED = new Set(['zod', 'commander', 'csv-parse', 'csv-stringify', 'cli-progress', 'kysely']);
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const EXTERNAL = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]
  .filter((name) => !BUNDLED.has(name));

/** Newest modification time (ms) of the sources the bundle is made from. */
export function newestSourceMs() {
  // The build's own settings count as a source: a bundle made under other settings is stale.
  let newest = Math.max(statSync(join(root, 'package.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs|js|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCES) walk(join(root, dir));
  return newest;
}

/** True when out/cli was built from the sources as they are now. */
export function bundleIsFresh() {
  const stamp = join(outDir, STAMP);
  if (!existsSync(stamp)) return false;
  try {
    const { sourceMs } = JSON.parse(readFileSync(stamp, 'utf8'));
    return typeof sourceMs === 'number' && sourceMs >= newestSourceMs();
  } catch {
    return false;
  }
}

export async function buildCli({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const sourceMs = newestSourceMs();
  // Built beside and renamed into place, so a concurrent start never sees half a bundle.
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, join(root, path)])),
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS (commander, cli-progress) requires Node's builtins: give the ESM output a require.
    banner: { js: "import { createRequire as __emoqaRequire } from 'node:module'; const require = __emoqaRequire(import.meta.url);" },
    sourcemap: 'linked',
    chunkNames: '[name]-[hash]',
    logLevel: quiet ? 'error' : 'warning',
  });
  writeFileSync(join(staging, HELP_PAGES), execFileSync(process.execPath, [join(staging, 'help-dump.js')], { cwd: root }));
  writeFileSync(join(staging, STAMP), JSON.stringify({ sourceMs, builtAt: new Date().toISOString() }));
  mkdirSync(dirname(outDir), { recursive: true });
  rmSync(outDir, { recursive: true, force: true });
  try {
    renameSync(staging, outDir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process put its build there first
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildCli();
  process.stdout.write(`emoqa CLI bundled into ${outDir} in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
}
