/**
 * The WebRTC VAD (libfvad, compiled to WebAssembly) behind the same streaming interface as the
 * energy VAD, with the same hangover and minimum length, so that the two can be compared on the
 * shared calls. It only takes 16-bit frames of 10/20/30 ms at 8, 16, 32 or 48 kHz.
 */
import createFvad, { type FvadModule } from '@echogarden/fvad-wasm';
import { FrameSpans } from './frame-spans';
import type { SampleSpan } from './spans';

export type WebRtcRate = 8000 | 16000 | 32000 | 48000;

export interface WebRtcVadOptions {
  sampleRate: WebRtcRate;
  /** 0 (quality) … 3 (very aggressive). */
  mode?: 0 | 1 | 2 | 3;
  frameMs?: 10 | 20 | 30;
  hangoverS?: number;
  minSpeechS?: number;
}

let modulePromise: Promise<FvadModule> | undefined;

export class WebRtcVad {
  readonly hop: number;
  private readonly pointer: number;
  private readonly handle: number;
  private readonly frame: Int16Array;
  private filled = 0;
  private readonly spans: FrameSpans;

  private constructor(private readonly fvad: FvadModule, options: WebRtcVadOptions) {
    this.hop = (options.sampleRate * (options.frameMs ?? 10)) / 1000;
    this.handle = fvad._fvad_new();
    if (!this.handle) throw new Error('fvad: out of memory');
    if (fvad._fvad_set_sample_rate(this.handle, options.sampleRate) !== 0) throw new Error(`fvad: unsupported rate ${options.sampleRate}`);
    if (fvad._fvad_set_mode(this.handle, options.mode ?? 2) !== 0) throw new Error('fvad: bad mode');
    this.pointer = fvad._malloc(this.hop * 2);
    this.frame = new Int16Array(this.hop);
    const frames = (s: number): number => Math.round((s * options.sampleRate) / this.hop);
    this.spans = new FrameSpans(this.hop, frames(options.hangoverS ?? 0.3), frames(options.minSpeechS ?? 0.12));
  }

  static async create(options: WebRtcVadOptions): Promise<WebRtcVad> {
    modulePromise ??= createFvad();
    return new WebRtcVad(await modulePromise, options);
  }

  push(samples: Float32Array): SampleSpan[] {
    for (let i = 0; i < samples.length; i++) {
      const v = Math.max(-1, Math.min(1, samples[i]));
      this.frame[this.filled++] = Math.round(v * 32767);
      if (this.filled === this.hop) {
        this.processFrame();
        this.filled = 0;
      }
    }
    return this.spans.take();
  }

  finish(): SampleSpan[] {
    this.spans.finish();
    return this.spans.take();
  }

  dispose(): void {
    this.fvad._free(this.pointer);
    this.fvad._fvad_free(this.handle);
  }

  private processFrame(): void {
    // HEAP16 may be replaced when the wasm memory grows: read it each time.
    this.fvad.HEAP16.set(this.frame, this.pointer >> 1);
    this.spans.add(this.fvad._fvad_process(this.handle, this.pointer, this.hop) === 1);
  }
}
