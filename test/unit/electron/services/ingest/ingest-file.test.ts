import { libraryDb } from '../../../../../electron/db/library-database';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '../../../../../ml/audio/content-hash';
import { ingestFile } from '../../../../../electron/services/ingest/ingest-file';
import { probeAudio } from '../../../../../ml/audio/probe';
import { scanPaths } from '../../../../../electron/services/ingest/scan';
import { writeAnalysisResult } from '../../../../../electron/services/library/results-writer';
import { ffmpegMake, makeTempDir } from '../../../../helpers/fixtures';
import { fakeResult, region, tempDatabase } from '../store-helpers';

const roles = ['agent', 'customer'] as const;

describe('ingest', () => {
  const temp = makeTempDir('emoqa-ingest-');
  const store = tempDatabase();
  const a = join(temp.dir, 'in', 'a.wav');
  beforeAll(() => {
    mkdirSync(join(temp.dir, 'in', 'sub'), { recursive: true });
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000:duration=1', '-ac', '2', a]);
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=16000:duration=0.5', '-c:a', 'libmp3lame', '-f', 'mp3', join(temp.dir, 'in', 'sub', 'call.dat')]);
    writeFileSync(join(temp.dir, 'in', 'notes.txt'), 'reviewer notes, not a call\n');
    writeFileSync(join(temp.dir, 'in', 'fake.wav'), 'this is text pretending to be a wav file\n'.repeat(10));
    writeFileSync(join(temp.dir, 'in', '.DS_Store'), 'x');
  });
  afterAll(() => {
    store.cleanup();
    temp.cleanup();
  });

  it('streams a sha256 of the content', async () => {
    const expected = execFileSync('sha256sum', [a]).toString().split(' ')[0];
    expect(await hashFile(a)).toBe(expected);
  });

  it('probes codec, rate, channels and duration, whatever the extension', async () => {
    expect(await probeAudio(a)).toMatchObject({ codec: 'pcm_s16le', sampleRate: 8000, channels: 2, hasVideo: false });
    expect((await probeAudio(a)).durationS).toBeCloseTo(1, 2);
    expect(await probeAudio(join(temp.dir, 'in', 'sub', 'call.dat'))).toMatchObject({ codec: 'mp3', channels: 1 });
    await expect(probeAudio(join(temp.dir, 'in', 'fake.wav'))).rejects.toMatchObject({ code: 'NOT_AUDIO' });
  });

  it('scans folders recursively, skipping hidden files', async () => {
    const scan = await scanPaths([join(temp.dir, 'in')]);
    expect(scan.files.map((f) => f.path.slice(temp.dir.length + 4))).toEqual(['a.wav', 'fake.wav', 'notes.txt', 'sub/call.dat']);
    expect(scan.files.every((f) => !f.explicit)).toBe(true);
  });

  it('queues audio, reports a broken .wav, skips a notes file in a folder but not when named', async () => {
    const [audio, fake, notes, dat] = (await scanPaths([join(temp.dir, 'in')])).files;
    const queued = await ingestFile(store.lib, audio, null, [...roles]);
    expect(queued).toMatchObject({ kind: 'queued', recordingId: await hashFile(a), roles });
    expect(await ingestFile(store.lib, dat, ['speaker', 'speaker'], [...roles])).toMatchObject({ kind: 'queued', roles: ['speaker', 'speaker'] });
    const broken = await ingestFile(store.lib, fake, null, [...roles]);
    expect(broken).toMatchObject({ kind: 'error', error: { code: 'NOT_AUDIO' } });
    expect(await ingestFile(store.lib, notes, null, [...roles])).toMatchObject({ kind: 'skipped' });
    expect(await ingestFile(store.lib, { ...notes, explicit: true }, null, [...roles])).toMatchObject({ kind: 'error', error: { code: 'NOT_AUDIO' } });
    const row = store.db.prepare('SELECT status, error_code, error_message FROM recordings WHERE path = ?').get(fake.path);
    expect(row).toMatchObject({ status: 'error', error_code: 'NOT_AUDIO' });
  });

  it('treats a moved file as the same call and does not analyse it again', async () => {
    const id = await hashFile(a);
    await writeAnalysisResult(store.lib, id, fakeResult(1, [[region(0, 1, 'sad')], []]));
    const moved = join(temp.dir, 'in', 'renamed call.wav');
    renameSync(a, moved);
    expect(await ingestFile(store.lib, { path: moved, explicit: true }, null, [...roles])).toMatchObject({ kind: 'done', recordingId: id });
    expect(store.db.prepare('SELECT path, file_name, status FROM recordings WHERE id = ?').get(id)).toEqual({
      path: moved, file_name: 'renamed call.wav', status: 'done',
    });
    renameSync(moved, a);
    expect(await ingestFile(store.lib, { path: a, explicit: true }, null, [...roles])).toMatchObject({ kind: 'done', recordingId: id });
  });

  // Bug seen under load: a copy of a call, probed while the original finished analysing, was put
  // back to 'queued' (and analysed a second time) by the upsert.
  it('does not re-queue content that finished analysing while its copy was being probed', async () => {
    const fresh = tempDatabase();
    try {
      const original = join(temp.dir, 'race-original.wav');
      const copy = join(temp.dir, 'race-copy.wav');
      ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=8000:duration=1', '-ac', '2', original]);
      copyFileSync(original, copy);
      const queued = await ingestFile(libraryDb(fresh.db), { path: original, explicit: true }, null, [...roles]);
      expect(queued.kind).toBe('queued');
      // The copy's first look finds the row queued; the analysis completes right after it.
      let raced = false;
      const db = new Proxy(fresh.db, {
        get(target, key) {
          if (key !== 'prepare') return Reflect.get(target, key, target) as unknown;
          return (sql: string) => {
            const statement = target.prepare(sql);
            if (raced || !sql.startsWith('select * from "recordings" where "id" = ?')) return statement;
            raced = true;
            return {
              reader: true,
              all: (id: string) => {
                const rows: unknown = statement.all(id);
                target.prepare(`UPDATE recordings SET status = 'done' WHERE id = ?`).run(id);
                return rows;
              },
            };
          };
        },
      });
      const outcome = await ingestFile(libraryDb(db), { path: copy, explicit: true }, null, [...roles]);
      expect(raced).toBe(true);
      expect(outcome).toMatchObject({ kind: 'done', recordingId: queued.kind === 'queued' ? queued.recordingId : '' });
      expect(fresh.db.prepare('SELECT status FROM recordings').all()).toEqual([{ status: 'done' }]);
    } finally {
      fresh.cleanup();
    }
  });

  it('treats new content at the same path as a new version, superseding the old one', async () => {
    const oldId = await hashFile(a);
    copyFileSync(a, join(temp.dir, 'old.wav'));
    ffmpegMake(['-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=8000:duration=1', a]);
    const outcome = await ingestFile(store.lib, { path: a, explicit: true }, null, [...roles]);
    expect(outcome).toMatchObject({ kind: 'queued' });
    const newId = outcome.kind === 'queued' ? outcome.recordingId : '';
    expect(newId).not.toBe(oldId);
    expect(store.db.prepare('SELECT superseded_by FROM recordings WHERE id = ?').get(oldId)).toEqual({ superseded_by: newId });
    expect(store.db.prepare('SELECT count(*) AS n FROM model_regions WHERE recording_id = ?').get(oldId)).toEqual({ n: 1 });
  });

  it('records empty, missing and non-regular files as errors keyed by path', async () => {
    const empty = join(temp.dir, 'empty.wav');
    writeFileSync(empty, '');
    const fifo = join(temp.dir, 'pipe.wav');
    execFileSync('mkfifo', [fifo]);
    const cases = [
      [empty, 'EMPTY_FILE'],
      [join(temp.dir, 'missing.wav'), 'NOT_FOUND'],
      [fifo, 'UNREADABLE'],
      [join(temp.dir, 'in'), 'UNREADABLE'],
    ] as const;
    for (const [path, code] of cases) {
      const outcome = await ingestFile(store.lib, { path, explicit: true }, null, [...roles]);
      expect(outcome).toMatchObject({ kind: 'error', error: { code } });
      expect(outcome.kind === 'error' && outcome.recordingId.startsWith('p-')).toBe(true);
    }
  });
});
