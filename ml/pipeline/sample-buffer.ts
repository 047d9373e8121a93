/**
 * The recent past of a stream: samples from `start` (an absolute index) up to what was appended.
 * The owner drops what it no longer needs, so its size is bounded by the longest span in flight,
 * not by the length of the call. Dropped samples are reclaimed lazily (one move per half buffer).
 */
export class SampleBuffer {
  private data: Float32Array;
  /** Absolute index of data[head]. */
  private start = 0;
  private head = 0;
  private tail = 0;

  constructor(initialCapacity = 1 << 16) {
    this.data = new Float32Array(initialCapacity);
  }

  /** Absolute index one past the last appended sample. */
  get end(): number {
    return this.start + (this.tail - this.head);
  }

  get capacity(): number {
    return this.data.length;
  }

  append(samples: Float32Array): void {
    if (this.tail + samples.length > this.data.length) {
      const live = this.tail - this.head;
      const target = this.data.length >= 2 * (live + samples.length) ? this.data : new Float32Array(Math.max(this.data.length * 2, 2 * (live + samples.length)));
      target.set(this.data.subarray(this.head, this.tail));
      this.data = target;
      this.head = 0;
      this.tail = live;
    }
    this.data.set(samples, this.tail);
    this.tail += samples.length;
  }

  /** Samples [from, to) as a view, valid until the next append or discard. */
  view(from: number, to: number): Float32Array {
    if (from < this.start || to > this.end || to < from) {
      throw new RangeError(`samples ${from}..${to} are not buffered (${this.start}..${this.end})`);
    }
    return this.data.subarray(this.head + from - this.start, this.head + to - this.start);
  }

  /** Forgets every sample before `index`. */
  discardBefore(index: number): void {
    const drop = Math.min(this.tail - this.head, Math.max(0, index - this.start));
    this.head += drop;
    this.start += drop;
  }
}
