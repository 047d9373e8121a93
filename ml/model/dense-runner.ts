/**
 * Inference of a TF.js layers-format model made only of Dense layers (and the layers around them
 * that do no learning: Input, Dropout, Activation, Average, Add), in plain JavaScript. The shipped
 * heads are small MLPs and logistic regressions: loading TF.js and its WebAssembly backend costs a
 * worker far more time and memory than running them. The topology is read from model.json (any
 * sizes, any graph of those layers); anything else is refused with the layer named, so the caller
 * can fall back to TF.js. Matches TF.js within float32 rounding (test/unit/ml/model/dense-runner.test.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ACTIVATIONS = ['linear', 'relu', 'softmax', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus'] as const;
type Activation = (typeof ACTIVATIONS)[number];

const layerSchema = z.object({
  class_name: z.string(),
  name: z.string().optional(),
  config: z.looseObject({ name: z.string().optional(), units: z.number().int().positive().optional(), activation: z.string().optional(), use_bias: z.boolean().optional() }),
  // Functional models: [[[inboundLayerName, nodeIndex, tensorIndex, kwargs], ...]]
  inbound_nodes: z.array(z.array(z.tuple([z.string(), z.number(), z.number()]).rest(z.unknown()))).optional(),
});
const topologySchema = z.object({
  class_name: z.enum(['Model', 'Functional', 'Sequential']),
  config: z.union([
    z.looseObject({ layers: z.array(layerSchema), output_layers: z.array(z.tuple([z.string(), z.number(), z.number()])).optional() }),
    z.array(layerSchema), // very old Sequential files
  ]),
});
const modelJsonSchema = z.object({
  modelTopology: z.looseObject({ model_config: topologySchema.optional() }).or(topologySchema),
  weightsManifest: z.array(z.object({
    paths: z.array(z.string()),
    weights: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()), dtype: z.string() })),
  })),
});

type Layer = z.infer<typeof layerSchema>;

/** One node of the graph, evaluated in order; `inputs` index earlier nodes. */
type Node =
  | { kind: 'input'; dim: number }
  | { kind: 'dense'; input: number; kernel: Float32Array; bias: Float32Array | null; inDim: number; units: number; activation: Activation }
  | { kind: 'activation'; input: number; activation: Activation }
  | { kind: 'average' | 'add'; inputs: number[] };

export interface DenseModel {
  readonly inputDim: number;
  readonly outputDim: number;
  /** One output row per input row (a batch is just a loop: no tensors, no backend). */
  predict(rows: readonly Float32Array[]): Float32Array[];
}

export class UnsupportedModelError extends Error {}

function activationOf(name: string | undefined, layer: string): Activation {
  const value = name ?? 'linear';
  if (!(ACTIVATIONS as readonly string[]).includes(value)) throw new UnsupportedModelError(`${layer}: activation ${value} is not supported`);
  return value as Activation;
}

function activate(values: Float64Array, activation: Activation): void {
  const n = values.length;
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < n; i++) if (values[i] < 0) values[i] = 0;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) values[i] = Math.tanh(values[i]);
      return;
    case 'elu':
      for (let i = 0; i < n; i++) if (values[i] < 0) values[i] = Math.expm1(values[i]);
      return;
    case 'selu': {
      const alpha = 1.6732632423543772, scale = 1.0507009873554805;
      for (let i = 0; i < n; i++) values[i] = scale * (values[i] < 0 ? alpha * Math.expm1(values[i]) : values[i]);
      return;
    }
    case 'softplus':
      for (let i = 0; i < n; i++) values[i] = Math.log1p(Math.exp(values[i]));
      return;
    case 'softmax': {
      let max = -Infinity;
      for (let i = 0; i < n; i++) max = Math.max(max, values[i]);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += values[i] = Math.exp(values[i] - max);
      for (let i = 0; i < n; i++) values[i] /= sum;
    }
  }
}

/** Rounds to float32 as TF.js stores every intermediate tensor. */
function toF32(values: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) values[i] = Math.fround(values[i]);
  return values;
}

/**
 * One Dense layer over a batch (rows × inDim, row-major) → rows × units. Four rows share each
 * kernel row read: the kernel ([inDim, units], row-major) is what costs memory bandwidth.
 */
