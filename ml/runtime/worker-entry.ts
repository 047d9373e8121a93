/**
 * How to start a worker thread, in one place for every pool (analysis, retraining, training features).
 * From the sources (tsx, vitest) worker threads do not inherit the parent's loader hooks, so a JS
 * bootstrap registers tsx in the thread and imports the TypeScript entry; from a bundle (out/cli,
 * out/main) the worker is a JS file of its own beside the calling chunk.
 */
export interface WorkerEntry {
  url: URL;
  /** For the bootstrap: the TypeScript entry it imports (the last argv element). */
  argv?: string[];
}

/**
 * `caller` is the calling module's import.meta.url; `source` the worker's TypeScript file; `bundled`
 * the name the build gives it (`analysis-worker.js`).
 */
export function workerEntry(caller: string, source: URL, bundled: string): WorkerEntry {
  if (!caller.endsWith('.ts')) return { url: new URL(`./${bundled}`, caller) };
  return { url: new URL('./ts-worker-bootstrap.mjs', import.meta.url), argv: [source.href] };
}
