import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's own location (ml/train/ → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Corpora are read in place from ../shared/datasets unless EMOQA_DATASETS points elsewhere. */
export function datasetRoot(override?: string): string {
  return path.resolve(override ?? process.env.EMOQA_DATASETS ?? path.resolve(REPO_ROOT, '../shared/datasets'));
}

/** Feature cache: git-ignored, shared by training runs and the comparison. */
export function cacheRoot(): string {
  return path.resolve(process.env.EMOQA_CACHE ?? path.join(REPO_ROOT, '.cache', 'features'));
}
