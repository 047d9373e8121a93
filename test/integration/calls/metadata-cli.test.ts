/**
 * Agents and teams end to end: the Settings folder pattern applied when a folder is analysed, then
 * `emoqa calls import-metadata` and `emoqa export --agents` through the real CLI.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/services/app-services';
import { invokeHandler } from '../../../electron/services/invoke';
import { ffmpegMake, makeTempDir } from '../../helpers/fixtures';
import { fakeAnalyse } from '../../unit/electron/services/jobs/fake-analyse';
import { runCli } from '../pipeline/pipeline-helpers';

describe('call metadata: folder pattern, import-metadata and export --agents', () => {
  const temp = makeTempDir('emoqa-meta-');
  const db = join(temp.dir, 'meta.sqlite');
  const root = join(temp.dir, 'calls');

  beforeAll(async () => {
    // Different tones: the same content would be one call (recordings are identified by content).
    [['North', 'Alice', 'a1.wav'], ['North', 'Alice', 'a2.wav'], ['South', 'Bob', 'b1.wav']].forEach(([team, agent, name], i) => {
      mkdirSync(join(root, team, agent), { recursive: true });
      ffmpegMake(['-f', 'lavfi', '-i', `sine=frequency=${200 + i * 100}:sample_rate=8000:duration=2`, '-ac', '2', join(root, team, agent, name)]);
    });
    const services = await createAppServices({ databasePath: db, appVersion: 'test', analyse: fakeAnalyse().analyse });
    try {
      await invokeHandler(services.handlers, 'settings.update', { pathPattern: '{team}/{agent}/*.wav' });
      const { jobId } = await invokeHandler(services.handlers, 'analysis.start', { paths: [root] });
      await services.waitForJob(jobId);
      const list = await invokeHandler(services.handlers, 'recordings.list', {});
      expect(list.map((r) => [r.fileName, r.agent, r.team]).sort()).toEqual([['a1.wav', 'Alice', 'North'], ['a2.wav', 'Alice', 'North'], ['b1.wav', 'Bob', 'South']]);
    } finally {
      await services.close();
    }
  }, 60_000);
  afterAll(() => temp.cleanup());

  it('imports metadata from CSV, naming unmatched lines, and refuses a bad file', async () => {
    const csv = join(temp.dir, 'meta.csv');
    writeFileSync(csv, 'file,agent,team,started_at\ncalls/South/Bob/b1.wav,Bea,South,2025-03-05T10:00:00Z\nnobody.wav,X,Y,\n');
    const run = await runCli(['calls', 'import-metadata', csv, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('1 of 2 rows matched');
    expect(run.stderr).toContain('line 3: no call matches nobody.wav');
    writeFileSync(csv, 'file,agent,started_at\nb1.wav,Bea,not a date\n');
    const bad = await runCli(['calls', 'import-metadata', csv, '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 2 \(b1\.wav\).*started_at is not a date/);
  }, 60_000);

  it('exports one row per agent', async () => {
    const out = join(temp.dir, 'agents.csv');
    const run = await runCli(['export', '--agents', out, '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.agent, r.team, r.calls])).toEqual([['Alice', 'North', '2'], ['Bea', 'South', '1']]);
    expect(Object.keys(rows[0])).toEqual(['agent', 'team', 'calls', 'talk_time_s', 'customer_negative_share', 'deescalation_rate', 'agent_negative_responses', 'reviewed_share']);
  }, 60_000);
});
