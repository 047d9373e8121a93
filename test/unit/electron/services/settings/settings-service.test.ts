import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import { readSetting, SettingsService, writeSetting } from '../../../../../electron/services/settings/settings-service';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';

describeOnBothDatabases('settings service', (fresh) => {
  let handle: LibraryHandle;
  let settings: SettingsService;
  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
    settings = new SettingsService(handle.db, '/data/emoqa.sqlite');
  });
  afterEach(() => handle.close());

  it('answers the defaults on an empty library', async () => {
    const got = await settings.get();
    expect(got).toMatchObject({ defaultRoles: ['agent', 'customer'], databasePath: '/data/emoqa.sqlite', modelVersion: null, pathPattern: '', separateMono: false });
    expect(got.reviewerName.length).toBeGreaterThan(0);
  });

  it('stores what is changed, keeps what is not, and trims the reviewer name', async () => {
    await settings.update({ reviewerName: '  Ann  ', defaultRoles: ['customer', 'agent'] });
    const after = await settings.update({ pathPattern: '{team}/{agent}/*.wav', separateMono: true });
    expect(after).toMatchObject({ reviewerName: 'Ann', defaultRoles: ['customer', 'agent'], pathPattern: '{team}/{agent}/*.wav', separateMono: true });
    expect(await settings.get()).toEqual(after);
    // A second write of one key replaces it (an upsert on both databases).
    expect(await settings.update({ separateMono: false })).toMatchObject({ separateMono: false, reviewerName: 'Ann' });
  });

  it('reads an unreadable stored value as absent', async () => {
    await handle.db.insertInto('settings').values({ key: 'defaultRoles', value: '{not json' }).execute();
    await writeSetting(handle.db, 'pathPattern', 42);
    expect(await readSetting(handle.db, 'defaultRoles')).toBeUndefined();
    expect(await settings.get()).toMatchObject({ defaultRoles: ['agent', 'customer'], pathPattern: '' });
  });

  it('names the active model, else the one of the newest analysis (never a call without an analysis time)', async () => {
    const recording = (id: string, analysedAt: string | null, modelVersion: string) => ({
      id, path: `/c/${id}.wav`, file_name: `${id}.wav`, status: 'done' as const, imported_at: '2025-01-01T00:00:00.000Z', analysed_at: analysedAt, model_version: modelVersion,
    });
    await handle.db.insertInto('recordings').values([recording('a', '2025-01-02T00:00:00.000Z', 'old'), recording('b', '2025-01-03T00:00:00.000Z', 'newer'), recording('c', null, 'odd')]).execute();
    expect(await settings.modelVersion()).toBe('newer');
    await handle.db.insertInto('model_versions').values({ version: 'shipped-1', created_at: '2025-01-01T00:00:00.000Z', active: 1, source: 'shipped' }).execute();
    expect(await settings.modelVersion()).toBe('shipped-1');
  });
});