function dense(node: Extract<Node, { kind: 'dense' }>, x: Float64Array, rows: number): Float64Array {
  const { kernel, bias, inDim, units } = node;
  const out = new Float64Array(rows * units);
  for (let r = 0; r < rows; r += 4) {
    const n = Math.min(4, rows - r);
    const o0 = r * units, o1 = o0 + units, o2 = o1 + units, o3 = o2 + units;
    const x0 = r * inDim, x1 = x0 + inDim, x2 = x1 + inDim, x3 = x2 + inDim;
    for (let i = 0; i < inDim; i++) {
      const a = x[x0 + i], b = n > 1 ? x[x1 + i] : 0, c = n > 2 ? x[x2 + i] : 0, d = n > 3 ? x[x3 + i] : 0;
      const row = i * units;
      if (n === 4) {
        for (let j = 0; j < units; j++) {
          const k = kernel[row + j];
          out[o0 + j] += a * k;
          out[o1 + j] += b * k;
          out[o2 + j] += c * k;
          out[o3 + j] += d * k;
        }
      } else {
        for (let j = 0; j < units; j++) {
          const k = kernel[row + j];
          out[o0 + j] += a * k;
          if (n > 1) out[o1 + j] += b * k;
          if (n > 2) out[o2 + j] += c * k;
        }
      }
    }
  }
  for (let r = 0; r < rows; r++) {
    const v = out.subarray(r * units, (r + 1) * units);
    if (bias) for (let j = 0; j < units; j++) v[j] += bias[j];
    activate(toF32(v), node.activation);
    toF32(v);
  }
  return out;
}

function layersOf(topology: z.infer<typeof topologySchema>): { layers: Layer[]; outputs: string[] | null; sequential: boolean } {
  const layers = Array.isArray(topology.config) ? topology.config : topology.config.layers;
  const outputs = Array.isArray(topology.config) ? null : topology.config.output_layers?.map((o) => o[0]) ?? null;
  return { layers, outputs, sequential: topology.class_name === 'Sequential' };
}

function inputDimOf(layer: Layer): number | null {
  const shape = (layer.config.batch_input_shape ?? layer.config.batch_shape) as unknown;
  if (Array.isArray(shape) && typeof shape[shape.length - 1] === 'number') return shape[shape.length - 1] as number;
  return null;
}

