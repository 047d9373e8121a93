import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibraryDatabase, type LibraryHandle } from '../../../../../electron/db/library-open';
import {
  classWeightsInUse, estimateLibraryPriors, estimateRolePriors, implausible, priorInfo, storedPriors, type RegionSample,
} from '../../../../../electron/services/models/class-priors';
import { versionedEngine } from '../../../../../electron/services/models/versioned-engine';
import { calibrate } from '../../../../../ml/model/party-features';
import { mulberry32 } from '../../../../../ml/train/random';
import { describeOnBothDatabases } from '../../../../helpers/team-databases';
import { fakeResult, region, seedRecordingIn } from '../store-helpers';

const OWN = [1, 1, 1, 1, 2, 1, 1];

/** Regions of `calls` calls of one role: raw posteriors leaning to `lean` in share `share` of them, decided with `weights`. */
function regions(role: 'agent' | 'customer', calls: number, lean: number, share: number, weights: readonly number[], seed: number): RegionSample[] {
  const random = mulberry32(seed);
  return Array.from({ length: 40 * calls }, (_, i) => {
    const top = random() < share ? lean : Math.floor(random() * 7);
    const raw = Float32Array.from({ length: 7 }, (_, k) => (k === top ? 0.5 : 0.5 / 6) * (0.8 + 0.4 * random()));
    return { callId: `${role}-${i % calls}`, role, seconds: 1 + random(), probabilities: Array.from(calibrate(raw, 1, weights)), weightsUsed: weights };
  });
}

describe('the library\'s class priors per party role', () => {
  it('finds a mostly neutral agent and leaves roles with too few calls to the model\'s own prior', () => {
    const estimate = estimateRolePriors([...regions('agent', 4, 4, 0.8, OWN, 1), ...regions('customer', 2, 0, 0.5, OWN, 2)], OWN);
    expect(estimate.customer).toBeUndefined();
    const agent = estimate.agent!;
    expect(agent.calls).toBe(4);
    expect(agent.priors.indexOf(Math.max(...agent.priors))).toBe(4);
    expect(agent.priors.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6);
    // The weights multiply the model's own (neutral ×2) by the damped estimate: neutral stays the largest, at 1.
    expect(agent.weights[4]).toBe(1);
    expect(Math.max(...agent.weights.filter((_, k) => k !== 4))).toBeLessThan(0.5);
  });

  it('undoes the weights a region was decided with: an estimate made from already re-weighted calls is the same', () => {
    const first = estimateRolePriors(regions('agent', 3, 4, 0.7, OWN, 3), OWN).agent!;
    const again = estimateRolePriors(regions('agent', 3, 4, 0.7, first.weights, 3), OWN).agent!;
    again.priors.forEach((p, k) => expect(p).toBeCloseTo(first.priors[k], 4));
  });

  it('refuses an estimate that finds agents mostly not neutral: the model does not read that line', () => {
    const offLine = estimateRolePriors(regions('agent', 3, 6, 0.9, OWN, 4), OWN);
    expect(implausible(offLine)).toMatch(/neutral speech in agents .* the model's own prior stays/);
    expect(implausible(estimateRolePriors(regions('agent', 3, 4, 0.8, OWN, 5), OWN))).toBeNull();
    // A centre whose agents are not mostly neutral lowers the floor (0: no check).
    expect(implausible(offLine, 0)).toBeNull();
  });

  it('hands each analysis the prior of the folder it runs on', async () => {
    const seen: unknown[] = [];
    const engine = versionedEngine({
      activeDir: async () => '/models/a',
      priors: async (dir) => (dir === '/models/a' ? { agent: [1, 1, 1, 1, 1, 1, 0.5] } : undefined),
      createPool: async () => ({ analyse: async (_path, options) => (seen.push(options.priors), fakeResult(1, [[]])), close: () => undefined }),
    });
    await (await engine.getAnalyse())('one.wav', { roles: ['agent', 'customer'] });
    expect(seen).toEqual([{ agent: [1, 1, 1, 1, 1, 1, 0.5] }]);
    await engine.close();
  });
});

describeOnBothDatabases('the class priors stored in the library', (fresh) => {
  let handle: LibraryHandle;
  beforeEach(async () => {
    handle = await openLibraryDatabase(await fresh());
  });
  afterEach(() => handle.close());

  /** `calls` stereo calls of `version`: a mostly neutral agent, an angrier customer. */
  async function seed(calls: number, version: string): Promise<void> {
    for (let i = 0; i < calls; i++) {
      const agent = [region(0, 20, 'neutral', 0.8), region(20, 30, 'neutral', 0.6), region(30, 34, 'happy', 0.5)];
      const customer = [region(0, 10, 'angry', 0.7), region(10, 25, 'neutral', 0.6), region(25, 30, 'sad', 0.5)];
      await seedRecordingIn(handle.db, fakeResult(60, [agent, customer], version));
    }
  }

  it('estimates per role from the regions of one version, stores it, and reads it back (replacing an earlier estimate)', async () => {
    await seed(3, 'v1');
    await seed(1, 'v2');
    const { stored, refused } = await estimateLibraryPriors(handle.db, 'v1', OWN, { minCalls: 3 });
    expect(refused).toBeNull();
    expect(stored.map((s) => [s.role, s.calls])).toEqual([['agent', 3], ['customer', 3]]);
    expect(stored[0].seconds).toBeCloseTo(3 * 34, 6);
    // Estimated again: the version's rows are replaced, never doubled.
    await estimateLibraryPriors(handle.db, 'v1', OWN, { minCalls: 3 });
    expect(await storedPriors(handle.db, 'v1')).toHaveLength(2);
    expect(Object.keys((await classWeightsInUse(handle.db, 'v1')) ?? {})).toEqual(['agent', 'customer']);
    expect(await classWeightsInUse(handle.db, 'v2')).toBeUndefined();
    const info = await priorInfo(handle.db, 'v1', OWN);
    expect(info.analysedCalls).toBe(3);
    expect(info.roles.map((r) => [r.role, r.source])).toEqual([['agent', 'estimated'], ['customer', 'estimated'], ['speaker', 'model']]);
    expect((await priorInfo(handle.db, 'v2', OWN)).analysedCalls).toBe(1);
  });

  it('stores nothing for a role with too few calls', async () => {
    await seed(2, 'v1');
    expect(await estimateLibraryPriors(handle.db, 'v1', OWN, { minCalls: 3 })).toEqual({ stored: [], refused: null });
    expect((await priorInfo(handle.db, 'v1', OWN)).roles.every((r) => r.source === 'model')).toBe(true);
  });
});
