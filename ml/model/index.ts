import { openClassifier, type EmotionClassifier } from './classifier';
import { defaultModelDir } from './model-dir';

export { defaultModelDir, readMetadata } from './model-dir';

export { EMOTIONS } from '../../electron/shared/domain';
export type { ClassifyOptions, EmotionClassifier } from './classifier';
export type { ModelMetadata } from './metadata';
export type { BackendName } from './backend';

/** TF.js and its backend load only when asked for (Dense heads run without them). */
export async function initBackend(): Promise<import('./backend').BackendName> {
  return (await import('./backend')).initBackend();
}
export { partyStats, poolWindow, POOLED_DIM, POOLING_VERSION, type PartyStats } from './pooling';

export async function loadClassifier(dir: string = defaultModelDir()): Promise<EmotionClassifier> {
  return openClassifier(dir);
}
