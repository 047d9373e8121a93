import { readFile } from 'node:fs/promises';

export interface WavData {
  sampleRate: number;
  /** One Float32Array per channel, -1..1. */
  channels: Float32Array[];
  durationS: number;
}

function mulaw(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return (sign ? -magnitude : magnitude) / 32768;
}

function alaw(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  let magnitude = (a & 0x0f) << 4;
  magnitude = exponent === 0 ? magnitude + 8 : (magnitude + 0x108) << (exponent - 1);
  return (a & 0x80 ? magnitude : -magnitude) / 32768;
}

/**
 * A small WAV reader for test and bench fixtures (PCM 8/16-bit, float32, A-law, μ-law), so synthetic
 * analysis can draw real peaks without ffmpeg. Not for production: the app decodes through ffmpeg.
 */
export async function readWav(path: string): Promise<WavData> {
  const buffer = await readFile(path);
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let offset = 12;
  let format = 0;
  let channelCount = 0;
  let sampleRate = 0;
  let bits = 0;
  let data: Buffer | null = null;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = buffer.readUInt16LE(body);
      channelCount = buffer.readUInt16LE(body + 2);
      sampleRate = buffer.readUInt32LE(body + 4);
      bits = buffer.readUInt16LE(body + 14);
      if (format === 0xfffe) format = buffer.readUInt16LE(body + 24);
    } else if (id === 'data') {
      data = buffer.subarray(body, Math.min(buffer.length, body + size));
      break;
    }
    offset = body + size + (size % 2);
  }
  if (!data || !channelCount) throw new Error(`${path}: no fmt/data chunk`);
  const bytes = bits / 8;
  const frames = Math.floor(data.length / (bytes * channelCount));
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  const read = (position: number): number => {
    if (format === 7) return mulaw(data[position]);
    if (format === 6) return alaw(data[position]);
    if (format === 3) return data.readFloatLE(position);
    if (bits === 8) return (data[position] - 128) / 128;
    if (bits === 16) return data.readInt16LE(position) / 32768;
    throw new Error(`${path}: unsupported WAV format ${format}/${bits}`);
  };
  for (let frame = 0; frame < frames; frame += 1) {
    for (let channel = 0; channel < channelCount; channel += 1) channels[channel][frame] = read((frame * channelCount + channel) * bytes);
  }
  return { sampleRate, channels, durationS: frames / sampleRate };
}
