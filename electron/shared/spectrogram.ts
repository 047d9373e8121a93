/**
 * A spectrogram on the wire: `recordings.spectrogram` answers one party's visible time range as
 * uint8 log magnitudes, `columns` columns one after the other, each SPECTROGRAM_BINS bytes from
 * 0 Hz upwards (bin b covers b · SPECTROGRAM_HZ_PER_BIN Hz), 0 = the floor, 255 = the ceiling.
 * Computed on the server from that range of the file only; binary on every transport.
 */

/** The rate the range is resampled to: telephone calls are 8 kHz, so the lane shows 0–4 kHz. */
export const SPECTROGRAM_RATE = 8000;
/** STFT size at that rate (64 ms frames, 15.6 Hz bins). */
export const SPECTROGRAM_FFT = 512;
/** Bins per column: every FFT bin below Nyquist. */
export const SPECTROGRAM_BINS = SPECTROGRAM_FFT / 2;
export const SPECTROGRAM_HZ_PER_BIN = SPECTROGRAM_RATE / SPECTROGRAM_FFT;
/** Top of the frequency axis. */
export const SPECTROGRAM_MAX_HZ = SPECTROGRAM_RATE / 2;
/** dB (relative to a full-scale sine) mapped to 0 and 255. */
export const SPECTROGRAM_FLOOR_DB = -100;
export const SPECTROGRAM_CEILING_DB = -20;
/** The most columns one answer may carry (a 2048 px lane at 2× pixels): 1 MiB at most. */
export const MAX_SPECTROGRAM_COLUMNS = 4096;
/** The longest range one request may cover: decoding more for one screen would keep the server busy. */
export const MAX_SPECTROGRAM_SPAN_S = 600;

export const SPECTROGRAM_SPAN_MESSAGE = `a spectrogram covers at most ${MAX_SPECTROGRAM_SPAN_S / 60} minutes at a time: zoom in`;

/** Columns an answer holds (its byte length over the bins). */
export function spectrogramColumns(bytes: Uint8Array): number {
  return Math.floor(bytes.byteLength / SPECTROGRAM_BINS);
}
