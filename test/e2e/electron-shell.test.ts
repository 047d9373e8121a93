import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electron-binary';
import { ensureRendererBuilt, repoRoot } from './helpers/app-under-test';

/** The Electron binary, or why this spec cannot run here (it is not downloadable everywhere). */
function usableBinary(): { path: string | null; reason: string } {
  const found = electronBinary();
  if (found.path === null) return { path: null, reason: found.reason };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { path: null, reason: 'no display (run under xvfb-run)' };
  return { path: found.path, reason: '' };
}

// The one spec allowed to skip, in CI too: the binary cannot be downloaded everywhere. It says so.
const binary = usableBinary();
if (!binary.path) console.warn(`e2e: Electron shell spec SKIPPED: ${binary.reason}.`);
const temp = mkdtempSync(join(tmpdir(), 'emoqa-electron-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('Electron shell', () => {
  it.skipIf(!binary.path)(`opens a sandboxed window exposing only window.emoqa {invoke, on} and window.emoqaShell {openTeamServer}${binary.path ? '' : ` [skipped: ${binary.reason}]`}`, async () => {
    ensureRendererBuilt();
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [join(repoRoot, 'out/main/index.js')],
      env: { ...process.env, EMOQA_DB: join(temp, 'electron.sqlite') },
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('table', { name: 'Calls' }).waitFor();
      expect(await page.title()).toBe('emoqa');
      const surface = await page.evaluate(() => ({
        api: Object.keys(window.emoqa ?? {}).sort(),
        shell: Object.keys(window.emoqaShell ?? {}).sort(),
        node: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        opened: window.open('https://example.com') === null,
        origin: window.location.origin,
      }));
      expect(surface).toEqual({ api: ['invoke', 'on'], shell: ['openTeamServer'], node: 'undefined', process: 'undefined', opened: true, origin: 'app://emoqa' });
      const info = await page.evaluate(() => window.emoqa!.invoke('app.info', {}));
      expect(info.databasePath).toBe(join(temp, 'electron.sqlite'));
      // Only known recordings stream; the app protocol serves nothing outside the renderer.
      const statuses = await page.evaluate(async () => [
        (await fetch('emoqa-media://recording/unknown')).status,
        (await fetch('emoqa-media://elsewhere/etc/passwd')).status,
        (await fetch('app://emoqa/../../package.json')).status,
      ]);
      expect(statuses).toEqual([404, 404, 404]);
      // Navigation away from the app is refused.
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/emoqa\//);
    } finally {
      await app.close();
    }
  }, 120_000);
});
