/**
 * The Python that runs ../shared/tools (make_calls.py needs numpy and soundfile). `python3` on PATH
 * may be a pyenv or venv interpreter without them, while Debian's packages (python3-numpy,
 * python3-soundfile, installed by .ci/run) live in /usr/bin/python3: the first that imports the
 * modules wins. EMOQA_PYTHON names one explicitly.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const MAKE_CALLS_MODULES = ['numpy', 'soundfile'];

const found = new Map<string, string | null>();

export function findPython(modules: string[] = MAKE_CALLS_MODULES): string | null {
  const key = modules.join(',');
  if (found.has(key)) return found.get(key) ?? null;
  const candidates = [process.env.EMOQA_PYTHON, '/usr/bin/python3', 'python3', 'python'].filter((c): c is string => !!c);
  let hit: string | null = null;
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['-c', `import ${key}`], { stdio: 'ignore' });
      hit = candidate;
      break;
    } catch {
      // Not there, or lacks a module: try the next one.
    }
  }
  found.set(key, hit);
  return hit;
}

/** findPython, or an error that says what to install. */
export function requirePython(modules: string[] = MAKE_CALLS_MODULES): string {
  const python = findPython(modules);
  if (!python) throw new Error(`no Python with ${modules.join(' and ')} (apt-get install ${modules.map((m) => `python3-${m}`).join(' ')}, or set EMOQA_PYTHON)`);
  return python;
}

export interface MakeCallsOptions {
  /** The ../shared folder (its tools/ and datasets/). */
  shared: string;
  calls: number;
  minutes: number;
  scenario?: 'realistic' | 'mixed';
  seed?: number;
  /** Defaults to shared/datasets/manifest.csv; a filtered copy picks the voices. */
  manifest?: string;
  datasets?: string;
  /** Show make_calls.py's progress (one line per call). */
  show?: boolean;
}

/** ../shared/tools/make_calls.py into `dir`: the one way benches make their calls. */
export function makeCalls(dir: string, options: MakeCallsOptions): void {
  const datasets = options.datasets ?? join(options.shared, 'datasets');
  const args = [join(options.shared, 'tools', 'make_calls.py'), options.manifest ?? join(datasets, 'manifest.csv'), datasets, dir,
    ...(options.scenario ? ['--scenario', options.scenario] : []), '--calls', String(options.calls), '--minutes', String(options.minutes),
    ...(options.seed === undefined ? [] : ['--seed', String(options.seed)])];
  execFileSync(requirePython(), args, { stdio: options.show ? 'inherit' : 'ignore' });
}
