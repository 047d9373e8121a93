/**
 * One party's spectrogram for the range a reviewer sees: ffmpeg decodes only that stretch of the
 * file (seeked, the party's channel picked, resampled to SPECTROGRAM_RATE) and the DSP turns it into
 * byte columns (layout in electron/shared/spectrogram.ts). Nothing of the rest of the call is read.
 */
import type { HandlerArgs } from '../../shared/contract';
import type { RecordingDetail } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import {
  MAX_SPECTROGRAM_COLUMNS,
  MAX_SPECTROGRAM_SPAN_S,
  SPECTROGRAM_BINS,
  SPECTROGRAM_CEILING_DB,
  SPECTROGRAM_FFT,
  SPECTROGRAM_FLOOR_DB,
  SPECTROGRAM_RATE,
  SPECTROGRAM_SPAN_MESSAGE,
} from '../../shared/spectrogram';
import { streamDecode, type ChannelSelection } from '../../../ml/audio/stream-decode';
import { logSpectrogram } from '../../../ml/dsp/spectrogram';

type Args = Omit<HandlerArgs<'recordings.spectrogram'>, 'id'>;

/** The channel a lane's spectrogram comes from: its own, or the one mix a mono or downmixed call has. */
function selection(recording: Pick<RecordingDetail, 'channels' | 'downmixed' | 'fileName'>, channel: number): ChannelSelection {
  const channels = recording.channels;
  if (channels === null) throw new EmoqaError('NOT_FOUND', `${recording.fileName} has no audio to draw (it did not decode)`);
  if (channels === 1 || recording.downmixed) return { kind: 'mean' };
  if (channel >= channels) throw new EmoqaError('INVALID_ARGUMENT', `${recording.fileName} has no channel ${channel} (${channels} channels)`);
  return { kind: 'channel', index: channel };
}

export async function rangeSpectrogram(recording: Pick<RecordingDetail, 'path' | 'channels' | 'downmixed' | 'fileName'>, args: Args): Promise<Uint8Array> {
  const span = args.endS - args.startS;
  if (!(span > 0)) throw new EmoqaError('INVALID_ARGUMENT', 'a spectrogram range ends after it starts');
  // The contract checks these too; the service is called directly by tests and tools.
  if (span > MAX_SPECTROGRAM_SPAN_S) throw new EmoqaError('INVALID_ARGUMENT', `${SPECTROGRAM_SPAN_MESSAGE} (asked ${Math.round(span)} s)`);
  if (args.columns > MAX_SPECTROGRAM_COLUMNS) throw new EmoqaError('INVALID_ARGUMENT', `a spectrogram has at most ${MAX_SPECTROGRAM_COLUMNS} columns (asked ${args.columns})`);
  const select = selection(recording, args.channel);
  // Past the end of the file stays silent: the samples are zeros, the columns the floor.
  const samples = new Float32Array(Math.max(1, Math.round(span * SPECTROGRAM_RATE)));
  let filled = 0;
  const chunks = streamDecode(recording.path, {
    sampleRate: SPECTROGRAM_RATE,
    sourceChannels: recording.channels ?? 1,
    select,
    range: { startS: args.startS, durationS: span },
  });
  for await (const [chunk] of chunks) {
    const take = Math.min(chunk.length, samples.length - filled);
    samples.set(chunk.subarray(0, take), filled);
    filled += take;
    if (filled >= samples.length) break;
  }
  return logSpectrogram(samples, {
    columns: args.columns,
    fftSize: SPECTROGRAM_FFT,
    bins: SPECTROGRAM_BINS,
    floorDb: SPECTROGRAM_FLOOR_DB,
    ceilingDb: SPECTROGRAM_CEILING_DB,
  });
}
