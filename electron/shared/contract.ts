/**
 * The only declaration of emoqa's API. Every transport (Electron IPC, HTTP) serves exactly these
 * handlers and events; the renderer calls them without knowing which transport carries them.
 * Inputs are validated with these zod schemas where they arrive (main process, HTTP server).
 */
import { serverPathSchema, type QueueEnqueueResult, type QueueStatus } from './queue-status';
import type { ProbedTeamServer } from './team-link';
import { z } from 'zod';
import type { ErrorPayload } from './errors';
import { MAX_RANGE_BUCKETS } from './peaks';
import { MAX_SPECTROGRAM_COLUMNS, MAX_SPECTROGRAM_SPAN_S, SPECTROGRAM_SPAN_MESSAGE } from './spectrogram';
import {
  labelValueSchema,
  partyRoleSchema,
  type Emotion,
  type LabelValue,
  type PartyRole,
  type HumanLabel,
  type JobProgress,
  type PeaksInfo,
  type PredictedRegion,
  type RecordingDetail,
  type RecordingSummary,
} from './domain';
import { pathPatternSchema, type AgentSummary, type CallNotes } from './conversation';
import { libraryFilterSchema } from './library-filter';
import { userNameSchema, type Assignment, type TeamMember } from './team';

const id = z.string().min(1).max(128);
const seconds = z.number().finite().min(0);
/** Calls to (un)assign: named, or the ones a library filter shows, resolved by the server when it arrives. */
const assignmentTarget = z.object({ reviewer: userNameSchema, recordingIds: z.array(id).min(1).max(100_000).optional(), filter: libraryFilterSchema.optional() })
  .refine((a) => (a.recordingIds === undefined) !== (a.filter === undefined), 'send either recordingIds or filter');

