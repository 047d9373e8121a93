/**
 * `npm start`: the desktop app where the Electron binary is installed; elsewhere one line says why
 * and browser mode starts instead: the app is built, served on 127.0.0.1 and its URL printed.
 * Options: `--browser` (browser mode even with Electron), `--out-dir DIR` (build there instead of
 * out/); anything else goes to `emoqa serve` (`--db FILE`, `--port N`).
 * Run: `npm start [-- --browser --port 5173]`.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { electronBinary } from './electron-binary';

const repo = resolve(import.meta.dirname, '..');
const electronVite = join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

/** Runs `node ARGS` in the repository with this terminal; resolves with its exit code. */
function run(args: string[]): Promise<number> {
  const child = spawn(process.execPath, args, { cwd: repo, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(code ?? (signal ? 128 : 1));
    });
  });
}

interface StartOptions {
  browser: boolean;
  outDir: string | null;
  serveArgs: string[];
}

function parseStartArgs(argv: string[]): StartOptions {
  const options: StartOptions = { browser: false, outDir: null, serveArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--browser') options.browser = true;
    else if (argv[i] === '--out-dir') options.outDir = resolve(argv[++i] ?? '');
    else options.serveArgs.push(argv[i]);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseStartArgs(process.argv.slice(2));
  const outArgs = options.outDir ? ['--outDir', options.outDir] : [];
  const binary = electronBinary();
  if (binary.path && !options.browser) return run([electronVite, 'preview', ...outArgs]);

  const why = binary.reason ?? 'browser mode was asked for (--browser)';
  process.stdout.write(`emoqa: ${why}; starting browser mode instead (open the URL below in Chromium).\n`);
  const built = await run([electronVite, 'build', '--logLevel', 'warn', ...outArgs]);
  if (built !== 0) return built;
  const renderer = join(options.outDir ?? join(repo, 'out'), 'renderer');
  return run([join(repo, 'bin', 'emoqa.mjs'), 'serve', '--static', renderer, ...options.serveArgs]);
}

process.exitCode = await main();
