/**
 * Bad input, measured: every awkward file gets a clear per-file error (or is analysed), in the
 * database and in `analyze --json`; the batch goes on; nothing stored before is lost.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/database';
import { createAnalysisPool } from '../../../electron/services/analysis/analysis-pool';
import { createAppServices } from '../../../electron/services/app-services';
import { invokeHandler } from '../../../electron/services/invoke';
import { generateBadInput, type BadInput } from '../../fixtures/bad-input';
import { makeTempDir } from '../../helpers/fixtures';
import { synthParty, writeWav } from '../../unit/electron/services/analysis/synth';
import { parseJsonEntries, pipelineModelDir, runCli, type CliRun, type JsonEntry } from './pipeline-helpers';

/** The brief's 500; EMOQA_BAD_INPUT_MANY lowers it for a quick local run. */
const MANY = Number(process.env.EMOQA_BAD_INPUT_MANY ?? 500);

interface Row {
  id: string;
  status: string;
  error_code: string | null;
  error_message: string | null;
  channels: number | null;
  downmixed: number;
  duration_s: number | null;
}

describe('bad input', () => {
  const temp = makeTempDir('emoqa-bad-');
  const dbPath = join(temp.dir, 'emoqa.sqlite');
  let modelDir = '';
  let bad: BadInput;
  let earlier: { id: string; regions: number; labelId: number };
  let run: CliRun;
  let entries: Map<string, JsonEntry>;

  beforeAll(async () => {
    modelDir = await pipelineModelDir(temp.dir);
    bad = generateBadInput(join(temp.dir, 'bad'), { manyCount: MANY });
    // A call analysed and corrected before the bad batch arrives.
    mkdirSync(join(temp.dir, 'earlier'));
    const earlierPath = join(temp.dir, 'earlier', 'good call.wav');
    writeWav(earlierPath, [synthParty(6, 16_000, [{ start: 0.5, end: 5.5 }], 99)], 16_000);
    const services = await createAppServices({ databasePath: dbPath, appVersion: 'test', modelDir });
    const { jobId } = await invokeHandler(services.handlers, 'analysis.start', { paths: [earlierPath] });
    await services.waitForJob(jobId);
    const [summary] = await invokeHandler(services.handlers, 'recordings.list', {});
    const label = await invokeHandler(services.handlers, 'labels.create', { recordingId: summary.id, channel: 0, start: 1, end: 2, emotion: 'angry' });
    await invokeHandler(services.handlers, 'review.set', { recordingId: summary.id, reviewed: true });
    const regions = (await invokeHandler(services.handlers, 'recordings.regions', { id: summary.id })).predictions.length;
    earlier = { id: summary.id, regions, labelId: label.id };
    await services.close();

    run = await runCli(['analyze', bad.dir, '--db', dbPath, '--model-dir', modelDir, '--json']);
    entries = new Map(parseJsonEntries(run.stdout).map((entry) => [entry.file, entry]));
    // ~3 process spawns per file (ingest ffprobe, pool ffprobe, decoder ffmpeg): about 1 min of CPU
    // for 500 files on 2 cores, several minutes when other work shares them.
  }, 900_000);
  afterAll(() => temp.cleanup());

  it('reports every file in the JSON output and exits 1 because some failed', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(entries.size).toBe(bad.cases.length + MANY);
    expect(run.stderr).toMatch(/failed/);
  });

  it('gives each awkward file the outcome it deserves, in the database and on the CLI', () => {
    const db = openDatabase(dbPath);
    const byPath = db.prepare('SELECT * FROM recordings WHERE path = ? AND superseded_by IS NULL');
    for (const item of bad.cases) {
      const entry = entries.get(item.path);
      const row = byPath.get(item.path) as Row | undefined;
      const label = `${item.name} (${item.why})`;
      expect(row, label).toBeDefined();
      if (item.expect.kind === 'error') {
        expect(entry?.error?.code, label).toBe(item.expect.code);
        expect(entry?.error?.message.length, label).toBeGreaterThan(5);
        expect(row, label).toMatchObject({ status: 'error', error_code: item.expect.code, error_message: entry?.error?.message });
        continue;
      }
      expect(entry?.error, label).toBeUndefined();
      expect(entry?.recordingId, label).toBe(row?.id);
      expect(row?.status, label).toBe('done');
      if (item.expect.channels !== undefined) expect(row?.channels, label).toBe(item.expect.channels);
      if (item.expect.downmixed !== undefined) expect(row?.downmixed === 1, label).toBe(item.expect.downmixed);
      if (item.expect.minDurationS !== undefined) expect(row?.duration_s, label).toBeGreaterThanOrEqual(item.expect.minDurationS);
      if (item.expect.maxDurationS !== undefined) expect(row?.duration_s, label).toBeLessThanOrEqual(item.expect.maxDurationS);
    }
    const downmixed = byPath.get(join(bad.dir, 'surround-6ch.wav')) as Row;
    expect(db.prepare('SELECT channel, role FROM parties WHERE recording_id = ?').all(downmixed.id)).toEqual([{ channel: 0, role: 'speaker' }]);
    const silent = byPath.get(join(bad.dir, 'silent-2h.wav')) as Row;
    expect(db.prepare('SELECT count(*) AS n FROM model_regions WHERE recording_id = ?').get(silent.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT talk_time_s FROM parties WHERE recording_id = ?').get(silent.id)).toEqual({ talk_time_s: 0 });
    db.close();
  });

  it('analyses every one of the many small files', () => {
    const done = [...entries.values()].filter((e) => e.file.startsWith(bad.manyDir) && e.recordingId && !e.error);
    expect(done).toHaveLength(MANY);
    const db = openDatabase(dbPath);
    expect(db.prepare(`SELECT count(*) AS n FROM recordings WHERE path LIKE ? AND status = 'done'`).get(`${bad.manyDir}/%`)).toEqual({ n: MANY });
    db.close();
  });

  it('loses nothing stored before the batch', () => {
    const db = openDatabase(dbPath);
    expect(db.prepare('SELECT status FROM recordings WHERE id = ?').get(earlier.id)).toEqual({ status: 'done' });
    expect(db.prepare('SELECT count(*) AS n FROM model_regions WHERE recording_id = ?').get(earlier.id)).toEqual({ n: earlier.regions });
    expect(db.prepare('SELECT emotion, deleted FROM labels WHERE id = ?').get(earlier.labelId)).toEqual({ emotion: 'angry', deleted: 0 });
    expect(db.prepare('SELECT reviewed FROM reviews WHERE recording_id = ?').get(earlier.id)).toEqual({ reviewed: 1 });
    db.close();
  });

  // How quickly (target < 60 s): `npm run bench -- services`.
  it('gets through two hours of silence (no speech, no windows)', async () => {
    const pool = createAnalysisPool({ modelDir, size: 1 });
    try {
      const result = await pool.analyse(join(bad.dir, 'silent-2h.wav'), { roles: ['agent', 'customer'] });
      expect(result.channels[0].regions).toEqual([]);
      expect(result.channels[0].speech).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
