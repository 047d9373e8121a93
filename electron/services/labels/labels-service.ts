import type { Database } from '../../db/database';
import { nowIso } from '../../db/database';
import type { HandlerArgs } from '../../shared/contract';
import type { HumanLabel, LabelKind, LabelValue, RecordingSummary } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import { refreshPartySummaries } from '../library/party-summaries';
import { getRecordingRow, readParties, toHumanLabel, type LabelRow, type RecordingRow } from '../library/recording-rows';

export interface LabelSpanInput {
  channel: number;
  start: number;
  end: number;
  emotion: LabelValue;
  replacesRegionId?: number | null;
}

/** Where a label came from (labels.source). */
export type LabelSource = 'ui' | 'audacity' | 'csv';

/** Bounds this close to the prediction's are the prediction's (a click, not a drag). */
export const AGREEMENT_TOLERANCE_S = 0.01;

type AuditAction = 'create' | 'update' | 'delete' | 'import' | 'review' | 'unreview';

/**
 * Reviewers' corrections. A label never touches the model's regions; it may name the prediction
 * it replaces. Every change is audited (who, when, before/after) and refreshes the recording's
 * cached summary in the same transaction.
 */
export class LabelsService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly reviewer: () => string,
    private readonly summary: (recordingId: string) => RecordingSummary,
  ) {}

  private audit(recordingId: string, entity: 'label' | 'review', entityId: number | null, action: AuditAction, before: unknown, after: unknown): void {
    this.db
      .prepare('INSERT INTO audit_log (recording_id, entity, entity_id, action, actor, at, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(recordingId, entity, entityId, action, this.reviewer(), nowIso(), before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after));
  }

  private labelRow(id: number): LabelRow {
    const row = this.db.prepare('SELECT * FROM labels WHERE id = ? AND deleted = 0').get(id) as LabelRow | undefined;
    if (!row) throw new EmoqaError('NOT_FOUND', `label ${id} does not exist`);
    return row;
  }

  /** Checks a span against the recording: a real channel, inside the call, a region of the same party. */
  private validate(recording: RecordingRow, span: LabelSpanInput): { start: number; end: number } {
    if (recording.content_hash === null) throw new EmoqaError('CONFLICT', `${recording.file_name} could not be read; it cannot be labelled`);
    const parties = readParties(this.db, recording.id).map((p) => p.channel);
    const channelCount = recording.downmixed ? 1 : (recording.channels ?? 1);
    const validChannel = parties.length > 0 ? parties.includes(span.channel) : span.channel < channelCount;
    if (!validChannel) throw new EmoqaError('INVALID_ARGUMENT', `channel ${span.channel} is not a party of ${recording.file_name}`);
    const duration = recording.duration_s ?? Number.POSITIVE_INFINITY;
    if (span.start >= duration) throw new EmoqaError('INVALID_ARGUMENT', `start ${span.start} s is past the end of the call (${duration} s)`);
    // A drag a hair past the end is clamped rather than refused.
    const end = Math.min(span.end, duration);
    if (!(end > span.start)) throw new EmoqaError('INVALID_ARGUMENT', `a label must end after it starts (${span.start}–${span.end} s)`);
    if (span.replacesRegionId != null) {
      const region = this.db.prepare('SELECT channel FROM model_regions WHERE id = ? AND recording_id = ?').get(span.replacesRegionId, recording.id) as
        | { channel: number }
        | undefined;
      if (!region || region.channel !== span.channel) {
        throw new EmoqaError('INVALID_ARGUMENT', `region ${span.replacesRegionId} is not a prediction on channel ${span.channel} of this call`);
      }
    }
    return { start: span.start, end };
  }

  /**
   * A label that names a prediction and repeats its emotion and bounds confirms it: agreement.
   * Anything else (another emotion, moved edges, a split half, a drawn region, a mark) corrects.
   */
  private kindOf(recordingId: string, replacesRegionId: number | null | undefined, span: { start: number; end: number; emotion: LabelValue }): LabelKind {
    if (replacesRegionId == null) return 'correction';
    const region = this.db.prepare('SELECT start_s, end_s, emotion FROM model_regions WHERE id = ? AND recording_id = ?').get(replacesRegionId, recordingId) as
      | { start_s: number; end_s: number; emotion: string }
      | undefined;
    const same = region !== undefined && region.emotion === span.emotion &&
      Math.abs(region.start_s - span.start) < AGREEMENT_TOLERANCE_S && Math.abs(region.end_s - span.end) < AGREEMENT_TOLERANCE_S;
    return same ? 'agreement' : 'correction';
  }

  private insert(recording: RecordingRow, span: LabelSpanInput, source: LabelSource): LabelRow {
    const { start, end } = this.validate(recording, span);
    const now = nowIso();
    const kind = this.kindOf(recording.id, span.replacesRegionId, { start, end, emotion: span.emotion });
    const info = this.db
      .prepare(
        `INSERT INTO labels (recording_id, channel, start_s, end_s, emotion, reviewer, source, created_at, updated_at, replaces_region_id, kind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(recording.id, span.channel, start, end, span.emotion, this.reviewer(), source, now, now, span.replacesRegionId ?? null, kind);
    return this.labelRow(Number(info.lastInsertRowid));
  }

  // Every write below is IMMEDIATE: it reads first, and a deferred transaction cannot wait for
  // another process's write (a worker storing a call) but fails with SQLITE_BUSY at once.
  create(args: HandlerArgs<'labels.create'>): HumanLabel {
    const recording = getRecordingRow(this.db, args.recordingId);
    const row = this.db.transaction(() => {
      const created = this.insert(recording, args, 'ui');
      this.audit(recording.id, 'label', created.id, 'create', null, toHumanLabel(created));
      refreshPartySummaries(this.db, recording.id);
      return created;
    }).immediate();
    this.events.emit('recordings.changed', recording.id);
    return toHumanLabel(row);
  }

  /** Many labels at once (an Audacity label track, a CSV): all or none. */
  importSpans(recordingId: string, spans: readonly LabelSpanInput[], source: Exclude<LabelSource, 'ui'> = 'audacity'): HumanLabel[] {
    const recording = getRecordingRow(this.db, recordingId);
    const rows = this.db.transaction(() => {
      const created = spans.map((span) => this.insert(recording, span, source));
      for (const row of created) this.audit(recording.id, 'label', row.id, 'import', null, toHumanLabel(row));
      refreshPartySummaries(this.db, recording.id);
      return created;
    }).immediate();
    this.events.emit('recordings.changed', recording.id);
    return rows.map(toHumanLabel);
  }

  /**
   * Refuses a change made from an older version than the stored one: another reviewer saved in
   * between, and the caller must see their edit before making its own.
   */
  private checkVersion(row: LabelRow, version: number | undefined): void {
    if (version === undefined || version === row.version) return;
    throw new EmoqaError(
      'CONFLICT',
      `label ${row.id} was changed by ${row.reviewer} at ${row.updated_at} (version ${row.version}, yours ${version})`,
    );
  }

  update(args: HandlerArgs<'labels.update'>): HumanLabel {
    const recording = getRecordingRow(this.db, this.labelRow(args.id).recording_id);
    const row = this.db.transaction(() => {
      // Read and checked inside the write, so no other save slips between check and update.
      const before = this.labelRow(args.id);
      this.checkVersion(before, args.version);
      const next = { channel: before.channel, start: args.start ?? before.start_s, end: args.end ?? before.end_s, emotion: args.emotion ?? before.emotion };
      const { start, end } = this.validate(recording, next);
      const kind = this.kindOf(recording.id, before.replaces_region_id, { start, end, emotion: next.emotion });
      this.db
        .prepare('UPDATE labels SET start_s = ?, end_s = ?, emotion = ?, kind = ?, reviewer = ?, updated_at = ?, version = version + 1 WHERE id = ?')
        .run(start, end, next.emotion, kind, this.reviewer(), nowIso(), args.id);
      const after = this.labelRow(args.id);
      this.audit(recording.id, 'label', args.id, 'update', toHumanLabel(before), toHumanLabel(after));
      refreshPartySummaries(this.db, recording.id);
      return after;
    }).immediate();
    this.events.emit('recordings.changed', recording.id);
    return toHumanLabel(row);
  }

  /** Soft delete: the row stays (deleted = 1) so the audit trail and retraining can see it. */
  delete(args: HandlerArgs<'labels.delete'>): { id: number } {
    const recordingId = this.db.transaction(() => {
      const before = this.labelRow(args.id);
      this.checkVersion(before, args.version);
      this.db.prepare('UPDATE labels SET deleted = 1, deleted_at = ?, deleted_by = ?, version = version + 1 WHERE id = ?').run(nowIso(), this.reviewer(), args.id);
      this.audit(before.recording_id, 'label', args.id, 'delete', toHumanLabel(before), null);
      refreshPartySummaries(this.db, before.recording_id);
      return before.recording_id;
    }).immediate();
    this.events.emit('recordings.changed', recordingId);
    return { id: args.id };
  }

  setReview(args: HandlerArgs<'review.set'>): RecordingSummary {
    const recording = getRecordingRow(this.db, args.recordingId);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO reviews (recording_id, reviewed, reviewer, reviewed_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(recording_id) DO UPDATE SET reviewed = excluded.reviewed, reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at`,
        )
        .run(recording.id, args.reviewed ? 1 : 0, this.reviewer(), nowIso());
      this.audit(recording.id, 'review', null, args.reviewed ? 'review' : 'unreview', null, { reviewed: args.reviewed });
    }).immediate();
    this.events.emit('recordings.changed', recording.id);
    return this.summary(recording.id);
  }
}
