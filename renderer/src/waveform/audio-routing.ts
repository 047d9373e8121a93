/**
 * Plays one party alone: the stereo stream is split into its channels and each routed to both ears
 * (or muted). Built lazily on first use, since a media element can feed only one WebAudio graph and
 * an AudioContext wants a user gesture.
 */
export class PartyRouting {
  private context: AudioContext | null = null;
  /** gains[channel][ear]. */
  private gains: GainNode[][] = [];

  constructor(private readonly media: HTMLMediaElement) {}

  /** null plays every party on its own side, as recorded. */
  solo(channel: number | null): void {
    if (!this.context) {
      if (channel === null) return;
      this.build();
    }
    void this.context?.resume();
    this.gains.forEach((ears, from) => {
      ears.forEach((gain, ear) => {
        const on = channel === null ? from === ear : from === channel;
        gain.gain.value = on ? 1 : 0;
      });
    });
  }

  private build(): void {
    const context = new AudioContext();
    const source = context.createMediaElementSource(this.media);
    const splitter = context.createChannelSplitter(2);
    const merger = context.createChannelMerger(2);
    source.connect(splitter);
    this.gains = [0, 1].map((from) =>
      [0, 1].map((ear) => {
        const gain = context.createGain();
        splitter.connect(gain, from);
        gain.connect(merger, 0, ear);
        return gain;
      }),
    );
    merger.connect(context.destination);
    this.context = context;
  }

  destroy(): void {
    void this.context?.close();
    this.context = null;
  }
}