export const inputSchemas = {
  'app.info': z.object({}),
  'settings.get': z.object({}),
  'settings.update': z.object({
    reviewerName: z.string().trim().max(100).optional(),
    defaultRoles: z.tuple([partyRoleSchema, partyRoleSchema]).optional(),
    pathPattern: pathPatternSchema.optional(),
    separateMono: z.boolean().optional(),
  }),
  'files.list': z.object({ dir: z.string().max(4096).optional() }),
  /** `assignedTo`: only the calls assigned to that user (team server; elsewhere none are). */
  'recordings.list': z.object({ assignedTo: userNameSchema.optional() }),
  'recordings.get': z.object({ id }),
  'recordings.peaksInfo': z.object({ id }),
  /** Binary: see electron/shared/peaks.ts for the layout. `count` is capped so no answer is large. */
  'recordings.peaksRange': z.object({
    id,
    level: z.number().int().min(0).max(31),
    start: z.number().int().min(0),
    count: z.number().int().min(1).max(MAX_RANGE_BUCKETS),
  }),
  /** Binary: one party's visible range as byte columns (electron/shared/spectrogram.ts); range and columns are capped. */
  'recordings.spectrogram': z.object({
    id,
    channel: z.number().int().min(0).max(7),
    startS: seconds,
    endS: seconds,
    columns: z.number().int().min(1).max(MAX_SPECTROGRAM_COLUMNS, `a spectrogram has at most ${MAX_SPECTROGRAM_COLUMNS} columns`),
  })
    .refine((a) => a.endS > a.startS, 'a spectrogram range ends after it starts')
    .refine((a) => a.endS - a.startS <= MAX_SPECTROGRAM_SPAN_S, SPECTROGRAM_SPAN_MESSAGE),
  'recordings.regions': z.object({ id }),
  /** A recording named by its file: its path (relative to baseDir, default the caller's folder), an unambiguous file name, or its content. */
  'recordings.find': z.object({ file: z.string().min(1).max(4096), baseDir: z.string().min(1).max(4096).optional() }),
  /** Per party, the call as the reviewer sees it: predictions with the labels laid over them. */
  'recordings.timeline': z.object({ id }),
  'labels.create': z.object({
    recordingId: id,
    channel: z.number().int().min(0).max(7),
    start: seconds,
    end: seconds,
    emotion: labelValueSchema,
    replacesRegionId: z.number().int().nullable().optional(),
  }),
  'labels.update': z.object({
    id: z.number().int(),
    /** The version the change was made from: an older one than stored is refused (CONFLICT). Absent: last write wins (scripts). */
    version: z.number().int().min(1).optional(),
    start: seconds.optional(),
    end: seconds.optional(),
    emotion: labelValueSchema.optional(),
  }),
  'labels.delete': z.object({ id: z.number().int(), version: z.number().int().min(1).optional() }),
  /** Many labels on one call at once (an Audacity label track): all or none. */
  'labels.import': z.object({
    recordingId: id,
    labels: z.array(z.object({ channel: z.number().int().min(0).max(7), start: seconds, end: seconds, emotion: labelValueSchema })).max(100_000),
    /** Who they are attributed to (default: the saved reviewer name). */
    reviewer: z.string().trim().min(1).max(100).optional(),
  }),
  /** A CSV of labels made elsewhere (file,channel,start,end,emotion): all rows or none. */
  'labels.importCsv': z.object({
    csv: z.string().max(64 * 1024 * 1024),
    /** Folder that relative `file` paths are relative to. */
    baseDir: z.string().min(1).max(4096),
    reviewer: z.string().trim().min(1).max(100).optional(),
  }),
  'review.set': z.object({ recordingId: id, reviewed: z.boolean() }),
  'analysis.start': z.object({
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    roles: z.tuple([partyRoleSchema, partyRoleSchema]).optional(),
  }),
  'analysis.cancel': z.object({ jobId: id }),
  'analysis.jobs': z.object({}),
  'export.report': z.object({ recordingIds: z.array(id).optional() }),
  'models.list': z.object({}),
  'models.activate': z.object({ version: z.string().min(1), reanalyse: z.boolean().optional() }),
  /** Back to the version that was active before the current one. */
  'models.rollback': z.object({ reanalyse: z.boolean().optional() }),
  /**
   * `activate`: switch to the new version at once if it passes the gate (default: only offer it).
   * The rest override the defaults: corrections' weight against base rows, the gate's thresholds
   * (shares, 0.02 = 2 points; how sure the bootstrap must be that it is better), the most
   * cross-validation folds (by call), training epochs.
   */
  'models.retrain': z.object({
    activate: z.boolean().optional(),
    correctionWeight: z.number().min(1).max(100).optional(),
    maxBaseDrop: z.number().min(0).max(1).optional(),
    minCorrectionGain: z.number().min(-1).max(1).optional(),
    minProbabilityBetter: z.number().min(0).max(1).optional(),
    folds: z.number().int().min(2).max(20).optional(),
    epochs: z.number().int().min(1).max(200).optional(),
    /** Share of the fine-tuning's weight change the party head keeps (1: all of it; less forgets less). */
    fineTuneKeep: z.number().gt(0).max(1).optional(),
    fineTuneLearningRate: z.number().gt(0).max(0.1).optional(),
  }),
  'models.retrainStatus': z.object({}),
  'models.cancelRetrain': z.object({}),
  /** The prior the active model decides with, per party role (shipped, or estimated from the library). */
  'models.priors': z.object({}),
  'models.lineStats': z.object({}),
  /** Estimate the library's class priors (EM over the active model's analysed calls, no labels) and use them from the next analysis. */
  /**
   * agentNeutralFloor: the least neutral share the estimate may find in agents before it is refused as a
   * line the model does not read (default 0.3); a centre whose agents are not mostly neutral lowers it, 0 turns the check off.
   */
  'models.estimatePriors': z.object({ minCalls: z.number().int().min(1).max(1000).optional(), agentNeutralFloor: z.number().min(0).max(1).optional() }),
  'notes.get': z.object({ recordingId: id }),
  /** An empty text removes the note. */
  'notes.setCall': z.object({ recordingId: id, text: z.string().max(10_000) }),
  'notes.setRegion': z.object({ recordingId: id, channel: z.number().int().min(0).max(7), start: seconds, end: seconds, text: z.string().max(10_000) })
    .refine((a) => a.end > a.start, 'a region ends after it starts'),
  'agents.list': z.object({}),
  /** The team's analysis queue (`emoqa worker`); null outside a team server with a PostgreSQL queue. */
  'queue.status': z.object({}),
  /** Queue server-side files or folders for the team's workers (the pg-boss queue `emoqa enqueue` fills); team server with PostgreSQL only. */
  'queue.enqueue': z.object({ paths: z.array(serverPathSchema).min(1).max(1000) }),
  /** Desktop app, Settings → Team server: is this address an emoqa team server (https, or http to this machine)? The team server itself refuses it. */
  'teamServer.probe': z.object({ url: z.string().max(2048) }),
  /** Team server only: a lead gives calls to a reviewer; a call they have already: a no-op. */
  'assignments.assign': assignmentTarget,
  'assignments.unassign': assignmentTarget,
  /** Every assignment, or one reviewer's ("My calls"); outside the team server: none. */
  'assignments.list': z.object({ reviewer: userNameSchema.optional() }),
  /** Team server only: the active accounts a lead may assign to. */
  'users.list': z.object({}),
} as const;