/** Builds the runner from model.json's content and its weights (the manifest's files, joined in order). */
export function parseDenseModel(modelJson: unknown, weightData: ArrayBuffer): DenseModel {
  const parsed = modelJsonSchema.parse(modelJson);
  const topology = 'class_name' in parsed.modelTopology ? topologySchema.parse(parsed.modelTopology) : parsed.modelTopology.model_config;
  if (!topology) throw new UnsupportedModelError('model.json has no topology');
  const weights = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of parsed.weightsManifest.flatMap((g) => g.weights)) {
    if (spec.dtype !== 'float32') throw new UnsupportedModelError(`${spec.name}: ${spec.dtype} weights are not supported`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    weights.set(spec.name, new Float32Array(weightData.slice(offset, offset + 4 * size)));
    offset += 4 * size;
  }
  if (offset !== weightData.byteLength) throw new UnsupportedModelError(`weights: ${weightData.byteLength} bytes, the manifest names ${offset}`);

  const { layers, outputs, sequential } = layersOf(topology);
  const nodes: Node[] = [];
  const dims: number[] = [];
  const index = new Map<string, number>();
  const add = (name: string, node: Node, dim: number): void => {
    index.set(name, nodes.length);
    nodes.push(node);
    dims.push(dim);
  };
  const weight = (name: string, length: number): Float32Array => {
    const w = weights.get(name);
    if (!w || w.length !== length) throw new UnsupportedModelError(`weight ${name}: expected ${length} values, found ${w?.length ?? 'none'}`);
    return w;
  };
  for (const layer of layers) {
    const name = layer.name ?? layer.config.name ?? `layer${nodes.length}`;
    let inputs: number[];
    if (sequential) {
      if (nodes.length === 0 && layer.class_name !== 'InputLayer') {
        const dim = inputDimOf(layer);
        if (dim === null) throw new UnsupportedModelError(`${name}: the first layer has no input shape`);
        add('__input', { kind: 'input', dim }, dim);
      }
      inputs = nodes.length ? [nodes.length - 1] : [];
    } else {
      const inbound = layer.inbound_nodes ?? [];
      if (inbound.length > 1) throw new UnsupportedModelError(`${name}: shared layers are not supported`);
      inputs = (inbound[0] ?? []).map(([from]) => {
        const i = index.get(from);
        if (i === undefined) throw new UnsupportedModelError(`${name}: input ${from} is not defined before it`);
        return i;
      });
    }
    const one = (): number => {
      if (inputs.length !== 1) throw new UnsupportedModelError(`${name}: expected one input, found ${inputs.length}`);
      return inputs[0];
    };
    switch (layer.class_name) {
      case 'InputLayer': {
        const dim = inputDimOf(layer);
        if (dim === null) throw new UnsupportedModelError(`${name}: no input shape`);
        add(name, { kind: 'input', dim }, dim);
        break;
      }
      case 'Dense': {
        const input = one();
        const inDim = dims[input];
        const units = layer.config.units;
        if (!units) throw new UnsupportedModelError(`${name}: no units`);
        const useBias = layer.config.use_bias ?? true;
        add(name, {
          kind: 'dense', input, inDim, units, activation: activationOf(layer.config.activation, name),
          kernel: weight(`${name}/kernel`, inDim * units), bias: useBias ? weight(`${name}/bias`, units) : null,
        }, units);
        break;
      }
      case 'Dropout': // inference: identity
        index.set(name, one());
        break;
      case 'Activation':
        add(name, { kind: 'activation', input: one(), activation: activationOf(layer.config.activation, name) }, dims[one()]);
        break;
      case 'Average':
      case 'Add': {
        if (inputs.length < 1 || inputs.some((i) => dims[i] !== dims[inputs[0]])) throw new UnsupportedModelError(`${name}: inputs of unequal size`);
        add(name, { kind: layer.class_name === 'Add' ? 'add' : 'average', inputs }, dims[inputs[0]]);
        break;
      }
      default:
        throw new UnsupportedModelError(`${name}: layer ${layer.class_name} is not supported by the plain-JS runner`);
    }
  }
  const inputNodes = nodes.flatMap((n, i) => (n.kind === 'input' ? [i] : []));
  if (inputNodes.length !== 1) throw new UnsupportedModelError(`expected one input, found ${inputNodes.length}`);
  const outputIndex = outputs ? outputs.map((o) => index.get(o)) : [nodes.length - 1];
  if (outputIndex.length !== 1 || outputIndex[0] === undefined) throw new UnsupportedModelError('expected one output');
  const out = outputIndex[0];
  const inputDim = dims[inputNodes[0]];

  const run = (batch: readonly Float32Array[]): Float32Array[] => {
    const rows = batch.length;
    if (!rows) return [];
    const values: Float64Array[] = [];
    for (let i = 0; i <= out; i++) {
      const node = nodes[i];
      const dim = dims[i];
      if (node.kind === 'input') {
        const x = new Float64Array(rows * dim);
        batch.forEach((row, r) => {
          if (row.length !== dim) throw new Error(`input has ${row.length} values, the model takes ${dim}`);
          x.set(row, r * dim);
        });
        values.push(x);
      } else if (node.kind === 'dense') values.push(dense(node, values[node.input], rows));
      else if (node.kind === 'activation') {
        const v = Float64Array.from(values[node.input]);
        for (let r = 0; r < rows; r++) activate(v.subarray(r * dim, (r + 1) * dim), node.activation);
        values.push(toF32(v));
      } else {
        const v = new Float64Array(rows * dim);
        for (const from of node.inputs) for (let k = 0; k < v.length; k++) v[k] += values[from][k];
        if (node.kind === 'average') for (let k = 0; k < v.length; k++) v[k] /= node.inputs.length;
        values.push(toF32(v));
      }
    }
    const result = values[out];
    const k = dims[out];
    return batch.map((_, r) => Float32Array.from(result.subarray(r * k, (r + 1) * k)));
  };
  return { inputDim, outputDim: dims[out], predict: run };
}

/** Reads `<dir>/<file>` and its weight files. Throws UnsupportedModelError for anything but Dense graphs. */
export async function loadDenseModel(dir: string, file = 'model.json'): Promise<DenseModel> {
  const json: unknown = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
  const manifest = modelJsonSchema.shape.weightsManifest.safeParse((json as { weightsManifest?: unknown }).weightsManifest);
  if (!manifest.success) throw new UnsupportedModelError(`${file}: no weights manifest`);
  const buffers = await Promise.all(manifest.data.flatMap((g) => g.paths).map((p) => fs.readFile(path.join(dir, p))));
  const joined = Buffer.concat(buffers);
  return parseDenseModel(json, joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer);
}
