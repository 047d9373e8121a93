import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, resolveDatabasePath } from '../../../../electron/db/default-path';

describe('default database path', () => {
  it("follows Electron's userData location per platform", () => {
    expect(defaultDatabasePath({ platform: 'linux', env: {}, home: '/home/ann' })).toBe('/home/ann/.config/emoqa/emoqa.sqlite');
    expect(defaultDatabasePath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ann' })).toBe('/cfg/emoqa/emoqa.sqlite');
    expect(defaultDatabasePath({ platform: 'darwin', env: {}, home: '/Users/ann' })).toBe('/Users/ann/Library/Application Support/emoqa/emoqa.sqlite');
    expect(defaultDatabasePath({ platform: 'win32', env: { APPDATA: 'C:/Users/ann/AppData/Roaming' }, home: 'C:/Users/ann' })).toMatch(
      /AppData[\\/]Roaming[\\/]emoqa[\\/]emoqa\.sqlite$/,
    );
  });

  it('prefers --db, then EMOQA_DB', () => {
    const where = { platform: 'linux' as const, env: { EMOQA_DB: '/tmp/env.sqlite' }, home: '/home/ann' };
    expect(resolveDatabasePath('/tmp/flag.sqlite', where)).toBe('/tmp/flag.sqlite');
    expect(resolveDatabasePath(undefined, where)).toBe('/tmp/env.sqlite');
    expect(resolveDatabasePath(undefined, { ...where, env: {} })).toBe('/home/ann/.config/emoqa/emoqa.sqlite');
  });
});
