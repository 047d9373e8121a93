/**
 * The library's tables as the query builder types them: one place for every table the library
 * migrations (electron/db/migrations) create, as they stand after the newest step. Values read the
 * same on SQLite and PostgreSQL: timestamps ISO-8601 UTC text, flags INTEGER 0/1, JSON as text,
 * peaks' samples as bytes (BLOB / bytea, a Buffer either way). `Generated` marks a column the
 * database fills when an insert leaves it out (a default, or an id it assigns).
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Emotion, LabelValue, PartyRole, RecordingStatus } from '../shared/domain';
import type { TeamDatabase } from './team-schema';

export interface RecordingsTable {
  /** sha256 of the content, or of the path for a file that failed before it could be read. */
  id: string;
  content_hash: string | null;
  path: string;
  file_name: string;
  size_bytes: Generated<number>;
  duration_s: number | null;
  format: string | null;
  codec: string | null;
  sample_rate: number | null;
  channels: number | null;
  /** JSON `[PartyRole, PartyRole]`. */
  roles: string | null;
  status: RecordingStatus;
  error_code: string | null;
  error_message: string | null;
  imported_at: string;
  analysed_at: string | null;
  model_version: string | null;
  downmixed: Generated<number>;
  superseded_by: string | null;
  agent: string | null;
  team: string | null;
  started_at: string | null;
  note: string | null;
  /** ConversationMeasures as JSON (a cache, see services/library/party-summaries). */
  measures: string | null;
}

export interface ModelVersionsTable {
  version: string;
  created_at: string;
  active: Generated<number>;
  source: 'shipped' | 'retrained';
  metrics: Generated<string>;
  confusion: string | null;
  notes: string | null;
  activated_at: string | null;
  report: string | null;
  cross_validation: string | null;
}

export interface PartiesTable {
  recording_id: string;
  channel: number;
  role: PartyRole;
  talk_time_s: number;
  /** JSON: seconds per emotion with corrections applied (a cache). */
  emotion_seconds: Generated<string>;
  /** JSON class weights the party was decided with; NULL: the model's own. */
  class_weights: string | null;
}

export interface ModelRegionsTable {
  id: Generated<number>;
  recording_id: string;
  channel: number;
  start_s: number;
  end_s: number;
  emotion: Emotion;
  confidence: number;
  probabilities: string;
  model_version: string;
  uncertain: Generated<number>;
}

export interface PeaksTable {
  recording_id: string;
  level: number;
  channel: number;
  samples_per_peak: number;
  sample_rate: number;
  data: Buffer;
}

export interface LabelsTable {
  id: Generated<number>;
  recording_id: string;
  channel: number;
  start_s: number;
  end_s: number;
  /** An emotion, or a review mark (not_speech, unsure). */
  emotion: LabelValue;
  reviewer: string;
  source: Generated<'ui' | 'audacity' | 'csv'>;
  created_at: string;
  updated_at: string;
  replaces_region_id: number | null;
  deleted: Generated<number>;
  deleted_at: string | null;
  deleted_by: string | null;
  kind: Generated<'correction' | 'agreement'>;
  version: Generated<number>;
}

export interface ReviewsTable {
  recording_id: string;
  reviewed: number;
  reviewer: string | null;
  reviewed_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  recording_id: string;
  entity: 'label' | 'review';
  entity_id: number | null;
  action: 'create' | 'update' | 'delete' | 'import' | 'review' | 'unreview';
  actor: string;
  at: string;
  before: string | null;
  after: string | null;
}

export type JobState = 'running' | 'done' | 'cancelled' | 'failed';
export type JobFileOutcome = 'pending' | 'done' | 'skipped' | 'error' | 'cancelled';

export interface JobsTable {
  id: string;
  state: JobState;
  created_at: string;
  finished_at: string | null;
  /** JSON array of the paths asked for. */
  paths: string;
  /** JSON roles, or 'null' for the settings' default. */
  roles: string;
  files_total: Generated<number>;
  files_done: Generated<number>;
  files_failed: Generated<number>;
  files_already: Generated<number>;
  audio_seconds_total: Generated<number>;
  audio_seconds_done: Generated<number>;
  /** The process running the job (random per process) and until when (ms since the epoch). */
  owner: string | null;
  lease_until: number | null;
}

export interface JobFilesTable {
  job_id: string;
  path: string;
  recording_id: string | null;
  outcome: JobFileOutcome;
  error_code: string | null;
  error_message: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface RegionNotesTable {
  id: Generated<number>;
  recording_id: string;
  channel: number;
  start_s: number;
  end_s: number;
  text: string;
  author: string;
  updated_at: string;
}

export interface ClassPriorsTable {
  model_version: string;
  role: PartyRole;
  /** JSON. */
  priors: string;
  /** JSON. */
  weights: string;
  calls: number;
  seconds: number;
  estimated_at: string;
}

/** One analysed party's window summary (migration 0180, ml/model/channel-stats.ts). */
export interface WindowStatsTable {
  recording_id: string;
  channel: number;
  /** Feature spec and pooling version of the windows. */
  kind: string;
  windows: number;
  dim: number;
  /** Float32, little-endian: five quantiles per feature. */
  quantiles: Buffer;
  analysed_at: string;
}

export interface LibraryDatabase {
  recordings: RecordingsTable;
  model_versions: ModelVersionsTable;
  parties: PartiesTable;
  model_regions: ModelRegionsTable;
  peaks: PeaksTable;
  labels: LabelsTable;
  reviews: ReviewsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  job_files: JobFilesTable;
  settings: SettingsTable;
  region_notes: RegionNotesTable;
  class_priors: ClassPriorsTable;
  window_stats: WindowStatsTable;
}

/** Library and team tables together: one database may hold both (the team server's). */
export type EmoqaDatabase = LibraryDatabase & TeamDatabase;

export type RecordingSelect = Selectable<RecordingsTable>;
export type RecordingInsert = Insertable<RecordingsTable>;
export type RecordingUpdate = Updateable<RecordingsTable>;
