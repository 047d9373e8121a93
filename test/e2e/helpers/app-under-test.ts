import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHttpServer, type HttpServerHandle } from '../../../electron/http/server';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../electron/services/app-services';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const rendererDir = join(repoRoot, 'out/renderer');
export const sharedDir = resolve(process.env.EMOQA_SHARED ?? join(repoRoot, '../shared'));
export const callsDir = join(sharedDir, 'calls');
export const resultsDir = join(repoRoot, 'test-results');

export interface AppUnderTest {
  services: AppServices;
  server: HttpServerHandle;
  close(): Promise<void>;
}

/** The real services on a real database file, served by the real HTTP transport. */
export async function startApp(databasePath: string, extra: Partial<AppServicesOptions> = {}): Promise<AppUnderTest> {
  const services = await createAppServices({ databasePath, appVersion: '0.0.0-test', ...extra });
  const server = await startHttpServer({ handlers: services.handlers, events: services.events, staticDir: rendererDir });
  return {
    services,
    server,
    async close() {
      await server.close();
      await services.close();
    },
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function rendererIsFresh(): boolean {
  const index = join(rendererDir, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  return built > Math.max(newestMtime(join(repoRoot, 'renderer')), newestMtime(join(repoRoot, 'electron/shared')));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the app (`electron-vite build`) when out/renderer is missing or older than its sources
 * (renderer/ or the shared contract), so the browser tests always drive the current UI. Test files
 * run in parallel, so a lock folder lets one of them build while the others wait.
 */
export function ensureRendererBuilt(): void {
  if (rendererIsFresh()) return;
  const lock = join(repoRoot, 'out', '.e2e-build.lock');
  mkdirSync(join(repoRoot, 'out'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than five minutes was left by a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      sleep(250);
    }
  }
  try {
    if (!rendererIsFresh()) {
      execFileSync(process.execPath, [join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: repoRoot, stdio: 'pipe' });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A page with `__name` defined: tsx compiles with esbuild's keepNames, which wraps functions passed
 * to `page.evaluate` in a helper that does not exist in the page.
 */
export async function newPage(browser: Browser, options: Parameters<Browser['newPage']>[0] = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, ...options });
  await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  return page;
}

/** The box of the first element matching `selector` (it must be laid out). */
export async function box(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not laid out`);
  return found;
}
