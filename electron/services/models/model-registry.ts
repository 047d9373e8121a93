/**
 * Model versions: the shipped one (read from its folder, usually resources/model) and retrained
 * ones in `<database folder>/models/<version>/`, each a complete model folder. The database row
 * says which is active (exactly one), when each was last activated (for rollback) and how a
 * retrained one was judged. Predictions keep the version that made them (model_regions).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nowIso, type Database } from '../../db/database';
import type { ModelVersionInfo, RetrainReport } from '../../shared/contract';
import { EmoqaError } from '../../shared/errors';
import { defaultModelDir as shippedModelDir, readMetadata } from '../../../ml/model/model-dir';
import type { ModelMetadata } from '../../../ml/model/metadata';

interface VersionRow {
  version: string;
  created_at: string;
  active: number;
  source: 'shipped' | 'retrained';
  metrics: string;
  confusion: string | null;
  notes: string | null;
  activated_at: string | null;
  report: string | null;
  cross_validation: string | null;
}

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

export function ensureModelVersion(db: Database, version: string): void {
  const hasActive = db.prepare('SELECT 1 FROM model_versions WHERE active = 1').get() !== undefined;
  db.prepare(
    `INSERT INTO model_versions (version, created_at, active, source) VALUES (?, ?, ?, 'shipped')
     ON CONFLICT(version) DO NOTHING`,
  ).run(version, nowIso(), hasActive ? 0 : 1);
}

/** The active version's name, without loading anything (settings, app.info). */
export function activeVersionName(db: Database): string | null {
  const row = db.prepare('SELECT version FROM model_versions WHERE active = 1').get() as { version: string } | undefined;
  return row?.version ?? null;
}

export class ModelRegistry {
  readonly shippedDir: string;
  readonly modelsDir: string;
  private shipped: Promise<string | null> | null = null;

  constructor(private readonly db: Database, options: { databasePath: string; shippedDir?: string }) {
    this.shippedDir = options.shippedDir ?? shippedModelDir();
    // Versions live beside the database (the user-data folder); an in-memory database gets a temp folder.
    this.modelsDir = options.databasePath === ':memory:' ? join(tmpdir(), `emoqa-models-${process.pid}`) : join(dirname(options.databasePath), 'models');
  }

  /** Registers the shipped model (once per process); an updated app's new model replaces an active older shipped one. */
  shippedVersion(): Promise<string | null> {
    if (this.shipped) return this.shipped;
    const attempt = readMetadata(this.shippedDir).then(
      (metadata) => {
        // IMMEDIATE: it reads before it writes, and a deferred one cannot wait for another process's write (SQLITE_BUSY at once).
        this.db.transaction(() => {
          const active = this.db.prepare('SELECT version, source FROM model_versions WHERE active = 1').get() as { version: string; source: string } | undefined;
          this.db.prepare(
            `INSERT INTO model_versions (version, created_at, active, source, metrics, notes) VALUES (?, ?, 0, 'shipped', ?, ?)
             ON CONFLICT(version) DO UPDATE SET metrics = excluded.metrics, notes = excluded.notes WHERE model_versions.metrics = '{}'`,
          ).run(metadata.version, metadata.createdAt, JSON.stringify(flattenMetrics(metadata.metrics)), `${metadata.training.data}; ${metadata.split}`);
          // Matrices the training's cross-validation recorded (models trained before it kept them have none).
          const crossValidation = [...partyFigureMatrices(metadata.figures), ...Object.entries(metadata.metrics).flatMap(([condition, r]) => (r.confusion ? [{ condition, n: r.n, accuracy: r.accuracy, confusion: r.confusion }] : []))];
          this.db.prepare('UPDATE model_versions SET cross_validation = ? WHERE version = ?').run(JSON.stringify(crossValidation), metadata.version);
          if (!active || (active.source === 'shipped' && active.version !== metadata.version)) this.setActive(metadata.version);
        }).immediate();
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

  list(): ModelVersionInfo[] {
    return (this.db.prepare('SELECT * FROM model_versions ORDER BY created_at DESC, version').all() as VersionRow[]).map(toInfo);
  }

  get(version: string): ModelVersionInfo {
    const row = this.db.prepare('SELECT * FROM model_versions WHERE version = ?').get(version) as VersionRow | undefined;
    if (!row) throw new EmoqaError('NOT_FOUND', `model version ${version} does not exist`);
    return toInfo(row);
  }

  active(): ModelVersionInfo | null {
    const row = this.db.prepare('SELECT * FROM model_versions WHERE active = 1').get() as VersionRow | undefined;
    return row ? toInfo(row) : null;
  }

  /** Folder of a version's files; the shipped folder for shipped versions that are still installed. */
  async dirOf(version: string): Promise<string> {
    const info = this.get(version);
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
    const active = this.active();
    if (!active || active.source !== 'retrained') return this.shippedDir; // a missing shipped model is reported by the loader
    return this.dirOf(active.version);
  }

  private setActive(version: string): void {
    this.db.prepare('UPDATE model_versions SET active = 0 WHERE active = 1').run();
    this.db.prepare('UPDATE model_versions SET active = 1, activated_at = ? WHERE version = ?').run(nowIso(), version);
  }

  async activate(version: string): Promise<ModelVersionInfo> {
    await this.shippedVersion();
    const dir = await this.dirOf(version);
    await readMetadata(dir); // refuse a folder that would not load
    this.db.transaction(() => this.setActive(version)).immediate();
    return this.get(version);
  }

  /** The version active before the current one. */
  previous(): ModelVersionInfo {
    const row = this.db
      .prepare('SELECT * FROM model_versions WHERE active = 0 AND activated_at IS NOT NULL ORDER BY activated_at DESC LIMIT 1')
      .get() as VersionRow | undefined;
    if (!row) throw new EmoqaError('CONFLICT', 'no earlier model version to roll back to');
    return toInfo(row);
  }

  registerRetrained(report: RetrainReport, confusion: number[][], createdAt = nowIso()): ModelVersionInfo {
    const metrics = {
      'corrections.accuracy': report.after.corrections.accuracy,
      'corrections.accuracyBefore': report.before.corrections.accuracy,
      'corrections.n': report.after.corrections.n,
      'base.accuracy': report.after.base.accuracy,
      'base.reference': report.baseReference.score.accuracy,
      'base.n': report.after.base.n,
    };
    const notes = `retrained from ${report.parent} on ${report.data.corrections} corrections (${report.data.trainCalls} calls)`;
    this.db.prepare(
      `INSERT INTO model_versions (version, created_at, active, source, metrics, confusion, notes, report) VALUES (?, ?, 0, 'retrained', ?, ?, ?, ?)`,
    ).run(report.version, createdAt, JSON.stringify(metrics), JSON.stringify(confusion), notes, JSON.stringify(report));
    return this.get(report.version);
  }
}
