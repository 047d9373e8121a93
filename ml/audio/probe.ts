import { open } from 'node:fs/promises';
import ffmpeg, { type FfprobeData } from 'fluent-ffmpeg';
import { resolveFfmpeg } from './ffmpeg-path';
import { HEADER_BYTES, parseAudioHeader } from './header-probe';
import { EmoqaError } from '../../electron/shared/errors';

export interface ProbeInfo {
  format: string | null;
  codec: string | null;
  sampleRate: number | null;
  channels: number | null;
  durationS: number | null;
  /** A video container whose audio track is what gets analysed. */
  hasVideo: boolean;
}

let configuredFor: string | undefined;

function number(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

/** The last meaningful line of ffprobe's complaint, without the file path repeated. */
function reasonFrom(error: unknown, path: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split('\n')
    .map((line) => line.replace(path, '').replace(/^[:\s]+/, '').trim())
    .filter((line) => line && !/^ffprobe exited with code/.test(line));
  return lines.at(-1) ?? 'ffprobe could not read it';
}

function runProbe(path: string): Promise<FfprobeData> {
  const { ffprobe } = resolveFfmpeg();
  if (configuredFor !== ffprobe) {
    ffmpeg.setFfprobePath(ffprobe);
    configuredFor = ffprobe;
  }
  return new Promise((resolve, reject) => {
    ffmpeg.ffprobe(path, (error: unknown, data: FfprobeData) => (error ? reject(error) : resolve(data)));
  });
}

/** What ingest has already read of a file: its first bytes (up to HEADER_BYTES) and its size. */
export interface FileHead {
  head: Uint8Array;
  size: number;
}

async function readHead(path: string): Promise<FileHead | null> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const head = new Uint8Array(Math.min(HEADER_BYTES, size));
      const { bytesRead } = await file.read(head, 0, head.length, 0);
      return { head: head.subarray(0, bytesRead), size };
    } finally {
      await file.close();
    }
  } catch {
    return null; // ffprobe then says what is wrong with it
  }
}

/**
 * THE probe: recognises audio by what is inside the file, never by its name (a `.wav` that is text
 * is refused, an `.mp4` call or a `.dat` export with an audio track is accepted). A WAV or FLAC
 * header is read in-process (header-probe.ts, from `known` when the caller has read the file's
 * start already); everything else, and any header that does not parse, goes to ffprobe.
 */
export async function probeAudio(path: string, known?: FileHead): Promise<ProbeInfo> {
  const start = known ?? (await readHead(path));
  return (start && parseAudioHeader(start.head, start.size)) ?? ffprobeAudio(path);
}

/** The probe by ffprobe alone (what probeAudio falls back to; tests compare the two). */
export async function ffprobeAudio(path: string): Promise<ProbeInfo> {
  let data: FfprobeData;
  try {
    data = await runProbe(path);
  } catch (error) {
    if (error instanceof EmoqaError) throw error;
    throw new EmoqaError('NOT_AUDIO', `not a recognisable audio or video file (${reasonFrom(error, path)})`, { cause: error });
  }
  const audio = data.streams.find((stream) => stream.codec_type === 'audio');
  if (!audio) throw new EmoqaError('NOT_AUDIO', 'the file has no audio stream');
  const durationS = number(audio.duration) ?? number(data.format.duration);
  if (durationS !== null && durationS <= 0) throw new EmoqaError('NOT_AUDIO', 'the file contains no audio samples (0 s)');
  return {
    format: data.format.format_name ?? null,
    codec: audio.codec_name ?? null,
    sampleRate: number(audio.sample_rate),
    channels: number(audio.channels),
    durationS,
    hasVideo: data.streams.some((stream) => stream.codec_type === 'video' && stream.disposition?.attached_pic !== 1),
  };
}

/**
 * Channels of the first audio stream, by the same probe (for callers that have no stored layout:
 * whole-file decoding of utterances, tools). The analysis of an ingested call uses the layout
 * stored at ingest and probes nothing.
 */
export async function probeChannelCount(path: string): Promise<number> {
  let channels: number | null;
  try {
    channels = (await probeAudio(path)).channels;
  } catch (error) {
    if (error instanceof EmoqaError && error.code === 'NOT_AUDIO') {
      throw new EmoqaError('NOT_AUDIO', `${path}: not a decodable audio file (${error.message})`, { cause: error });
    }
    throw error;
  }
  if (channels === null || channels < 1) throw new EmoqaError('NOT_AUDIO', `${path}: not a decodable audio file (no channel count)`);
  return channels;
}
