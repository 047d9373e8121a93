/**
 * The probe of the formats whose header says everything ffprobe would: RIFF/WAVE with PCM, float,
 * μ-law or A-law samples, and FLAC (STREAMINFO). Read in-process from the first bytes of the file
 * (which ingest already reads to hash it), so a folder of WAV calls spawns no ffprobe at all.
 * Anything else, or a header with anything unusual (a data size that is missing or runs past the
 * end of the file, an unknown codec, RF64), gives null and the caller asks ffprobe: the answer is
 * then ffprobe's own, errors included. What is returned matches ffprobe field for field
 * (test/unit/ml/audio/header-probe.test.ts compares them).
 */
import type { ProbeInfo } from './probe';

/** Bytes of the file the header must lie in (a WAV's `data` chunk starts within them). */
export const HEADER_BYTES = 64 * 1024;

/** KSDATAFORMAT_SUBTYPE_* GUIDs after their first two bytes (the format tag). */
const SUBFORMAT_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}

/** ffprobe prints durations with 6 decimals: the same rounding, so both give the same number. */
function seconds(frames: number, rate: number): number {
  return Number((frames / rate).toFixed(6));
}

/** ffmpeg's codec for a WAV format tag and its bits per sample (riffdec / ff_get_pcm_codec_id). */
function wavCodec(tag: number, bits: number): string | null {
  if (tag === 1) return ({ 8: 'pcm_u8', 16: 'pcm_s16le', 24: 'pcm_s24le', 32: 'pcm_s32le' } as Record<number, string>)[bits] ?? null;
  if (tag === 3) return ({ 32: 'pcm_f32le', 64: 'pcm_f64le' } as Record<number, string>)[bits] ?? null;
  if (tag === 6 && bits === 8) return 'pcm_alaw';
  if (tag === 7 && bits === 8) return 'pcm_mulaw';
  return null;
}

function parseWav(head: Uint8Array, fileSize: number): ProbeInfo | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let fmt: { codec: string; channels: number; rate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= head.length; ) {
    const id = ascii(head, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > head.length) return null;
      let tag = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const rate = view.getUint32(body + 4, true);
      const bits = view.getUint16(body + 14, true);
      if (tag === WAVE_FORMAT_EXTENSIBLE) {
        if (size < 40 || view.getUint16(body + 16, true) < 22) return null;
        if (SUBFORMAT_TAIL.some((byte, i) => head[body + 26 + i] !== byte)) return null;
        tag = view.getUint16(body + 24, true);
      }
      const codec = wavCodec(tag, bits);
      if (!codec || channels < 1 || rate < 1) return null;
      fmt = { codec, channels, rate, bits };
    } else if (id === 'data') {
      // ffmpeg reads a size of 0 or 0xFFFFFFFF (a recorder still writing) up to the end of the
      // file, and times a chunk that runs past the end by bit rate: those are left to ffprobe.
      if (!fmt || size === 0 || size === 0xffffffff || body + size > fileSize) return null;
      const frames = Math.floor((size * 8) / (fmt.channels * fmt.bits));
      if (frames === 0) return null;
      return { format: 'wav', codec: fmt.codec, sampleRate: fmt.rate, channels: fmt.channels, durationS: seconds(frames, fmt.rate), hasVideo: false };
    }
    at = body + size + (size & 1); // chunks are padded to an even length
  }
  return null;
}

function parseFlac(head: Uint8Array): ProbeInfo | null {
  // The first metadata block must be STREAMINFO (type 0, 34 bytes).
  if (head.length < 8 + 34 || (head[4] & 0x7f) !== 0) return null;
  const length = (head[5] << 16) | (head[6] << 8) | head[7];
  if (length !== 34) return null;
  const s = 8;
  const rate = (head[s + 10] << 12) | (head[s + 11] << 4) | (head[s + 12] >> 4);
  const channels = ((head[s + 12] >> 1) & 0x07) + 1;
  // 36 bits of total samples: the low 4 bits of byte 13, then bytes 14..17.
  const frames = (head[s + 13] & 0x0f) * 2 ** 32 + ((head[s + 14] << 24) >>> 0) + ((head[s + 15] << 16) | (head[s + 16] << 8) | head[s + 17]);
  if (rate < 1 || frames === 0) return null;
  return { format: 'flac', codec: 'flac', sampleRate: rate, channels, durationS: seconds(frames, rate), hasVideo: false };
}

/**
 * The probe of a file from its first bytes (`head`, up to HEADER_BYTES) and its size, or null when
 * only ffprobe can tell.
 */
export function parseAudioHeader(head: Uint8Array, fileSize: number): ProbeInfo | null {
  if (head.length < 12) return null;
  if (ascii(head, 0) === 'RIFF' && ascii(head, 8) === 'WAVE') return parseWav(head, fileSize);
  if (ascii(head, 0) === 'fLaC') return parseFlac(head);
  return null;
}
