/**
 * Where the Electron binary is, or why there is none. The `electron` package exports the binary's
 * path and throws when its download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) or failed (no
 * network to GitHub); scripts/ensure-electron.ts then leaves the package without its binary.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { path: string; reason: null } | { path: null; reason: string };

export function electronBinary(): ElectronBinary {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path, reason: null };
    return { path: null, reason: `the Electron binary is not installed (no file at ${String(path)})` };
  } catch (error) {
    return { path: null, reason: `the Electron binary is not installed (${(error as Error).message.split('\n')[0]})` };
  }
}
