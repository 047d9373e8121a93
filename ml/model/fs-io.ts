import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * tf.io handler for a folder on disk (`model.json` + one `weights.bin`): plain tfjs has no
 * file:// handler without tfjs-node, and the shipped files must load the same everywhere.
 */
export function fileSystemIO(dir: string, modelFile = 'model.json'): tf.io.IOHandler {
  const weightsName = `${path.basename(modelFile, '.json')}.weights.bin`;
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('binary model topologies are not supported');
      await fs.mkdir(dir, { recursive: true });
      const weightData = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [weightsName], weights: artifacts.weightSpecs ?? [] }],
      };
      await fs.writeFile(path.join(dir, weightsName), Buffer.from(weightData));
      await fs.writeFile(path.join(dir, modelFile), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ modelTopology: modelJson.modelTopology, weightSpecs: artifacts.weightSpecs, weightData }) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const modelJson = JSON.parse(await fs.readFile(path.join(dir, modelFile), 'utf8')) as tf.io.ModelJSON;
      const buffers: Buffer[] = [];
      const specs: tf.io.WeightsManifestEntry[] = [];
      for (const group of modelJson.weightsManifest ?? []) {
        for (const p of group.paths) buffers.push(await fs.readFile(path.join(dir, p)));
        specs.push(...group.weights);
      }
      const joined = Buffer.concat(buffers);
      const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer;
      return { modelTopology: modelJson.modelTopology, format: modelJson.format, generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy ?? undefined, weightSpecs: specs, weightData };
    },
  };
}

export async function saveModel(model: tf.LayersModel, dir: string, modelFile = 'model.json'): Promise<void> {
  await model.save(fileSystemIO(dir, modelFile));
}

export async function loadModel(dir: string, modelFile = 'model.json'): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileSystemIO(dir, modelFile));
}
