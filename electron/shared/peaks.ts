/**
 * Waveform peaks on the wire: int8 min/max pairs (value / 127 → -1..1), fetched by zoom level and
 * bucket range so a long call never travels as one large answer. `recordings.peaksRange` returns
 * the bytes of each channel's pairs one channel after the other, `count` pairs each (fewer at the end).
 */

/** The most buckets one `recordings.peaksRange` answer may carry per channel (512 KiB for stereo). */
export const MAX_RANGE_BUCKETS = 131_072;

/** Splits a `recordings.peaksRange` answer into one Int8Array of interleaved min/max per channel. */
export function splitPeaksRange(bytes: Uint8Array, channels: number): Int8Array[] {
  if (channels <= 0) return [];
  const perChannel = Math.floor(bytes.byteLength / channels / 2) * 2;
  return Array.from({ length: channels }, (_, c) => new Int8Array(bytes.buffer, bytes.byteOffset + c * perChannel, perChannel));
}

/** The finest level whose bucket count per channel is at most `budget` (else the coarsest). */
export function levelWithin<L extends { buckets: number }>(levels: readonly L[], budget: number): L {
  return levels.find((level) => level.buckets <= budget) ?? levels[levels.length - 1];
}
