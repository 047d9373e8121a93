/** The CLI end to end: analyze --json with roles, Audacity labels out and in, the QA report. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/fixtures';
import { synthParty, writeWav } from '../../unit/electron/services/analysis/synth';
import { parseJsonEntries, pipelineModelDir, runCli, type JsonEntry } from './pipeline-helpers';

describe('emoqa CLI: analyze, labels, export', () => {
  const temp = makeTempDir('emoqa-cli-');
  const db = join(temp.dir, 'qa.sqlite');
  const calls = join(temp.dir, 'calls');
  let modelDir = '';
  let stereo: JsonEntry;

  beforeAll(async () => {
    modelDir = await pipelineModelDir(temp.dir);
    mkdirSync(calls);
    const bursts = [{ start: 0.5, end: 4 }, { start: 5, end: 9.5 }];
    writeWav(join(calls, 'stereo call.wav'), [synthParty(10, 16_000, bursts, 1), synthParty(10, 16_000, bursts, 2)], 16_000);
    writeWav(join(calls, 'mono.wav'), [synthParty(6, 8_000, [{ start: 1, end: 5 }], 3)], 8_000);
    writeFileSync(join(calls, 'readme.txt'), 'not a call');
  });
  afterAll(() => temp.cleanup());

  it('analyses with the given roles and prints one JSON entry per call', async () => {
    const run = await runCli(['analyze', calls, '--db', db, '--model-dir', modelDir, '--roles', 'customer,agent', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const entries = parseJsonEntries(run.stdout);
    expect(entries.map((e) => e.file.slice(calls.length + 1))).toEqual(['mono.wav', 'stereo call.wav']);
    stereo = entries[1];
    expect(stereo).toMatchObject({ channels: 2 });
    expect(stereo.durationS).toBeCloseTo(10, 1);
    expect(stereo.segments?.length).toBeGreaterThan(0);
    for (const segment of stereo.segments ?? []) {
      expect(segment.party).toBe(segment.channel === 0 ? 'customer' : 'agent');
      expect(segment.end).toBeGreaterThan(segment.start);
    }
    expect(entries[0].segments?.every((s) => s.party === 'speaker' && s.channel === 0)).toBe(true);
  });

  it('refuses bad options with a clear message', async () => {
    const run = await runCli(['analyze', calls, '--db', db, '--roles', 'agent,boss']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/roles.*INVALID_ARGUMENT/s);
  });

  it('exports Audacity label tracks per party and imports corrections back', async () => {
    const out = join(temp.dir, 'labels');
    const exported = await runCli(['labels', 'export', '--db', db, '--file', join(calls, 'stereo call.wav'), '--out-dir', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['stereo call.ch0-customer.txt', 'stereo call.ch1-agent.txt']);
    const track = readFileSync(join(out, 'stereo call.ch0-customer.txt'), 'utf8');
    expect(track.trim().split('\n')).toHaveLength(stereo.segments?.filter((s) => s.channel === 0).length ?? -1);
    expect(track).toMatch(/^\d+\.\d{6}\t\d+\.\d{6}\t(angry|disgust|fear|happy|neutral|sad|surprised)\n/);

    writeFileSync(join(temp.dir, 'fix.txt'), '1.0\t2.5\tAngry\n3\t3\tpoint label\n');
    const refused = await runCli(['labels', 'import-audacity', join(temp.dir, 'fix.txt'), '--db', db, '--recording', stereo.recordingId ?? '', '--channel', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not emotions.*point label/);
    const imported = await runCli([
      'labels', 'import-audacity', join(temp.dir, 'fix.txt'), '--db', db, '--recording', stereo.recordingId ?? '', '--channel', '1',
      '--reviewer', '=cmd|QA', '--skip-unknown',
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported 1 labels/);
  });

  it('writes the QA report with corrections, safe for spreadsheets', async () => {
    const run = await runCli(['export', '--db', db, '--out', join(temp.dir, 'calls.csv'), '--segments', join(temp.dir, 'segments.csv')]);
    expect(run.code, run.stderr).toBe(0);
    const callsCsv = readFileSync(join(temp.dir, 'calls.csv'), 'utf8');
    expect(callsCsv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(callsCsv.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.file)).toEqual(['mono.wav', 'stereo call.wav']);
    expect(rows[1]).toMatchObject({ corrections: '1', reviewed: 'no', model_version: expect.any(String) });
    expect(Number(rows[1].customer_talk_s)).toBeGreaterThan(0);
    const segments = parse(readFileSync(join(temp.dir, 'segments.csv'), 'utf8').slice(1), { columns: true }) as Array<Record<string, string>>;
    const corrected = segments.filter((s) => s.corrected_emotion === 'angry');
    expect(corrected).toHaveLength(1);
    expect(corrected[0]).toMatchObject({ party: 'agent', reviewer: "'=cmd|QA" });
  });

  it('documents its commands in --help', async () => {
    const help = await runCli(['labels', '--help']);
    expect(help.stdout).toMatch(/export/);
    expect(help.stdout).toMatch(/import-audacity/);
  });
});
