import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPathPattern, importMetadata } from '../../../../../electron/services/calls/call-metadata';
import { matchPathPattern } from '../../../../../electron/services/calls/path-pattern';
import { pathPatternSchema } from '../../../../../electron/shared/conversation';
import { fakeResult, region, seedRecording, tempDatabase } from '../store-helpers';

describe('call metadata import', () => {
  let store: ReturnType<typeof tempDatabase>;
  beforeEach(() => (store = tempDatabase()));
  afterEach(() => store.cleanup());
  const agentOf = (id: string) => store.db.prepare('SELECT agent, team, started_at FROM recordings WHERE id = ?').get(id);

  it('matches by path, else by file name, and reports what it could not match', async () => {
    const a = await seedRecording(store.db, fakeResult(5, [[region(0, 1, 'neutral')], []]), 'x1.wav');
    const b = await seedRecording(store.db, fakeResult(5, [[region(0, 1, 'neutral')], []]), 'x2.wav');
    const result = await importMetadata(store.lib, '\uFEFFFile,Agent,Team,Started_at\r\n/calls/x1.wav,Alice,North,2025-03-04T09:30:00+01:00\r\n/elsewhere/x2.wav,Bob,,\r\nmissing.wav,Carl,South,\r\n');
    expect(result).toEqual({ rows: 3, matched: 2, unmatched: [{ line: 4, file: 'missing.wav' }], ambiguous: [] });
    expect(agentOf(a)).toEqual({ agent: 'Alice', team: 'North', started_at: '2025-03-04T08:30:00.000Z' });
    expect(agentOf(b)).toEqual({ agent: 'Bob', team: null, started_at: null });
  });

  it('refuses a bad file whole, naming the line and the problem', async () => {
    const a = await seedRecording(store.db, null, 'y.wav');
    await expect(importMetadata(store.lib, 'file,agent\ny.wav,Ann\n,Bob\n')).rejects.toThrow(/line 3.*file is empty/);
    await expect(importMetadata(store.lib, 'file,agent,started_at\ny.wav,Ann,yesterday\n')).rejects.toThrow(/line 2 \(y\.wav\).*started_at is not a date/);
    await expect(importMetadata(store.lib, 'path,agent\ny.wav,Ann\n')).rejects.toThrow(/no file column/);
    await expect(importMetadata(store.lib, 'file,agent,shift\ny.wav,Ann,am\n')).rejects.toThrow(/unknown columns: shift/);
    expect(agentOf(a)).toEqual({ agent: null, team: null, started_at: null });
  });

  it('applies the Settings folder pattern at import without overriding imported metadata', async () => {
    const a = await seedRecording(store.db, null, 'z.wav');
    await applyPathPattern(store.lib, a, '/data/North/Alice/z.wav', '{team}/{agent}/*.wav');
    expect(agentOf(a)).toMatchObject({ agent: 'Alice', team: 'North' });
    await applyPathPattern(store.lib, a, '/data/South/Bob/z.wav', '{team}/{agent}/*.wav');
    expect(agentOf(a)).toMatchObject({ agent: 'Alice', team: 'North' });
  });
});

describe('folder pattern', () => {
  it('captures agent and team from the last path segments', () => {
    expect(matchPathPattern('{team}/{agent}/*.wav', '/srv/calls/North/Alice/0001.wav')).toEqual({ team: 'North', agent: 'Alice' });
    expect(matchPathPattern('{team}/agent-{agent}/*', 'C:\\calls\\South\\agent-Bob\\x.mp3')).toEqual({ team: 'South', agent: 'Bob' });
    expect(matchPathPattern('{team}/{agent}/*.wav', '/a/b/c.mp3')).toBeNull();
    expect(matchPathPattern('{team}/{agent}/*.wav', 'c.wav')).toBeNull();
    expect(matchPathPattern('', '/a/b/c.wav')).toBeNull();
  });

  it('accepts only patterns that name agent or team', () => {
    expect(pathPatternSchema.safeParse('{team}/{agent}/*.wav').success).toBe(true);
    expect(pathPatternSchema.safeParse('').success).toBe(true);
    expect(pathPatternSchema.safeParse('*/*.wav').success).toBe(false);
    expect(pathPatternSchema.safeParse('{site}/{agent}/*.wav').success).toBe(false);
  });
});
