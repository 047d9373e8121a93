/**
 * Assignments through the team server, over real HTTP, with the real services, on both team
 * databases: a lead assigns by ids or by a library filter (matched on the server), unassigns; a reviewer
 * lists their calls and may not assign (403). Outside the team server there are none.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/services/app-services';
import { invokeHandler } from '../../../electron/services/invoke';
import { AssignmentsService } from '../../../electron/services/team/assignments-service';
import { UsersService } from '../../../electron/services/team/users-service';
import { EMPTY_FILTER } from '../../../electron/shared/library-filter';
import { makeTempDir } from '../../helpers/fixtures';
import { describeOnBothDatabases } from '../../helpers/team-databases';
import { fakeResult, region, seedRecording } from '../../unit/electron/services/store-helpers';
import { startLibraryTeamServer, type LibraryTeamServer } from './library-team-server';

const PASSWORD = 'an assignments password';

describeOnBothDatabases('assignments on the team server', (fresh) => {
  let app: LibraryTeamServer;

  beforeAll(async () => {
    app = await startLibraryTeamServer(await fresh(), [['lena', 'lead'], ['rex', 'reviewer'], ['sam', 'reviewer'], ['gone', 'reviewer']], PASSWORD);
    await new UsersService(app.team.db).disable('gone');
  }, 60_000);
  afterAll(async () => app?.close());

  const as = (name: string) => app.as(name);

  it('assigns, lists per reviewer, unassigns, and refuses reviewers and unknown names', async () => {
    const lena = await as('lena');
    const rex = await as('rex');
    expect((await lena('users.list', {})).body.result).toEqual([
      { name: 'lena', role: 'lead' }, { name: 'rex', role: 'reviewer' }, { name: 'sam', role: 'reviewer' },
    ]);
    expect((await lena('assignments.assign', { reviewer: 'rex', recordingIds: ['c1', 'c2', 'c2'] })).body.result).toEqual({ matched: 2, assigned: 2 });
    // The ones rex has already are not counted twice.
    expect((await lena('assignments.assign', { reviewer: 'rex', recordingIds: ['c2', 'c3'] })).body.result).toEqual({ matched: 2, assigned: 1 });
    expect((await lena('assignments.assign', { reviewer: 'sam', recordingIds: ['c1'] })).body.result).toEqual({ matched: 1, assigned: 1 });

    const mine = (await rex('assignments.list', { reviewer: 'rex' })).body.result as Array<{ recordingId: string; assignedBy: string }>;
    expect(mine.map((a) => a.recordingId).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(mine.every((a) => a.assignedBy === 'lena')).toBe(true);
    expect(((await rex('assignments.list', {})).body.result as unknown[]).length).toBe(4);

    const refused = await rex('assignments.assign', { reviewer: 'rex', recordingIds: ['c9'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('PERMISSION_DENIED');
    expect((await rex('assignments.unassign', { reviewer: 'rex', recordingIds: ['c1'] })).status).toBe(403);
    expect((await rex('users.list', {})).status).toBe(403);
    expect((await lena('assignments.assign', { reviewer: 'nobody', recordingIds: ['c1'] })).body.error?.code).toBe('NOT_FOUND');
    expect((await lena('assignments.assign', { reviewer: 'gone', recordingIds: ['c1'] })).body.error?.message).toBe("gone's account is disabled");
    expect((await lena('assignments.assign', { reviewer: 'rex', recordingIds: [] })).status).toBe(400);
    expect((await lena('assignments.assign', { reviewer: 'rex' })).status).toBe(400);
    expect((await lena('assignments.assign', { reviewer: 'rex', recordingIds: ['c1'], filter: EMPTY_FILTER })).status).toBe(400);
    expect((await lena('assignments.assign', { reviewer: 'rex', filter: { ...EMPTY_FILTER, status: 'bogus' } })).status).toBe(400);

    expect((await lena('assignments.unassign', { reviewer: 'rex', recordingIds: ['c1', 'c3'] })).body.result).toEqual({ matched: 2, unassigned: 2 });
    expect(((await rex('assignments.list', { reviewer: 'rex' })).body.result as Array<{ recordingId: string }>).map((a) => a.recordingId)).toEqual(['c2']);
    expect(((await rex('assignments.list', { reviewer: 'sam' })).body.result as Array<{ recordingId: string }>).map((a) => a.recordingId)).toEqual(['c1']);
  });

  it('assigns the calls a filter shows at that moment, and unassigns by filter', async () => {
    const angry = await seedRecording(app.services.db, fakeResult(20, [[region(0, 10, 'neutral')], [region(0, 10, 'angry')]]), 'angry-call.wav');
    const calm = await seedRecording(app.services.db, fakeResult(20, [[region(0, 10, 'neutral')], [region(0, 10, 'happy')]]), 'calm-call.wav');
    const lena = await as('lena');
    const filter = { ...EMPTY_FILTER, share: { role: 'customer', emotion: 'angry', min: 0.5 } };
    expect((await lena('assignments.assign', { reviewer: 'sam', filter })).body.result).toEqual({ matched: 1, assigned: 1 });
    const sams = (await lena('assignments.list', { reviewer: 'sam' })).body.result as Array<{ recordingId: string }>;
    expect(sams.map((a) => a.recordingId)).toContain(angry);
    expect(sams.map((a) => a.recordingId)).not.toContain(calm);
    expect((await lena('assignments.assign', { reviewer: 'sam', filter: { ...EMPTY_FILTER, search: 'CALM' } })).body.result).toEqual({ matched: 1, assigned: 1 });
    const rex = await as('rex');
    expect(((await rex('recordings.list', { assignedTo: 'sam' })).body.result as Array<{ id: string }>).map((r) => r.id).sort()).toEqual([angry, calm].sort());
    expect(((await rex('recordings.list', {})).body.result as unknown[]).length).toBe(2);
    expect((await lena('assignments.unassign', { reviewer: 'sam', filter: { ...EMPTY_FILTER, search: '-call.wav' } })).body.result).toEqual({ matched: 2, unassigned: 2 });
    expect((await rex('recordings.list', { assignedTo: 'sam' })).body.result).toEqual([]);
  });

  it('assigns more calls at once than either database binds parameters for in one statement', async () => {
    const assignments = new AssignmentsService(app.team.db);
    const ids = Array.from({ length: 20_000 }, (_, i) => `bulk-${i}`);
    expect(await assignments.assign(ids, 'rex', 'lena')).toBe(20_000);
    expect(await assignments.assign(ids, 'rex', 'lena')).toBe(0);
    expect((await assignments.callsOf('rex')).filter((id) => id.startsWith('bulk-'))).toHaveLength(20_000);
    expect(await assignments.unassign(ids, 'rex')).toBe(20_000);
  });
});

describe('assignments without a team server', () => {
  it('lists none and refuses to assign or list accounts', async () => {
    const temp = makeTempDir('emoqa-solo-assign-');
    const services = await createAppServices({ databasePath: join(temp.dir, 'library.sqlite'), appVersion: '0.0.0-test' });
    try {
      expect(await invokeHandler(services.handlers, 'assignments.list', { reviewer: 'rex' })).toEqual([]);
      expect(await invokeHandler(services.handlers, 'recordings.list', { assignedTo: 'rex' })).toEqual([]);
      await expect(invokeHandler(services.handlers, 'assignments.assign', { reviewer: 'rex', recordingIds: ['c1'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('team server') });
      await expect(invokeHandler(services.handlers, 'users.list', {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    } finally {
      await services.close();
      temp.cleanup();
    }
  });
});
