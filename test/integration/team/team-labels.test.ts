/**
 * Two reviewers on one call through the team server, over real HTTP, with the real services:
 * each change is attributed to the signed-in user, and a stale edit is refused (409 CONFLICT)
 * instead of overwriting the other's.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTeamDatabase, type TeamDatabaseHandle } from '../../../electron/db/team-database';
import { startTeamServer } from '../../../electron/http/team/team-server';
import type { HttpServerHandle } from '../../../electron/http/server';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { UsersService } from '../../../electron/services/team/users-service';
import type { HumanLabel } from '../../../electron/shared/domain';
import { makeTempDir } from '../../helpers/fixtures';
import { sendRaw } from '../../helpers/http-request';
import { describeOnBothDatabases } from '../../helpers/team-databases';
import { fakeResult, region, seedRecording } from '../../unit/electron/services/store-helpers';

const PASSWORD = 'a reviewer password';

describeOnBothDatabases('two reviewers on one call', (fresh) => {
  const temp = makeTempDir('emoqa-team-labels-');
  let team: TeamDatabaseHandle;
  let services: AppServices;
  let server: HttpServerHandle;
  let recordingId: string;

  beforeAll(async () => {
    team = await openTeamDatabase(await fresh());
    for (const name of ['ann', 'bob']) await new UsersService(team.db).add(name, 'reviewer', PASSWORD);
    services = await createAppServices({ databasePath: join(temp.dir, 'library.sqlite'), appVersion: '0.0.0-test' });
    recordingId = seedRecording(services.db, fakeResult(20, [[region(0, 4, 'neutral')]]));
    server = await startTeamServer({ handlers: services.handlers, events: services.events, team });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await services?.close();
    await team?.close();
    temp.cleanup();
  });

  async function headersOf(name: string): Promise<Record<string, string>> {
    const login = await sendRaw(server.port, '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) });
    const { csrfToken } = JSON.parse(login.body.toString()) as { csrfToken: string };
    return { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-emoqa-csrf': csrfToken };
  }

  async function as(name: string) {
    const headers = await headersOf(name);
    return async (method: string, args: object) => {
      const response = await sendRaw(server.port, `/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) });
      return { status: response.status, body: JSON.parse(response.body.toString()) as { ok: boolean; result: HumanLabel; error: { code: string; message: string } } };
    };
  }

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
    const labelsBefore = services.db.prepare('SELECT COUNT(*) AS n FROM labels').get();
    const malformed = await sendRaw(server.port, '/rpc/labels.create', { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersOf('bob')) }, body: `{"recordingId": "${recordingId}", "channel": 0,` });
    expect(malformed.status).toBe(400);
    expect(services.db.prepare('SELECT COUNT(*) AS n FROM labels').get()).toEqual(labelsBefore);
    const actors = services.db.prepare('SELECT action, actor FROM audit_log WHERE recording_id = ? ORDER BY id').all(recordingId);
    expect(actors).toEqual([
      { action: 'create', actor: 'ann' }, { action: 'update', actor: 'bob' }, { action: 'update', actor: 'ann' }, { action: 'review', actor: 'bob' },
    ]);
  });
});
