/**
 * One owner per table: only the recordings store writes `recordings` (every status change goes
 * through it), only the model registry touches `model_versions`, and `emoqa labels` goes through
 * the contract's handlers instead of SQL of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../helpers/fixtures';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const files = [...sources(join(repoRoot, 'electron')), ...sources(join(repoRoot, 'ml'))].map((file) => ({
  path: relative(repoRoot, file),
  text: readFileSync(file, 'utf8'),
}));
const matching = (pattern: RegExp) => files.filter((f) => pattern.test(f.text)).map((f) => f.path).sort();

describe('table owners', () => {
  it('scans the source (not hollow)', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  // Rows are created, moved, superseded and change status only in the recordings store. Features
  // that annotate a call (its note, agent and team, cached measures) update their own columns.
  it('creates recordings and changes their status only in the recordings store', () => {
    const store = ['electron/services/library/recording-store.ts'];
    expect(matching(/\b(INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|REPLACE\s+INTO)\s+recordings\b/i)).toEqual([]);
    expect(matching(/\bUPDATE\s+recordings\s+SET\b[^;`'"]*\b(status|path|superseded_by|content_hash)\s*=/i)).toEqual([]);
    // The same through the query builder (how the store writes them now).
    expect(matching(/\b(insertInto|deleteFrom|replaceInto)\(\s*'recordings'/)).toEqual(store);
    expect(matching(/\bupdateTable\(\s*'recordings'\s*\)\s*\.set\(\{[^}]*\b(status|path|superseded_by|content_hash)\s*[:,}]/)).toEqual(store);
  });

  it('reads and writes model_versions only in the model registry', () => {
    // The schema's types name every table; they read and write nothing.
    expect(matching(/\bmodel_versions\b/).filter((path) => path !== 'electron/db/library-schema.ts')).toEqual(['electron/services/models/model-registry.ts']);
  });

  it('has `emoqa labels` use the contract, not the database', () => {
    const labels = files.find((f) => f.path === 'electron/cli/commands/labels.ts');
    expect(labels?.text).toContain('invokeHandler(');
    expect(labels?.text).not.toMatch(/\.prepare\(|services\.db|\bSELECT\b/);
  });
});
