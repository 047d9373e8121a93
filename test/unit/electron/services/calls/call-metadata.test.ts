import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { applyPathPattern, importMetadata } from '../../../../../electron/services/calls/call-metadata';
import { matchPathPattern } from '../../../../../electron/services/calls/path-pattern';
import { pathPatternSchema } from '../../../../../electron/shared/conversation';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

describeOnBothDatabases('call metadata import', (fresh) => {
  let handle: LibraryHandle;
  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
  });
  afterEach(() => handle.close());
  const agentOf = (id: string) => handle.db.selectFrom('recordings').select(['agent', 'team', 'started_at']).where('id', '=', id).executeTakeFirst();

  it('matches by path, else by file name, and reports what it could not match', async () => {
    const a = await seedRecordingIn(handle.db, fakeResult(5, [[region(0, 1, 'neutral')], []]), 'x1.wav');
    const b = await seedRecordingIn(handle.db, fakeResult(5, [[region(0, 1, 'neutral')], []]), 'x2.wav');
    const result = await importMetadata(handle.db, '\uFEFFFile,Agent,Team,Started_at\r\n/calls/x1.wav,Alice,North,2025-03-04T09:30:00+01:00\r\n/elsewhere/x2.wav,Bob,,\r\nmissing.wav,Carl,South,\r\n');
    expect(result).toEqual({ rows: 3, matched: 2, unmatched: [{ line: 4, file: 'missing.wav' }], ambiguous: [] });
    expect(await agentOf(a)).toEqual({ agent: 'Alice', team: 'North', started_at: '2025-03-04T08:30:00.000Z' });
    expect(await agentOf(b)).toEqual({ agent: 'Bob', team: null, started_at: null });
  });

  it('refuses a bad file whole, naming the line and the problem', async () => {
    const a = await seedRecordingIn(handle.db, null, 'y.wav');
    await expect(importMetadata(handle.db, 'file,agent\ny.wav,Ann\n,Bob\n')).rejects.toThrow(/line 3.*file is empty/);
    await expect(importMetadata(handle.db, 'file,agent,started_at\ny.wav,Ann,yesterday\n')).rejects.toThrow(/line 2 \(y\.wav\).*started_at is not a date/);
    await expect(importMetadata(handle.db, 'path,agent\ny.wav,Ann\n')).rejects.toThrow(/no file column/);
    await expect(importMetadata(handle.db, 'file,agent,shift\ny.wav,Ann,am\n')).rejects.toThrow(/unknown columns: shift/);
    expect(await agentOf(a)).toEqual({ agent: null, team: null, started_at: null });
  });

  it('applies the Settings folder pattern at import without overriding imported metadata', async () => {
    const a = await seedRecordingIn(handle.db, null, 'z.wav');
    await applyPathPattern(handle.db, a, '/data/North/Alice/z.wav', '{team}/{agent}/*.wav');
    expect(await agentOf(a)).toMatchObject({ agent: 'Alice', team: 'North' });
    await applyPathPattern(handle.db, a, '/data/South/Bob/z.wav', '{team}/{agent}/*.wav');
    expect(await agentOf(a)).toMatchObject({ agent: 'Alice', team: 'North' });
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
