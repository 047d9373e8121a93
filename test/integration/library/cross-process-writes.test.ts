/**
 * Two processes writing one library file (the team server saving labels while `emoqa worker`
 * processes ingest and store calls: bench:team's "23 of 50 jobs failed at load 8"). A deferred
 * transaction that reads before it writes cannot wait for another process's write lock: SQLite
 * answers SQLITE_BUSY at once, busy timeout or not (the upgrade could deadlock), so a job or a label
 * save failed whenever another process wrote between its first read and its first write — more
 * often the busier the machine. Read-then-write transactions take the write lock first (IMMEDIATE),
 * and then wait their turn like any other write; the shipped model's registration, which every
 * worker does at start, is one of them, and is tried again when it fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../electron/db/database';
import { registerProbed, relinkAnalysed } from '../../../electron/services/library/recording-store';
import { ModelRegistry } from '../../../electron/services/models/model-registry';
import type { ProbeInfo } from '../../../ml/audio/probe';
import { seedLibrary } from '../../e2e/helpers/seed-library';
import { makeTempDir, repoRoot } from '../../helpers/fixtures';
import { itNeeding, needs } from '../../helpers/requirements';

// Long enough to outlast the tests on a slow machine; killed when they are done.
const HAMMER_S = 120;

/** Another process committing short writes to the same file as fast as it can (as a busy worker or server does). */
function hammer(file: string): ChildProcess {
  const script = `
    const Database = require(${JSON.stringify(join(repoRoot, 'node_modules/better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    const write = db.prepare("INSERT INTO settings (key, value) VALUES ('hammer', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    process.stdout.write('ready\\n');
    const end = Date.now() + ${HAMMER_S * 1000};
    let i = 0;
    while (Date.now() < end) write.run(String(i++));`;
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

const temp = makeTempDir('emoqa-cross-process-');
const file = join(temp.dir, 'library.sqlite');
let services: AppServices;
let other: ChildProcess;
let recordingId = '';

beforeAll(async () => {
  services = await createAppServices({ databasePath: file, appVersion: 'test' });
  [recordingId] = seedLibrary(services.db, 1);
  other = hammer(file);
  await new Promise<void>((resolve, reject) => {
    other.stdout?.once('data', () => resolve());
    other.once('exit', (code) => reject(new Error(`the other writer exited (${code})`)));
  });
}, 60_000);
afterAll(async () => {
  other?.kill('SIGKILL');
  await services?.close();
  temp.cleanup();
});

/** Runs `step` for `ms`, counting what it threw by message. */
function during(ms: number, step: (i: number) => void): { runs: number; errors: Record<string, number> } {
  const errors: Record<string, number> = {};
  const end = Date.now() + ms;
  let runs = 0;
  while (Date.now() < end) {
    try {
      step(runs);
    } catch (error) {
      const key = `${(error as { code?: string }).code ?? ''} ${(error as Error).message}`;
      errors[key] = (errors[key] ?? 0) + 1;
    }
    runs++;
  }
  return { runs, errors };
}

const probe: ProbeInfo = { format: 'wav', codec: 'pcm_s16le', sampleRate: 8000, channels: 2, durationS: 30, hasVideo: false };

it('ingest registers files while another process writes, without SQLITE_BUSY', () => {
  const result = during(1500, (i) => {
    const found = registerProbed(services.db, `/calls/worker-${i}.wav`, `hash-${i}`, 1000, probe, ['agent', 'customer']);
    if (found) relinkAnalysed(services.db, found, `/calls/moved-${i}.wav`);
  });
  expect(result.errors).toEqual({});
  expect(result.runs).toBeGreaterThan(20);
});

it('label saves (create, update with its version, delete) go through while another process writes', async () => {
  const labels: number[] = [];
  const errors: Record<string, number> = {};
  const end = Date.now() + 1500;
  let runs = 0;
  while (Date.now() < end) {
    try {
      const label = await services.handlers['labels.create']({ recordingId, channel: 0, start: runs % 50, end: (runs % 50) + 0.5, emotion: 'angry' });
      const updated = await services.handlers['labels.update']({ id: label.id, version: label.version, emotion: 'sad' });
      if (runs % 2) await services.handlers['labels.delete']({ id: updated.id, version: updated.version });
      else labels.push(updated.id);
      await services.handlers['review.set']({ recordingId, reviewed: runs % 2 === 0 });
    } catch (error) {
      const key = `${(error as { code?: string }).code ?? ''} ${(error as Error).message}`;
      errors[key] = (errors[key] ?? 0) + 1;
    }
    runs++;
  }
  expect(errors).toEqual({});
  expect(labels.length).toBeGreaterThan(5);
});

// bench:team at load 14 had every job of the two-worker phase fail with "the emotion model could not
// be loaded: database is locked": each worker registers the shipped model when it starts, and a
// failed registration was cached, so that worker failed every job it took afterwards.
itNeeding([needs.model()], 'each worker registers the shipped model while another process writes', async () => {
  const errors: string[] = [];
  for (let i = 0; i < 30; i++) {
    const registry = new ModelRegistry(services.db, { databasePath: file });
    await registry.shippedVersion().then((version) => expect(version).toBeTruthy(), (error: unknown) => errors.push((error as Error).message));
  }
  expect(errors).toEqual([]);
});

itNeeding([needs.model()], 'a registration that failed (the database busy past its timeout) is tried again, not failed for good', async () => {
  const impatient = openDatabase(file);
  impatient.pragma('busy_timeout = 50');
  const blocker = new Database(file);
  blocker.pragma('busy_timeout = 5000');
  other.kill('SIGKILL');
  try {
    const registry = new ModelRegistry(impatient, { databasePath: file });
    blocker.exec('BEGIN IMMEDIATE');
    await expect(registry.shippedVersion()).rejects.toThrow(/database is locked/);
    blocker.exec('COMMIT');
    await expect(registry.shippedVersion()).resolves.toBeTruthy();
  } finally {
    blocker.close();
    impatient.close();
  }
});
