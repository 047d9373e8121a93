/**
 * Model versions: the shipped one (read from its folder, usually resources/model) and retrained
 * ones in `<database folder>/models/<version>/`, each a complete model folder. The database row
 * says which is active (exactly one), when each was last activated (for rollback) and how a
 * retrained one was judged. Predictions keep the version that made them (model_regions).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Selectable } from 'kysely';
import { nowIso } from '../../db/database';
import { libraryTransaction, type LibraryDb } from '../../db/library-database';
import type { ModelVersionsTable } from '../../db/library-schema';
import type { ModelVersionInfo, RetrainReport } from '../../shared/contract';
import { EmoqaError } from '../../shared/errors';
import { defaultModelDir as shippedModelDir, readMetadata } from '../../../ml/model/model-dir';
import type { ModelMetadata } from '../../../ml/model/metadata';

type VersionRow = Selectable<ModelVersionsTable>;

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toInfo(row: VersionRow): ModelVersionInfo {
  return {
    version: row.version,
    createdAt: row.created_at,
    active: row.active === 1,
    source: row.source,
    metrics: parseJson<Record<string, number>>(row.metrics, {}),
    confusion: parseJson<number[][] | null>(row.confusion, null),
    notes: row.notes,
    activatedAt: row.activated_at,
    report: parseJson<RetrainReport | null>(row.report, null),
    crossValidation: parseJson<ModelVersionInfo['crossValidation']>(row.cross_validation, []),
  };
}

/** Metrics of metadata.json (nested reports) as the flat numbers the contract carries. */
export function flattenMetrics(metrics: Record<string, { accuracy: number; macroF1: number; n: number }>): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [key, r] of Object.entries(metrics)) Object.assign(flat, { [`${key}.accuracy`]: r.accuracy, [`${key}.macroF1`]: r.macroF1, [`${key}.n`]: r.n });
  return flat;
}

/**
 * The model registry owns `model_versions`: every read and write of it is here.
 * Registers a version the first time its predictions are stored; the first one becomes active.
 */
/**
 * The party head's matrices (metadata.figures, the decision rule that ships): the validation folds
 * over all corpora, then the held-out voices, each condition and band. Per-corpus and
 * leave-one-corpus-out rows stay in docs/MODEL.md (sixty more matrices would bury the page).
 */