export type HandlerName = keyof typeof inputSchemas;
export type HandlerInput<N extends HandlerName> = z.input<(typeof inputSchemas)[N]>;
export type HandlerArgs<N extends HandlerName> = z.output<(typeof inputSchemas)[N]>;

export interface AppInfo {
  version: string;
  modelVersion: string | null;
  backend: string | null;
  databasePath: string;
  ffmpeg: string | null;
}

export interface Settings {
  reviewerName: string;
  defaultRoles: [z.infer<typeof partyRoleSchema>, z.infer<typeof partyRoleSchema>];
  databasePath: string;
  modelVersion: string | null;
  /** Folder layout naming agent and team at import, e.g. `{team}/{agent}/*.wav` ('' = none). */
  pathPattern: string;
  /** Mono calls are split into agent and customer at analysis (two lanes, "separated from mono"). */
  separateMono: boolean;
}

export interface DirectoryListing {
  dir: string;
  parent: string | null;
  entries: Array<{ name: string; path: string; kind: 'dir' | 'file' }>;
  /** Entries left out past the listing's cap (a folder of 200 000 calls lists its first 2 000). */
  omitted: number;
}

export interface ModelVersionInfo {
  version: string;
  createdAt: string;
  active: boolean;
  source: 'shipped' | 'retrained';
  metrics: Record<string, number>;
  /** Rows true class, columns predicted, in EMOTIONS order (retrained: on the held-out corrections). */
  confusion: number[][] | null;
  /** The shipped model's cross-validation, one matrix per condition (e.g. `speaker-cv/ravdess/telephone`). */
  crossValidation: Array<{ condition: string; n: number; accuracy: number; confusion: number[][] }>;
  notes: string | null;
  /** When it last became the active version (null: never). */
  activatedAt: string | null;
  /** How a retrained version was made and judged (null for the shipped model). */
  report: RetrainReport | null;
}

/** The decision rule's prior for one party role: the model's own weights (metadata.decision), or the library's EM estimate. */
export interface RolePriorInfo {
  role: PartyRole;
  source: 'model' | 'estimated';
  /** Multiplicative weights on the tempered probabilities (largest 1 when estimated). */
  weights: Record<Emotion, number>;
  /** The estimated base rates (null: the model's own). */
  priors: Record<Emotion, number> | null;
  /** Calls and seconds of speech the estimate was made from (0: the model's own). */
  calls: number;
  seconds: number;
  estimatedAt: string | null;
}

export interface ClassPriorInfo {
  version: string;
  roles: RolePriorInfo[];
  /** Calls a role needs before it is estimated. */
  minCalls: number;
  /** Calls this version has analysed (what an estimate would read). */
  analysedCalls: number;
  /** Why the last estimate was not applied (null: it was, or none was asked for). */
  note: string | null;
}

/**
 * The library's own line statistics (models/line-stats): whether analysis z-scores the party head's
 * absolute half with the median and spread of the library's analysed speech (no labels), and why.
 */
