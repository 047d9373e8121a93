/**
 * What a test needs from outside the repository: ../shared datasets, golden files and calls, the
 * trained model, Python with numpy and soundfile, an ffmpeg encoder. In CI (`CI` set) a missing one
 * FAILS with its reason, so a green CI run has tested everything; elsewhere (a checkout without
 * ../shared) the test is skipped with the reason in its name and on stderr. The Electron-binary
 * spec is the one exception (test/e2e/electron-shell.test.ts): it skips in CI only where the install
 * declared it left the binary out (ELECTRON_SKIP_BINARY_DOWNLOAD, as .ci/run does), and says so.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'vitest';
import { findPython, MAKE_CALLS_MODULES } from '../../bench/python';
import { defaultModelDir } from '../../ml/model';
import { callsDir, datasetsDir, goldenDir, repoRoot, sharedDir } from './fixtures';

export interface Need {
  /** What is missing, in words a reader can act on. */
  what: string;
  ok: boolean;
}

export const inCi = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

export function fileNeed(path: string, what: string): Need {
  const shown = relative(repoRoot, path);
  return { what: `${what} (${shown.startsWith('../../') ? path : shown})`, ok: existsSync(path) };
}

export function pythonNeed(modules: string[] = MAKE_CALLS_MODULES): Need {
  return { what: `a Python with ${modules.join(' and ')} (apt-get install ${modules.map((m) => `python3-${m}`).join(' ')})`, ok: findPython(modules) !== null };
}

function absent(needs: Need[]): string | null {
  const missing = needs.filter((need) => !need.ok).map((need) => need.what);
  return missing.length ? `missing ${missing.join('; ')}` : null;
}

function failing(name: string, reason: string): () => never {
  return () => {
    throw new Error(`${name}: ${reason}. CI must test it: provide it (see README) rather than skip.`);
  };
}

/** `describe` that runs only with everything it needs; in CI a missing need is a failing test. */
export function describeNeeding(needs: Need[], name: string, body: () => void): void {
  const reason = absent(needs);
  if (!reason) return void describe(name, body);
  if (inCi) return void describe(name, () => it(`cannot run: ${reason}`, failing(name, reason)));
  process.stderr.write(`SKIPPED outside CI: ${name}: ${reason}\n`);
  describe.skip(`${name} [skipped: ${reason}]`, body);
}

/** `it` with the same rule. */
export function itNeeding(needs: Need[], name: string, fn: () => Promise<void> | void, timeout?: number): void {
  const reason = absent(needs);
  if (!reason) return void it(name, fn, timeout);
  if (inCi) return void it(`${name} [cannot run: ${reason}]`, failing(name, reason));
  process.stderr.write(`SKIPPED outside CI: ${name}: ${reason}\n`);
  it.skip(`${name} [skipped: ${reason}]`, fn);
}

/** For values a test file computes at load time (a model folder): throws in CI, else null. */
export function needOrNull<T>(need: Need, value: () => T): T | null {
  if (need.ok) return value();
  if (inCi) throw new Error(`missing ${need.what}. CI must test it: provide it (see README) rather than skip.`);
  return null;
}

/** The needs most tests share. */
export const needs = {
  model: (): Need => fileNeed(join(defaultModelDir(), 'metadata.json'), 'the trained model'),
  golden: (): Need => fileNeed(join(goldenDir, 'librosa_features.json'), 'the librosa golden files'),
  datasets: (): Need => fileNeed(join(datasetsDir, 'manifest.csv'), 'the training corpora'),
  calls: (): Need => fileNeed(join(callsDir, 'call_000.wav'), 'the shared calls'),
  makeCalls: (): Need => fileNeed(join(sharedDir, 'tools', 'make_calls.py'), 'the call maker'),
  python: pythonNeed,
};
