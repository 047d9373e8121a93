import { existsSync } from 'node:fs';
import path from 'node:path';
import { readManifest, type Utterance } from './manifest';
import { datasetRoot } from './paths';

/** The manifests of the corpora folder: manifest.csv (RAVDESS, TESS) and, where present, manifest-more.csv (Emo-DB, URDU). */
export const MANIFESTS = ['manifest.csv', 'manifest-more.csv'] as const;

export async function readCorpora(override?: string, names: readonly string[] = MANIFESTS): Promise<Utterance[]> {
  const root = datasetRoot(override);
  const out: Utterance[] = [];
  for (const name of names) {
    const file = path.join(root, name);
    if (name !== 'manifest.csv' && !existsSync(file)) continue;
    out.push(...(await readManifest(file, root)));
  }
  return out;
}
