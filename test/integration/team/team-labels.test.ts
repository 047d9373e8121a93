/**
 * Two reviewers on one call through the team server, over real HTTP, with the real services:
 * each change is attributed to the signed-in user, and a stale edit is refused (409 CONFLICT)
 * instead of overwriting the other's.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HumanLabel } from '../../../electron/shared/domain';
import { sendRaw } from '../../helpers/http-request';
import { describeOnBothDatabases } from '../../helpers/team-databases';
import { fakeResult, region, seedRecording } from '../../unit/electron/services/store-helpers';
import { startLibraryTeamServer, type LibraryTeamServer } from './library-team-server';

const PASSWORD = 'a reviewer password';

describeOnBothDatabases('two reviewers on one call', (fresh) => {
  let app: LibraryTeamServer;
  let recordingId: string;

  beforeAll(async () => {
    app = await startLibraryTeamServer(await fresh(), [['ann', 'reviewer'], ['bob', 'reviewer']], PASSWORD);
    recordingId = await seedRecording(app.services.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
  }, 60_000);
  afterAll(async () => app?.close());

  const as = (name: string) => app.as<HumanLabel>(name);

  it('attributes each edit to its author and refuses the stale one', async () => {
    const ann = await as('ann');
    const bob = await as('bob');
    const created = await ann('labels.create', { recordingId, channel: 0, start: 1, end: 2, emotion: 'sad' });
    expect(created.body.result).toMatchObject({ reviewer: 'ann', version: 1 });
    const id = created.body.result.id;
    // Both hold version 1; bob saves first, then ann's change from version 1 is refused.
    expect((await bob('labels.update', { id, version: 1, emotion: 'angry' })).body.result).toMatchObject({ reviewer: 'bob', version: 2, emotion: 'angry' });
    const stale = await ann('labels.update', { id, version: 1, emotion: 'happy' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('changed by bob') });
    expect((await ann('recordings.regions', { id: recordingId })).body.result).toMatchObject({ labels: [{ id, emotion: 'angry', version: 2 }] });
    expect((await ann('labels.update', { id, version: 2, emotion: 'happy' })).body.result).toMatchObject({ reviewer: 'ann', version: 3 });
    expect((await bob('review.set', { recordingId, reviewed: true })).status).toBe(200);
    // A malformed body stores nothing, in the real library either.
    const labelsBefore = app.services.db.prepare('SELECT COUNT(*) AS n FROM labels').get();
    const malformed = await sendRaw(app.server.port, '/rpc/labels.create', { method: 'POST', headers: { 'content-type': 'application/json', ...(await app.headersOf('bob')) }, body: `{"recordingId": "${recordingId}", "channel": 0,` });
    expect(malformed.status).toBe(400);
    expect(app.services.db.prepare('SELECT COUNT(*) AS n FROM labels').get()).toEqual(labelsBefore);
    const actors = app.services.db.prepare('SELECT action, actor FROM audit_log WHERE recording_id = ? ORDER BY id').all(recordingId);
    expect(actors).toEqual([
      { action: 'create', actor: 'ann' }, { action: 'update', actor: 'bob' }, { action: 'update', actor: 'ann' }, { action: 'review', actor: 'bob' },
    ]);
  });
});
