import type { Handlers } from '../shared/contract';
import type { QueueEnqueueResult, QueueStatus } from '../shared/queue-status';
import { openDatabase, type Database } from '../db/database';
import { resolveFfmpeg } from '../../ml/audio/ffmpeg-path';
import { EmoqaError } from '../shared/errors';
import { currentActor } from './actor';
import { EventBus } from './event-bus';
import { applyPathPattern } from './calls/call-metadata';
import { NotesService } from './calls/notes-service';
import { rangeSpectrogram } from './calls/spectrogram-service';
import { buildReport } from './export/report';
import { listDirectory } from './files/files-service';
import { probeTeamServer } from './team-link/probe-team-server';
import { JobQueue, type AnalyseFn, type JobReport } from './jobs/job-queue';
import { LabelsService } from './labels/labels-service';
import { findRecordingByFile } from './library/find-recording';
import { LibraryService } from './library/library-service';
import { backfillMeasures, channelTimelines } from './library/party-summaries';
import { importLabelsCsv } from './models/csv-labels';
import { createModelService } from './models/model-service';
import { summariseAgents } from './report/agent-measures';
import { SettingsService } from './settings/settings-service';
import { soloTeamHandlers } from './team/team-handlers';

export interface AppServicesOptions {
  databasePath: string;
  appVersion: string;
  /** Model files for the analysis workers (default: the shipped resources/model). */
  modelDir?: string;
  /** Replaces the worker pool (tests, or a host that brings its own engine). */
  analyse?: AnalyseFn;
  /** Recordings analysed at once (default DEFAULT_CONCURRENCY). */
  concurrency?: number;
  /** Re-queue what a crashed process left unfinished (default true; the CLI's analyze says false). */
  resumeInterrupted?: boolean;
  /** The team's analysis queue, on a team server whose database is PostgreSQL (`queue.status`). */
  queueStatus?: () => Promise<QueueStatus>;
  /** Queue files for the team's workers (`queue.enqueue`), on the same team server and queue. */
  queueEnqueue?: (paths: string[]) => Promise<QueueEnqueueResult>;
}

/** Recordings analysed at once unless told otherwise: with the pool's two workers, mono calls keep both busy. */
export const DEFAULT_CONCURRENCY = 2;

export interface AppServices {
  /** Every handler of the contract: a missing one fails to compile. */
  handlers: Handlers;
  events: EventBus;
  /** The open database, for in-process callers (CLI commands) that need more than the contract. */
  db: Database;
  /** Resolves when the job has finished (any final state), with each file's outcome. */
  waitForJob(jobId: string): Promise<JobReport>;
  close(): Promise<void>;
}

function ffmpegDescription(): string | null {
  try {
    const binaries = resolveFfmpeg();
    return `${binaries.ffmpeg} (${binaries.source})`;
  } catch {
    return null;
  }
}

/**
 * What analysis runs the model on: 'js-dense' for Dense heads (the shipped ones), else the TF.js
 * backend (tfjs-node where it loads, else WebAssembly, else plain CPU; EMOQA_TF_BACKEND forces one),
 * which the worker threads of this process pick the same way. Loaded on first ask only.
 */
async function backendInUse(modelDir: string): Promise<string> {
  const { headsBackend } = await import('../../ml/model/classifier');
  return headsBackend(modelDir);
}

interface Engine {
  getAnalyse: () => Promise<AnalyseFn>;
  close: () => Promise<void>;
}

/** A host's own analysis function (tests, tools), used instead of the versioned worker pool. */
function injectedEngine(analyse: AnalyseFn): Engine {
  return { getAnalyse: async () => analyse, close: async () => undefined };
}