export interface LineStatsInfo {
  version: string;
  applied: boolean;
  /** Calls and speech windows the estimate read (the newest parties'). */
  calls: number;
  windows: number;
  /** Features whose library median lies more than `shiftZ` training SD off; applied from `minShifted`. */
  shifted: number;
  features: number;
  shiftZ: number;
  minShifted: number;
  minCalls: number;
  /** Why the training statistics stay (null: applied). */
  reason: string | null;
}

/** Accuracy of one model on one evaluation set. */
export interface EvalScore {
  accuracy: number;
  macroF1: number;
  /** Examples scored (correction windows, or base validation rows). */
  n: number;
}

/**
 * How the corrections judged a candidate: cross-validated by call, every held-out window pooled,
 * the gain with a paired bootstrap interval over calls.
 */
export interface RetrainJudging {
  method: 'leave-one-call-out' | 'k-fold-by-call' | 'k-fold-by-group';
  folds: number;
  calls: number;
  /** Held-out windows pooled over the folds (each corrected window judged once). */
  windows: number;
  /** Held-out windows per true emotion. */
  classes: Partial<Record<Emotion, number>>;
  /** Pooled accuracy gain (0..1 shares) and its bootstrap interval over calls. */
  gain: number;
  interval: [number, number];
  coverage: number;
  /** Share of bootstrap resamples of calls in which the candidate is better. */
  probabilityBetter: number;
  /** Per corrected call (`name`: its file name): held-out windows and how many each model got right. */
  perCall: Array<{ recordingId: string; name: string; windows: number; before: number; after: number }>;
}

/**
 * The correction memory a retrained version carries (nearest corrected windows blended with the
 * party head's posterior), chosen on the cross-validation folds; `byVoice`: held-out windows judged
 * with a memory that never heard their voice (the guard: it may not lower them).
 */
export interface RetrainMemory {
  /** The party head under it: fine-tuned on the corrections, or the current one kept. */
  head: 'fine-tuned' | 'current';
  /** null: no memory (none passed the guard, or none beat the head alone). */
  rule: { k: number; space: 'both' | 'absolute' | 'relative'; bandwidth: number; maxWeight: number; halfSupport: number } | null;
  /** Corrected windows kept in the memory. */
  windows: number;
  /** Voices inferred among the corrected parties. */
  voices: number;
  /** null: not measured (the fine-tuned head could not win by call, so no version was trained without each voice). */
  byVoice: { before: number; after: number } | null;
}

export interface RetrainReport {
  version: string;
  /** The version that was active when this one was trained. */
  parent: string;
  data: {
    /** Labelled stretches used (live labels, overlaps resolved newest-first), training and held-out calls together. */
    corrections: number;
    trainCalls: number;
    heldOutCalls: number;
    trainWindows: number;
    heldOutWindows: number;
    baseRows: number;
    baseSource: 'bank' | 'corpora';
    correctionWeight: number;
    validationSpeakers: string[];
  };
  /** Held-out corrections (split by call) and the base speaker-independent validation set. */
  before: { corrections: EvalScore; base: EvalScore };
  after: { corrections: EvalScore; base: EvalScore };
  /** What the base score is compared with: the current model, or (when it saw the validation voices) a control trained like the candidate without corrections. */
  baseReference: { kind: 'current' | 'control'; score: EvalScore };
  thresholds: { minCorrectionGain: number; maxBaseDrop: number; minProbabilityBetter?: number };
  /** Cross-validated judgement (absent in reports of versions judged on one held-out split). */
  judging?: RetrainJudging;
  /** What the folds chose (absent in older reports). */
  memory?: RetrainMemory;
  accepted: boolean;
  /** Why it was rejected (empty when accepted). */
  reasons: string[];
  epochs: number;
  seconds: number;
}

export interface RetrainOutcome {
  state: 'activated' | 'offered' | 'rejected' | 'cancelled' | 'failed';
  finishedAt: string;
  report: RetrainReport | null;
  error: ErrorPayload | null;
  /** Activated: the analysis job re-analysing the library with the new version. */
  reanalysisJobId: string | null;
}

/** What the corrections in the store allow before anything is trained, and what is missing. */
export interface RetrainReadiness {
  ready: boolean;
  /** Calls with usable labels, the labels, and the correction windows they give (estimated from the labels' lengths). */
  calls: number;
  labels: number;
  windows: number;
  /** Labels per emotion. */
  classes: Partial<Record<Emotion, number>>;
  /** What is missing and why (empty when ready). */
  needs: string[];
  /** How the new version will be judged and trained, in one sentence. */
  plan: string;
}

