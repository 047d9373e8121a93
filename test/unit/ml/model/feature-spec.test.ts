import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../../ml/model';
import { makeTempDir } from '../../../helpers/fixtures';
import { writeStubModel } from '../../electron/services/analysis/stub-model';

const temp = makeTempDir('emoqa-spec-');
afterAll(() => temp.cleanup());

async function modelWith(name: string, change: (metadata: { featureSpec: Record<string, unknown>; sampleRate: number }) => void): Promise<string> {
  const dir = await writeStubModel(join(temp.dir, name));
  const file = join(dir, 'metadata.json');
  const metadata = JSON.parse(readFileSync(file, 'utf8')) as { featureSpec: Record<string, unknown>; sampleRate: number };
  change(metadata);
  writeFileSync(file, JSON.stringify(metadata));
  return dir;
}

describe("the model's feature spec", () => {
  it('loads a model trained on this build\'s features', async () => {
    const classifier = await loadClassifier(await modelWith('same', () => undefined));
    classifier.dispose();
  });

  it('refuses a model trained on other features, naming what differs', async () => {
    const dir = await modelWith('mels', (m) => (m.featureSpec.nMels = 64));
    await expect(loadClassifier(dir)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringMatching(/other features: nMels 64 \(this build: 128\)/) });
    const rate = await modelWith('rate', (m) => ((m.featureSpec.sampleRate = 16000), (m.sampleRate = 16000)));
    await expect(loadClassifier(rate)).rejects.toMatchObject({ message: expect.stringMatching(/sampleRate 16000 \(this build: 22050\)/) });
    const version = await modelWith('version', (m) => (m.featureSpec.version = 'librosa-0.9.2-port/0'));
    await expect(loadClassifier(version)).rejects.toMatchObject({ message: expect.stringMatching(/version "librosa-0\.9\.2-port\/0"/) });
  });
});
