/**
 * The package's `bin` runs the bundled CLI (out/cli, rebuilt when a source is newer): its workers
 * give the same regions as the sources, and `--help`, `export` and `labels` load no TF.js.
 * `npx emoqa` runs it straight from node_modules/.bin (the `bin/` workspace), without npm's install step.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChannelAnalysis } from '../../../electron/services/analysis/analysis-types';
import { callsDir, makeTempDir, repoRoot } from '../../helpers/fixtures';
import { parseJsonEntries } from './pipeline-helpers';

const run = promisify(execFile);
const tmp = makeTempDir('emoqa-bundle-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'bundle.db');
const fixtureDir = join(repoRoot, 'test', 'fixtures', 'regions');
const forbidTf = ['--import', join(repoRoot, 'test', 'helpers', 'forbid-tfjs.mjs')];
const bin = join(repoRoot, 'bin', 'emoqa.mjs');

function emoqa(args: string[], nodeArgs: string[] = []): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [...nodeArgs, bin, ...args], { cwd: repoRoot, env: { ...process.env, EMOQA_CLI_SOURCE: '' }, maxBuffer: 1 << 26 });
}

describe('bundled CLI', () => {
  it('builds on demand and shows --help without loading TF.js, pg or pg-boss', async () => {
    const { stdout } = await emoqa(['--help'], forbidTf);
    expect(stdout).toMatch(/analyze/);
    expect(existsSync(join(repoRoot, 'out', 'cli', 'main.js'))).toBe(true);
    const { bundleIsFresh } = (await import(join(repoRoot, 'scripts', 'build-cli.mjs'))) as { bundleIsFresh: () => boolean };
    expect(bundleIsFresh()).toBe(true);
  });

  it('answers each help request from the pages the build stored, as the CLI itself prints them', async () => {
    await emoqa(['--version']); // builds the bundle if a source changed
    const pages = JSON.parse(readFileSync(join(repoRoot, 'out', 'cli', 'help-pages.json'), 'utf8')) as Record<string, string>;
    const requests = Object.keys(pages).map((key) => key.split('\0'));
    for (const wanted of [['--help'], ['-V'], ['help', 'analyze'], ['labels', 'import', '--help'], ['worker', '-h']]) expect(requests).toContainEqual(wanted);
    const compare = async (args: string[]) => {
      const direct = await run(process.execPath, [join(repoRoot, 'out', 'cli', 'main.js'), ...args], { cwd: repoRoot });
      const { stdout } = await emoqa(args);
      expect(stdout, args.join(' ')).toBe(direct.stdout);
      // A page holds nothing of the machine it was built on (the bundle may move with the checkout).
      expect(stdout).not.toContain(repoRoot);
    };
    for (let at = 0; at < requests.length; at += 6) await Promise.all(requests.slice(at, at + 6).map(compare));
  });

  it('runs through npx from node_modules/.bin, installing nothing into the npx cache', async () => {
    // A root package.json whose own `bin` names the command makes npx "install" the checkout into
    // its cache first, loading the whole node_modules tree (~1 s); the workspace's link skips that.
    const cache = join(tmp.dir, 'npm-cache');
    const { stdout } = await run('npx', ['--no-install', 'emoqa', '--help'], { cwd: repoRoot, env: { ...process.env, npm_config_cache: cache } });
    expect(stdout).toMatch(/analyze/);
    expect(existsSync(join(cache, '_npx')) ? readdirSync(join(cache, '_npx')) : []).toEqual([]);
  });

  it('analyses with the bundled workers: the regions of the fixture', async () => {
    const name = 'call_001.mono.mp3';
    const { stdout } = await emoqa(['analyze', '--json', '--db', db, '--model-dir', join(fixtureDir, 'model'), join(callsDir, name)]);
    const [entry] = parseJsonEntries(stdout);
    const want = (JSON.parse(readFileSync(join(fixtureDir, 'regions.json'), 'utf8')) as Record<string, { channels: ChannelAnalysis[] }>)[name];
    const regions = want.channels.flatMap((c) => c.regions.filter((r) => r.end > r.start).map((r) => [r.start, r.end, r.emotion]));
    expect(entry.segments?.map((s) => [s.start, s.end, s.emotion])).toEqual(regions);
  });

  it('exports the report and label tracks without loading TF.js', async () => {
    const out = join(tmp.dir, 'calls.csv');
    await emoqa(['export', '--db', db, '--out', out], forbidTf);
    expect(readFileSync(out, 'utf8')).toMatch(/call_001/);
    await emoqa(['labels', 'export', '--db', db, '--file', join(callsDir, 'call_001.mono.mp3'), '--out-dir', join(tmp.dir, 'labels')], forbidTf);
    expect(existsSync(join(tmp.dir, 'labels'))).toBe(true);
  });
});
