import { describe, expect, it } from 'vitest';
import { versionedEngine, type PoolLike } from '../../../../../electron/services/models/versioned-engine';
import { fakeResult } from '../store-helpers';

describe('engine following the active model', () => {
  it('analyses with the active version and retires the old pool once its last call ends', async () => {
    let active = '/models/a';
    const log: string[] = [];
    let release = (): void => undefined;
    let slowStarted = (): void => undefined;
    const slowRunning = new Promise<void>((resolve) => (slowStarted = resolve));
    const engine = versionedEngine({
      activeDir: async () => active,
      createPool: async (dir): Promise<PoolLike> => {
        log.push(`open ${dir}`);
        return {
          analyse: async (path) => {
            if (path === 'slow.wav') {
              const held = new Promise<void>((resolve) => (release = resolve));
              slowStarted();
              await held;
            }
            return fakeResult(1, [[]], dir);
          },
          close: () => void log.push(`close ${dir}`),
        };
      },
    });
    const analyse = await engine.getAnalyse();
    expect((await analyse('one.wav', { roles: ['agent', 'customer'] })).modelVersion).toBe('/models/a');
    const slow = analyse('slow.wav', { roles: ['agent', 'customer'] });
    await slowRunning;
    active = '/models/b';
    expect((await analyse('two.wav', { roles: ['agent', 'customer'] })).modelVersion).toBe('/models/b');
    expect(log).toEqual(['open /models/a', 'open /models/b']);
    release();
    expect((await slow).modelVersion).toBe('/models/a');
    await expect.poll(() => log).toEqual(['open /models/a', 'open /models/b', 'close /models/a']);
    await engine.close();
    expect(log.at(-1)).toBe('close /models/b');
  });

  it('fails the job at once when the active model cannot load, and tries again later', async () => {
    let fail = true;
    const engine = versionedEngine({
      activeDir: async () => '/models/x',
      createPool: async () => {
        if (fail) throw new Error('no model');
        return { analyse: async () => fakeResult(1, [[]]), close: () => undefined };
      },
    });
    await expect(engine.getAnalyse()).rejects.toThrow('no model');
    fail = false;
    await expect(engine.getAnalyse()).resolves.toBeTypeOf('function');
  });
});
