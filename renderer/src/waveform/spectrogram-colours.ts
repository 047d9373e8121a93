/**
 * The spectrogram's colour map: a perceptually ordered ramp (viridis' anchors, dark blue to
 * yellow) as a 256-entry RGB table, so quiet is dark and loud is light for every reader.
 */
const ANCHORS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];

/** r, g, b of level v (0..255) at [3v, 3v + 3). */
export const SPECTROGRAM_COLOURS: Uint8ClampedArray = (() => {
  const table = new Uint8ClampedArray(256 * 3);
  for (let v = 0; v < 256; v++) {
    const at = (v / 255) * (ANCHORS.length - 1);
    const i = Math.min(ANCHORS.length - 2, Math.floor(at));
    const t = at - i;
    for (let k = 0; k < 3; k++) table[3 * v + k] = Math.round(ANCHORS[i][k] + (ANCHORS[i + 1][k] - ANCHORS[i][k]) * t);
  }
  return table;
})();

/** Byte columns (bin 0 first, electron/shared/spectrogram.ts) into RGBA `pixels` (columns × bins): time left to right, high frequencies on top. */
export function columnsToPixels(bytes: Uint8Array, columns: number, bins: number, pixels: Uint8ClampedArray): void {
  for (let c = 0; c < columns; c++) {
    for (let b = 0; b < bins; b++) {
      const v = bytes[c * bins + b];
      const p = ((bins - 1 - b) * columns + c) * 4;
      pixels[p] = SPECTROGRAM_COLOURS[3 * v];
      pixels[p + 1] = SPECTROGRAM_COLOURS[3 * v + 1];
      pixels[p + 2] = SPECTROGRAM_COLOURS[3 * v + 2];
      pixels[p + 3] = 255;
    }
  }
}
