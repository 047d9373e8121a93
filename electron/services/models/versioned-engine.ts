/**
 * The analysis engine that follows the active model version: each analysis asks which folder is
 * active and runs on a worker pool loaded with it. Activating (or rolling back) takes effect on
 * the next call analysed; a pool of an older version is closed once its last analysis ends.
 */
import type { AnalyseOptions, AnalysisResult } from '../analysis/analysis-types';
import type { AnalyseFn } from '../jobs/job-queue';

export interface PoolLike {
  analyse(path: string, options: AnalyseOptions): Promise<AnalysisResult>;
  close(): Promise<void> | void;
}

export interface VersionedEngineOptions {
  activeDir: () => Promise<string>;
  /** Worker threads per pool. */
  size?: number;
  /** Makes the pool of one model folder (default: the analysis worker pool, imported on first use). */
  createPool?: (modelDir: string, size?: number) => Promise<PoolLike>;
  /** The library's prior weights per role for a model folder (models/class-priors; undefined: the model's own). */
  priors?: (modelDir: string) => Promise<AnalyseOptions['priors']>;
  /** The library's line statistics for a model folder (models/line-stats; undefined: the training ones). */
  lineStats?: (modelDir: string) => Promise<AnalyseOptions['lineStats']>;
}

interface Entry {
  pool: Promise<PoolLike>;
  running: number;
}

async function workerPool(modelDir: string, size?: number): Promise<PoolLike> {
  const { createAnalysisPool } = await import('../analysis/analysis-pool');
  return createAnalysisPool({ size, modelDir });
}

export function versionedEngine(options: VersionedEngineOptions): { getAnalyse: () => Promise<AnalyseFn>; close: () => Promise<void> } {
  const pools = new Map<string, Entry>();
  const create = options.createPool ?? workerPool;
  let current: string | null = null;
  let closed = false;

  const closeEntry = async (dir: string, entry: Entry): Promise<void> => {
    pools.delete(dir);
    await (await entry.pool.catch(() => null))?.close();
  };

  const retireIdle = (): void => {
    for (const [dir, entry] of pools) if (dir !== current && entry.running === 0) void closeEntry(dir, entry);
  };

  const analyse: AnalyseFn = async (path, analyseOptions) => {
    const dir = await options.activeDir();
    current = dir;
    let entry = pools.get(dir);
    if (!entry) {
      entry = { pool: create(dir, options.size), running: 0 };
      pools.set(dir, entry);
      entry.pool.catch(() => pools.get(dir) === entry && pools.delete(dir)); // let a later call try again
    }
    entry.running += 1;
    try {
      const priors = analyseOptions.priors ?? (await options.priors?.(dir));
      const lineStats = analyseOptions.lineStats ?? (await options.lineStats?.(dir));
      return await (await entry.pool).analyse(path, { ...analyseOptions, ...(priors ? { priors } : {}), ...(lineStats ? { lineStats } : {}) });
    } finally {
      entry.running -= 1;
      retireIdle();
    }
  };

  return {
    getAnalyse: async () => {
      // Load the active model up front so that a missing model fails the job at once, as the plain pool does.
      const dir = await options.activeDir();
      if (!closed && !pools.has(dir)) {
        const entry: Entry = { pool: create(dir, options.size), running: 0 };
        pools.set(dir, entry);
        await entry.pool.catch((error: unknown) => {
          pools.delete(dir);
          throw error;
        });
      }
      current = dir;
      return analyse;
    },
    close: async () => {
      closed = true;
      await Promise.all([...pools].map(([dir, entry]) => closeEntry(dir, entry)));
    },
  };
}
