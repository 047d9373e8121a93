import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface SliceConv1DArgs extends LayerArgs {
  filters: number;
  kernelSize: number;
  padding?: 'same' | 'valid';
  activation?: 'relu' | 'linear';
  seed?: number;
}

/**
 * Conv1D as K shifted slices, concatenated on channels, times one [K·C, F] matrix. Same result as
 * tf.layers.conv1d (stride 1, no dilation), but its gradient needs only slice/concat/matMul, which
 * the WASM backend has (it lacks Conv2DBackpropFilter, so tf.layers.conv1d cannot train there).
 */
export class SliceConv1D extends tf.layers.Layer {
  static className = 'SliceConv1D';
  private readonly filters: number;
  private readonly kernelSize: number;
  private readonly padding: 'same' | 'valid';
  private readonly activation: 'relu' | 'linear';
  private readonly seed: number | undefined;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: SliceConv1DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.padding = args.padding ?? 'same';
    this.activation = args.activation ?? 'linear';
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1] ?? 1;
    this.kernel = this.addWeight('kernel', [this.kernelSize * channels, this.filters], 'float32',
      tf.initializers.glorotUniform({ seed: this.seed }));
    this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const steps = shape[1];
    const out = steps == null ? null : this.padding === 'same' ? steps : steps - this.kernelSize + 1;
    return [shape[0], out, this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      if (!this.kernel || !this.bias) throw new Error('SliceConv1D used before build');
      const [batch, steps, channels] = x.shape;
      const k = this.kernelSize;
      // 'same' pads like Keras: floor((k-1)/2) before, the rest after.
      const before = Math.floor((k - 1) / 2);
      const padded = this.padding === 'same' ? tf.pad(x, [[0, 0], [before, k - 1 - before], [0, 0]]) : x;
      const outSteps = this.padding === 'same' ? steps : steps - k + 1;
      const parts: tf.Tensor3D[] = [];
      for (let i = 0; i < k; i++) parts.push(tf.slice(padded, [0, i, 0], [batch, outSteps, channels]));
      const stacked = (k === 1 ? parts[0] : tf.concat(parts, 2)).reshape([batch * outSteps, k * channels]);
      let y = tf.add(tf.matMul(stacked, this.kernel.read() as tf.Tensor2D), this.bias.read());
      if (this.activation === 'relu') y = tf.relu(y);
      return y.reshape([batch, outSteps, this.filters]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, padding: this.padding, activation: this.activation };
  }
}

tf.serialization.registerClass(SliceConv1D);
