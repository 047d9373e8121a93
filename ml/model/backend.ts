import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: Promise<BackendName> | null = null;

async function tryNode(): Promise<boolean> {
  try {
    // Optional dependency: absent where its native build cannot install.
    const name = '@tensorflow/tfjs-node';
    await import(name);
    return tf.getBackend() === 'tensorflow' || (await tf.setBackend('tensorflow'));
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(dist.endsWith(path.sep) ? dist : dist + path.sep);
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

/**
 * Picks the backend once per process: tfjs-node if it loads, else WebAssembly, else plain JS.
 * EMOQA_TF_BACKEND (tensorflow|wasm|cpu) forces a choice, for benchmarks and tests.
 */
export function initBackend(): Promise<BackendName> {
  chosen ??= (async (): Promise<BackendName> => {
    const forced = process.env.EMOQA_TF_BACKEND;
    if ((!forced || forced === 'tensorflow') && (await tryNode())) return 'tensorflow';
    if ((!forced || forced === 'wasm') && (await tryWasm())) return 'wasm';
    await tf.setBackend('cpu');
    await tf.ready();
    return 'cpu';
  })();
  return chosen;
}
