import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFile } from '../../../../ml/audio/decode';
import { checkAudioFile } from '../../../../ml/audio/check-file';
import { ingestFile } from '../../../../electron/services/ingest/ingest-file';
import { planRecording } from '../../../../electron/services/analysis/recording-plan';
import { libraryDb } from '../../../../electron/db/library-database';
import { openDatabase } from '../../../../electron/db/database';
import { makeTempDir } from '../../../helpers/fixtures';

// Ingest and the decoders used to check inputs separately and disagreed: a folder was UNREADABLE
// to ingest and NOT_AUDIO to decodeFile (so was a named pipe). One check now, one answer:
// not a regular file → UNREADABLE (NOT_AUDIO is ffmpeg's verdict on content).
describe('one input check for ingest and decode', () => {
  const temp = makeTempDir('emoqa-check-');
  afterAll(() => temp.cleanup());
  const folder = join(temp.dir, 'calls.wav');
  const fifo = join(temp.dir, 'pipe.wav');
  const empty = join(temp.dir, 'empty.wav');
  const dangling = join(temp.dir, 'gone.wav');
  mkdirSync(folder);
  execFileSync('mkfifo', [fifo]);
  writeFileSync(empty, '');
  symlinkSync(join(temp.dir, 'nowhere.wav'), dangling);
  const cases: Array<[string, string, RegExp]> = [
    [folder, 'UNREADABLE', /folder/],
    [fifo, 'UNREADABLE', /named pipe/],
    [empty, 'EMPTY_FILE', /empty/],
    [dangling, 'NOT_FOUND', /link/],
    [join(temp.dir, 'missing.wav'), 'NOT_FOUND', /no such file/],
  ];

  it.each(cases)('%s → %s, the same everywhere', async (path, code, message) => {
    await expect(checkAudioFile(path)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    await expect(decodeFile(path, { sampleRate: 16000 })).rejects.toMatchObject({ code, message: expect.stringContaining(path) });
    await expect(planRecording(path, ['agent', 'customer'])).rejects.toMatchObject({ code });
    const db = openDatabase(':memory:');
    try {
      const outcome = await ingestFile(libraryDb(db), { path, explicit: true }, null, ['agent', 'customer']);
      expect(outcome).toMatchObject({ kind: 'error', error: { code } });
    } finally {
      db.close();
    }
  });
});