/** The composition root every transport shares: Electron main, `emoqa serve`, the CLI and the tests. */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const db = openDatabase(options.databasePath);
  const events = new EventBus();
  // Analysis follows the active model version (retrained ones included); a host's own engine wins.
  const models = createModelService({ db, events, databasePath: options.databasePath, shippedDir: options.modelDir, reanalyse: (paths) => queue.start(paths, null) });
  const engine = options.analyse ? injectedEngine(options.analyse) : models.engine(options.concurrency);
  const settings = new SettingsService(db, options.databasePath);
  const queue = new JobQueue({
    db,
    events,
    getAnalyse: engine.getAnalyse,
    defaultRoles: () => settings.defaultRoles(),
    onIngested: (recordingId, path) => applyPathPattern(db, recordingId, path, settings.pathPattern()),
    separateMono: () => settings.separateMono(),
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
  });
  const library = new LibraryService(db, (id) => queue.progressOf(id));
  // The signed-in user on the team server, else the reviewer name saved in Settings.
  const reviewerName = () => currentActor() ?? settings.reviewerName();
  const notes = new NotesService(db, reviewerName);
  backfillMeasures(db);
  const labels = new LabelsService(db, events, reviewerName, (id) => library.summary(id));
  // Imports may name who the labels are attributed to; everything else is the saved reviewer's.
  const labelsBy = (reviewer: string | undefined) => (reviewer ? new LabelsService(db, events, () => reviewer, (id) => library.summary(id)) : labels);

  const handlers: Handlers = {
    'app.info': async () => ({
      version: options.appVersion,
      modelVersion: settings.modelVersion(),
      backend: await backendInUse(await models.registry.activeDir()),
      databasePath: options.databasePath,
      ffmpeg: ffmpegDescription(),
    }),
    'settings.get': async () => settings.get(),
    'settings.update': async (args) => settings.update(args),
    'files.list': async (args) => listDirectory(args.dir),
    // Assignments live on the team server, which serves its own list (team-handlers.ts).
    'recordings.list': async (args) => (args.assignedTo ? [] : library.list()),
    'recordings.get': async (args) => library.get(args.id),
    'recordings.peaksInfo': async ({ id }) => library.peaksInfo(id),
    'recordings.peaksRange': async (args) => library.peaksRange(args),
    'recordings.spectrogram': async ({ id, ...range }) => rangeSpectrogram(library.get(id), range),
    'recordings.regions': async (args) => library.regions(args.id),
    'recordings.find': async (args) => {
      const id = await findRecordingByFile(db, args.file, args.baseDir);
      if (!id) throw new EmoqaError('NOT_FOUND', `${args.file} is not in the database; analyse it first`);
      return library.get(id);
    },
    'recordings.timeline': async (args) => {
      library.get(args.id);
      return [...channelTimelines(db, args.id)].map(([channel, spans]) => ({ channel, spans: spans.map(({ start, end, emotion }) => ({ start, end, emotion })) }));
    },
    'labels.create': async (args) => labels.create(args),
    'labels.update': async (args) => labels.update(args),
    'labels.delete': async (args) => labels.delete(args),
    'labels.import': async (args) => labelsBy(args.reviewer).importSpans(args.recordingId, args.labels),
    'labels.importCsv': async (args) =>
      importLabelsCsv(db, events, args.csv, { baseDir: args.baseDir, reviewer: () => args.reviewer ?? reviewerName() }),
    'review.set': async (args) => labels.setReview(args),
    'analysis.start': async (args) => ({ jobId: queue.start(args.paths, args.roles ?? null) }),
    'analysis.cancel': async (args) => ({ cancelled: queue.cancel(args.jobId) }),
    'analysis.jobs': async () => queue.list(),
    'export.report': async (args) => buildReport(db, args.recordingIds),
    'notes.get': async (args) => notes.get(args.recordingId),
    'notes.setCall': async (args) => notes.setCall(args),
    'notes.setRegion': async (args) => notes.setRegion(args),
    'agents.list': async () => summariseAgents(library.list()),
    'queue.status': async () => (options.queueStatus ? options.queueStatus() : null),
    'queue.enqueue': async (args) => {
      if (!options.queueEnqueue) throw new EmoqaError('INVALID_ARGUMENT', 'there is no team queue here: queue files on a team server with a PostgreSQL database');
      return options.queueEnqueue(args.paths);
    },
    'teamServer.probe': async (args) => probeTeamServer(args.url),
    ...models.handlers,
    // The team server replaces these with the team database's (http/team/team-server.ts).
    ...soloTeamHandlers(),
  };

  if (options.resumeInterrupted ?? true) queue.resumeInterrupted();

  let closed = false;
  return {
    handlers,
    events,
    db,
    waitForJob: (jobId) => queue.wait(jobId),
    close: async () => {
      if (closed) return;
      closed = true;
      await models.close();
      await queue.close();
      await engine.close();
      db.close();
    },
  };
}
