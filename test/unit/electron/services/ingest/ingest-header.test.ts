/**
 * A WAV call is identified and probed from the one read that hashes it: no ffprobe runs (here there
 * is none to run), and what is stored is what ffprobe would have said. Other formats still need it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../../../../electron/services/ingest/ingest-file';
import type { RecordingRow } from '../../../../../electron/services/library/recording-rows';
import { ffmpegMake, makeTempDir } from '../../../../helpers/fixtures';
import { tempDatabase } from '../store-helpers';

const roles: ['agent', 'customer'] = ['agent', 'customer'];

describe('ingest without ffprobe', () => {
  const temp = makeTempDir('emoqa-ingest-header-');
  const store = tempDatabase();
  const wav = join(temp.dir, 'call.wav');
  const mp3 = join(temp.dir, 'call.mp3');
  const saved = process.env.FFPROBE_PATH;
  beforeAll(() => {
    // Before anything resolves ffmpeg in this file's worker: the ffprobe it finds does not exist.
    process.env.FFPROBE_PATH = join(temp.dir, 'no-such-ffprobe');
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000:duration=2.5', '-ac', '2', '-c:a', 'pcm_mulaw', wav]);
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=sample_rate=8000:duration=1', '-c:a', 'libmp3lame', mp3]);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.FFPROBE_PATH;
    else process.env.FFPROBE_PATH = saved;
    store.cleanup();
    temp.cleanup();
  });

  it('queues a μ-law WAV with its layout from the header', async () => {
    const outcome = await ingestFile(store.lib, { path: wav, explicit: true }, roles, roles);
    expect(outcome).toMatchObject({ kind: 'queued', channels: 2, durationS: 2.5 });
    const row = store.db.prepare('SELECT * FROM recordings WHERE path = ?').get(wav) as RecordingRow;
    expect(row).toMatchObject({ format: 'wav', codec: 'pcm_mulaw', sample_rate: 8000, channels: 2, size_bytes: readFileSync(wav).length });
  });

  it('still asks ffprobe for an MP3 (and reports that it could not)', async () => {
    const outcome = await ingestFile(store.lib, { path: mp3, explicit: true }, roles, roles);
    expect(outcome).toMatchObject({ kind: 'error', error: { code: 'NOT_AUDIO', message: expect.stringContaining('no-such-ffprobe') } });
  });
});