export interface RetrainStatus {
  readiness: RetrainReadiness;
  running: boolean;
  stage: string | null;
  done: number;
  total: number;
  etaS: number | null;
  last: RetrainOutcome | null;
}

export interface Results {
  'app.info': AppInfo;
  'settings.get': Settings;
  'settings.update': Settings;
  'files.list': DirectoryListing;
  'recordings.list': RecordingSummary[];
  'recordings.get': RecordingDetail;
  'recordings.peaksInfo': PeaksInfo;
  /** Int8 min/max pairs, channel after channel (electron/shared/peaks.ts); binary on every transport. */
  'recordings.peaksRange': Uint8Array;
  /** Uint8 log magnitudes, column after column (electron/shared/spectrogram.ts); binary on every transport. */
  'recordings.spectrogram': Uint8Array;
  'recordings.regions': { predictions: PredictedRegion[]; labels: HumanLabel[] };
  'recordings.find': RecordingDetail;
  'recordings.timeline': Array<{ channel: number; spans: Array<{ start: number; end: number; emotion: LabelValue }> }>;
  'labels.create': HumanLabel;
  'labels.update': HumanLabel;
  'labels.delete': { id: number };
  'labels.import': HumanLabel[];
  'labels.importCsv': { imported: number; recordings: number };
  'review.set': RecordingSummary;
  'analysis.start': { jobId: string };
  'analysis.cancel': { cancelled: boolean };
  'analysis.jobs': JobProgress[];
  'export.report': { callsCsv: string; segmentsCsv: string; calls: number; segments: number };
  'models.list': ModelVersionInfo[];
  'models.activate': ModelVersionInfo & { reanalysisJobId: string | null };
  'models.rollback': ModelVersionInfo & { reanalysisJobId: string | null };
  'models.retrain': { started: boolean };
  'models.retrainStatus': RetrainStatus;
  'models.cancelRetrain': { cancelled: boolean };
  'models.priors': ClassPriorInfo;
  'models.lineStats': LineStatsInfo;
  'models.estimatePriors': ClassPriorInfo;
  'notes.get': CallNotes;
  'notes.setCall': CallNotes;
  'notes.setRegion': CallNotes;
  'agents.list': AgentSummary[];
  'queue.status': QueueStatus | null;
  'queue.enqueue': QueueEnqueueResult;
  'teamServer.probe': ProbedTeamServer;
  /** `matched`: the calls named or shown by the filter; `assigned`: those the reviewer did not have yet. */
  'assignments.assign': { matched: number; assigned: number };
  'assignments.unassign': { matched: number; unassigned: number };
  'assignments.list': Assignment[];
  'users.list': TeamMember[];
}

/** Actual Budget's shape: one typed map from name to async handler. */
export type Handlers = { [N in HandlerName]: (args: HandlerArgs<N>) => Promise<Results[N]> };

/** Events as labelled tuples. */
export interface Events {
  'analysis.progress': [progress: JobProgress];
  'analysis.fileDone': [jobId: string, file: string, recordingId: string | null, error: ErrorPayload | null];
  'recordings.changed': [recordingId: string];
  /** Retraining: stage, done/total within it, seconds left (null: unknown). Final stages: finished, cancelled, failed. */
  'models.progress': [stage: string, done: number, total: number, etaS: number | null];
}
export type EventName = keyof Events;

export type RpcResponse<N extends HandlerName> = { ok: true; result: Results[N] } | { ok: false; error: ErrorPayload };

/** What preload exposes as `window.emoqa`, and what the HTTP client implements. */
export interface EmoqaApi {
  invoke<N extends HandlerName>(name: N, args: HandlerInput<N>): Promise<Results[N]>;
  on<E extends EventName>(event: E, listener: (...args: Events[E]) => void): () => void;
}

export function isHandlerName(name: string): name is HandlerName {
  return Object.prototype.hasOwnProperty.call(inputSchemas, name);
}