export function partyFigureMatrices(figures: ModelMetadata['figures']): ModelVersionInfo['crossValidation'] {
  const shown = (key: string) => /^validation folds \(\d+ folds by voice, all /.test(key) || key.startsWith('HELD-OUT');
  return Object.entries(figures ?? {}).flatMap(([condition, figure]) =>
    shown(condition) && figure.confusion && typeof figure.n === 'number' && typeof figure.accuracy === 'number'
      ? [{ condition, n: figure.n, accuracy: figure.accuracy, confusion: figure.confusion }]
      : [],
  );
}

/** Part of the results writer's transaction: a version analyses were stored under exists (the first one active). */
export async function ensureModelVersion(db: LibraryDb, version: string): Promise<void> {
  const active = await db.selectFrom('model_versions').select('version').where('active', '=', 1).executeTakeFirst();
  await db
    .insertInto('model_versions')
    .values({ version, created_at: nowIso(), active: active ? 0 : 1, source: 'shipped' })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

/** The active version's name, without loading anything (settings, app.info). */
export async function activeVersionName(db: LibraryDb): Promise<string | null> {
  const row = await db.selectFrom('model_versions').select('version').where('active', '=', 1).executeTakeFirst();
  return row?.version ?? null;
}

/** Makes `version` the one active version (inside the caller's transaction). */
async function setActive(db: LibraryDb, version: string): Promise<void> {
  await db.updateTable('model_versions').set({ active: 0 }).where('active', '=', 1).execute();
  await db.updateTable('model_versions').set({ active: 1, activated_at: nowIso() }).where('version', '=', version).execute();
}

export class ModelRegistry {
  readonly shippedDir: string;
  readonly modelsDir: string;
  private shipped: Promise<string | null> | null = null;

  constructor(private readonly db: LibraryDb, options: { databasePath: string; shippedDir?: string }) {
    this.shippedDir = options.shippedDir ?? shippedModelDir();
    // Versions live beside the database (the user-data folder); an in-memory database gets a temp folder.
    this.modelsDir = options.databasePath === ':memory:' ? join(tmpdir(), `emoqa-models-${process.pid}`) : join(dirname(options.databasePath), 'models');
  }

  /** Registers the shipped model (once per process); an updated app's new model replaces an active older shipped one. */
  shippedVersion(): Promise<string | null> {
    if (this.shipped) return this.shipped;
    const attempt = readMetadata(this.shippedDir).then(
      async (metadata) => {
        // IMMEDIATE on SQLite (libraryTransaction): it reads before it writes, and a deferred one cannot wait for another process's write.
        await this.registerShipped(metadata);
        return metadata.version;
      },
      () => null, // no shipped model here (a stub or a broken install): analysis reports it when it runs
    );
    // A registration that failed (the database busy past its timeout) is tried again by the next
    // caller, rather than failing every later analysis of this process.
    this.shipped = attempt;
    attempt.catch(() => {
      if (this.shipped === attempt) this.shipped = null;
    });
    return attempt;
  }

  private async registerShipped(metadata: ModelMetadata): Promise<void> {
    const metrics = JSON.stringify(flattenMetrics(metadata.metrics));
    const notes = `${metadata.training.data}; ${metadata.split}`;
    // Matrices the training's cross-validation recorded (models trained before it kept them have none).
    const crossValidation = [...partyFigureMatrices(metadata.figures), ...Object.entries(metadata.metrics).flatMap(([condition, r]) => (r.confusion ? [{ condition, n: r.n, accuracy: r.accuracy, confusion: r.confusion }] : []))];
    await libraryTransaction(this.db, async (trx) => {
      const active = await trx.selectFrom('model_versions').select(['version', 'source']).where('active', '=', 1).executeTakeFirst();
      await trx
        .insertInto('model_versions')
        .values({ version: metadata.version, created_at: metadata.createdAt, active: 0, source: 'shipped', metrics, notes })
        .onConflict((oc) => oc.column('version').doUpdateSet({ metrics, notes }).where('model_versions.metrics', '=', '{}'))
        .execute();
      await trx.updateTable('model_versions').set({ cross_validation: JSON.stringify(crossValidation) }).where('version', '=', metadata.version).execute();
      if (!active || (active.source === 'shipped' && active.version !== metadata.version)) await setActive(trx, metadata.version);
    });
  }

  async list(): Promise<ModelVersionInfo[]> {
    const rows = await this.db.selectFrom('model_versions').selectAll().orderBy('created_at', 'desc').orderBy('version').execute();
    return rows.map(toInfo);
  }

  async get(version: string): Promise<ModelVersionInfo> {
    const row = await this.db.selectFrom('model_versions').selectAll().where('version', '=', version).executeTakeFirst();
    if (!row) throw new EmoqaError('NOT_FOUND', `model version ${version} does not exist`);
    return toInfo(row);
  }

  async active(): Promise<ModelVersionInfo | null> {
    const row = await this.db.selectFrom('model_versions').selectAll().where('active', '=', 1).executeTakeFirst();
    return row ? toInfo(row) : null;
  }

  /** Folder of a version's files; the shipped folder for shipped versions that are still installed. */
  async dirOf(version: string): Promise<string> {
    const info = await this.get(version);
    if (info.source === 'retrained') {
      const dir = join(this.modelsDir, version);
      if (!existsSync(join(dir, 'metadata.json'))) {
        throw new EmoqaError('MODEL_UNAVAILABLE', `the files of model ${version} are missing (${dir}): activate another version or roll back (Models page, emoqa models rollback)`);
      }
      return dir;
    }
    if ((await this.shippedVersion()) !== version) throw new EmoqaError('MODEL_UNAVAILABLE', `model ${version} is no longer installed (this build ships ${await this.shippedVersion()})`);
    return this.shippedDir;
  }

  /**
   * What analysis should load now: the active version's folder, else the shipped one. An active
   * retrained version whose files are gone is an error (MODEL_UNAVAILABLE), never a silent switch
   * to the shipped model: the reviewer chose that version, and results would change without a word.
   */
  async activeDir(): Promise<string> {
    await this.shippedVersion();
    const active = await this.active();
    if (!active || active.source !== 'retrained') return this.shippedDir; // a missing shipped model is reported by the loader
    return this.dirOf(active.version);
  }

  async activate(version: string): Promise<ModelVersionInfo> {
    await this.shippedVersion();
    const dir = await this.dirOf(version);
    await readMetadata(dir); // refuse a folder that would not load
    await libraryTransaction(this.db, (trx) => setActive(trx, version));
    return this.get(version);
  }

  /** The version active before the current one. */
  async previous(): Promise<ModelVersionInfo> {
    const row = await this.db
      .selectFrom('model_versions')
      .selectAll()
      .where('active', '=', 0)
      .where('activated_at', 'is not', null)
      .orderBy('activated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) throw new EmoqaError('CONFLICT', 'no earlier model version to roll back to');
    return toInfo(row);
  }

  async registerRetrained(report: RetrainReport, confusion: number[][], createdAt = nowIso()): Promise<ModelVersionInfo> {
    const metrics = {
      'corrections.accuracy': report.after.corrections.accuracy,
      'corrections.accuracyBefore': report.before.corrections.accuracy,
      'corrections.n': report.after.corrections.n,
      'base.accuracy': report.after.base.accuracy,
      'base.reference': report.baseReference.score.accuracy,
      'base.n': report.after.base.n,
    };
    const notes = `retrained from ${report.parent} on ${report.data.corrections} corrections (${report.data.trainCalls} calls)`;
    await this.db
      .insertInto('model_versions')
      .values({
        version: report.version, created_at: createdAt, active: 0, source: 'retrained',
        metrics: JSON.stringify(metrics), confusion: JSON.stringify(confusion), notes, report: JSON.stringify(report),
      })
      .execute();
    return this.get(report.version);
  }
}
