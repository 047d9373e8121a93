/**
 * Spans from per-frame speech decisions, for the detectors that decide frame by frame (WebRTC,
 * Silero): silence shorter than the hangover is bridged, spans shorter than the minimum dropped.
 */
import type { SampleSpan } from './spans';

export class FrameSpans {
  private frameIndex = 0;
  private spanStart = -1;
  private lastActive = -1;
  private out: SampleSpan[] = [];

  /** `hop` samples per frame; hangover and minimum length in frames. */
  constructor(private readonly hop: number, private readonly hangover: number, private readonly minSpeech: number) {}

  /** Whether a span is open (a detector with hysteresis continues it at a lower level). */
  get open(): boolean {
    return this.spanStart >= 0;
  }

  /** The decision of the next frame. */
  add(voiced: boolean): void {
    const f = this.frameIndex++;
    if (voiced) {
      if (this.spanStart < 0) this.spanStart = f;
      this.lastActive = f;
    } else if (this.spanStart >= 0 && f - this.lastActive > this.hangover) {
      this.close(this.lastActive + 1);
    }
  }

  /** Closes any open span (end of the stream). */
  finish(): void {
    if (this.spanStart >= 0) this.close(this.lastActive + 1);
  }

  /** The spans closed since the last call. */
  take(): SampleSpan[] {
    const spans = this.out;
    this.out = [];
    return spans;
  }

  private close(endFrame: number): void {
    if (endFrame - this.spanStart >= this.minSpeech) this.out.push({ start: this.spanStart * this.hop, end: endFrame * this.hop });
    this.spanStart = -1;
  }
}
