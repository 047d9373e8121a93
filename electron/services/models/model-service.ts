/**
 * The models domain as the composition root wires it: the version registry, the retraining
 * runner, the engine that analyses with the active version, and the contract's `models.*`
 * handlers. Activating re-analyses the library with the new version; labels stay as they are.
 */
import type { LibraryDb } from '../../db/library-database';
import type { HandlerArgs, Handlers } from '../../shared/contract';
import type { EventBus } from '../event-bus';
import { queueReanalysis } from './corrections';
import { ModelRegistry } from './model-registry';
import { RetrainRunner } from './retrain-runner';
import { versionedEngine, type PoolLike } from './versioned-engine';
import { classWeightsInUse, estimateLibraryPriors, priorInfo } from './class-priors';
import { lineCache, lineInfo, lineStatsInUse } from './line-stats';
import { readMetadata } from '../../../ml/model/model-dir';
import type { ModelMetadata } from '../../../ml/model/metadata';
import { EMOTIONS } from '../../shared/domain';

export interface ModelServiceOptions {
  db: LibraryDb;
  events: EventBus;
  databasePath: string;
  /** The shipped model's folder (default: resources/model or EMOQA_MODEL_DIR). */
  shippedDir?: string;
  /** Starts an analysis job over these paths, keeping each recording's roles; returns its id. */
  reanalyse: (paths: string[]) => string | Promise<string>;
  /** Pool factory for the engine (tests). */
  createPool?: (modelDir: string, size?: number) => Promise<PoolLike>;
}

type ModelHandlers = Pick<Handlers, 'models.list' | 'models.activate' | 'models.rollback' | 'models.retrain' | 'models.retrainStatus' | 'models.cancelRetrain' | 'models.priors' | 'models.estimatePriors' | 'models.lineStats'>;

/** The model's own prior weights (its decision rule's; none: uniform). */
const ownWeights = (decision: ModelMetadata['decision']): number[] => decision?.classWeights ?? EMOTIONS.map(() => 1);

export function createModelService(options: ModelServiceOptions) {
  const { db, events } = options;
  const registry = new ModelRegistry(db, { databasePath: options.databasePath, shippedDir: options.shippedDir });

  const activate = async (version: string, reanalyse = true) => {
    const info = await registry.activate(version);
    const reanalysisJobId = reanalyse ? await queueReanalysis(db, version, options.reanalyse) : null;
    return { ...info, reanalysisJobId };
  };
  const runner = new RetrainRunner({ db, events, registry, activate: async (version) => (await activate(version)).reanalysisJobId });

  // A model's metadata, read once per folder (folders never change once written).
  const models = new Map<string, Promise<ModelMetadata>>();
  const modelOf = (dir: string): Promise<ModelMetadata> => {
    let known = models.get(dir);
    if (!known) {
      known = readMetadata(dir);
      models.set(dir, known);
      known.catch(() => models.delete(dir));
    }
    return known;
  };
  const activeModel = async () => {
    await registry.shippedVersion();
    return modelOf(await registry.activeDir());
  };
  const lineOf = lineCache(db);

  const retrain = async (args: HandlerArgs<'models.retrain'>) => {
    const { activate: activateAfter, ...config } = args;
    // The outcome is kept for models.retrainStatus and announced by the last models.progress event.
    await runner.start({ activate: activateAfter, config });
    return { started: true };
  };

  const handlers: ModelHandlers = {
    'models.list': async () => {
      await registry.shippedVersion();
      return registry.list();
    },
    'models.activate': async (args) => activate(args.version, args.reanalyse ?? true),
    'models.rollback': async (args) => {
      await registry.shippedVersion();
      return activate((await registry.previous()).version, args.reanalyse ?? true);
    },
    'models.retrain': retrain,
    'models.retrainStatus': () => runner.get(),
    'models.cancelRetrain': async () => ({ cancelled: runner.cancel() }),
    'models.priors': async () => {
      const { version, decision } = await activeModel();
      return priorInfo(db, version, ownWeights(decision));
    },
    'models.estimatePriors': async (args) => {
      const { version, decision } = await activeModel();
      const own = ownWeights(decision);
      const { refused } = await estimateLibraryPriors(db, version, own, { minCalls: args.minCalls, agentNeutralFloor: args.agentNeutralFloor, shownTemperature: decision?.shownTemperature });
      return priorInfo(db, version, own, refused);
    },
    'models.lineStats': async () => {
      await registry.shippedVersion();
      const dir = await registry.activeDir();
      const metadata = await modelOf(dir);
      return lineInfo(metadata.version, await lineOf(dir, metadata));
    },
  };

  return {
    handlers,
    registry,
    runner,
    /** The analysis engine for createAppServices: follows the active version. */
    engine: (size?: number) => versionedEngine({
      activeDir: () => registry.activeDir(), size, createPool: options.createPool,
      priors: async (dir) => classWeightsInUse(db, (await modelOf(dir)).version),
      lineStats: async (dir) => lineStatsInUse(await lineOf(dir, await modelOf(dir))),
    }),
    close: async () => {
      if (runner.cancel()) await runner.wait()?.catch(() => undefined);
    },
  };
}

export type ModelService = ReturnType<typeof createModelService>;
