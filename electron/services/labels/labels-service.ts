import { nowIso } from '../../db/database';
import { libraryTransaction, type LibraryDb } from '../../db/library-database';
import type { HandlerArgs } from '../../shared/contract';
import type { HumanLabel, LabelKind, LabelValue, RecordingSummary } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import { refreshPartySummaries } from '../library/party-summaries';
import { loadParties, loadRecordingRow, toHumanLabel, type LabelRow, type RecordingRow } from '../library/recording-rows';

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
    private readonly db: LibraryDb,
    private readonly events: EventBus,
    private readonly reviewer: () => string | Promise<string>,
    private readonly summary: (recordingId: string) => RecordingSummary | Promise<RecordingSummary>,
  ) {}

  private async audit(
    trx: LibraryDb,
    actor: string,
    recordingId: string,
    entity: 'label' | 'review',
    entityId: number | null,
    action: AuditAction,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values({
        recording_id: recordingId, entity, entity_id: entityId, action, actor, at: nowIso(),
        before: before === null ? null : JSON.stringify(before), after: after === null ? null : JSON.stringify(after),
      })
      .execute();
  }

  private async labelRow(db: LibraryDb, id: number): Promise<LabelRow> {
    const row = await db.selectFrom('labels').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
    if (!row) throw new EmoqaError('NOT_FOUND', `label ${id} does not exist`);
    return row;
  }

  private region(db: LibraryDb, regionId: number, recordingId: string) {
    return db
      .selectFrom('model_regions')
      .select(['channel', 'start_s', 'end_s', 'emotion'])
      .where('id', '=', regionId)
      .where('recording_id', '=', recordingId)
      .executeTakeFirst();
  }

  /** Checks a span against the recording: a real channel, inside the call, a region of the same party. */
  private async validate(trx: LibraryDb, recording: RecordingRow, span: LabelSpanInput): Promise<{ start: number; end: number }> {
    if (recording.content_hash === null) throw new EmoqaError('CONFLICT', `${recording.file_name} could not be read; it cannot be labelled`);
    const parties = (await loadParties(trx, recording.id)).map((p) => p.channel);
    const channelCount = recording.downmixed ? 1 : (recording.channels ?? 1);
    const validChannel = parties.length > 0 ? parties.includes(span.channel) : span.channel < channelCount;
    if (!validChannel) throw new EmoqaError('INVALID_ARGUMENT', `channel ${span.channel} is not a party of ${recording.file_name}`);
    const duration = recording.duration_s ?? Number.POSITIVE_INFINITY;
    if (span.start >= duration) throw new EmoqaError('INVALID_ARGUMENT', `start ${span.start} s is past the end of the call (${duration} s)`);
    // A drag a hair past the end is clamped rather than refused.
    const end = Math.min(span.end, duration);
    if (!(end > span.start)) throw new EmoqaError('INVALID_ARGUMENT', `a label must end after it starts (${span.start}–${span.end} s)`);
    if (span.replacesRegionId != null) {
      const region = await this.region(trx, span.replacesRegionId, recording.id);
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
  private async kindOf(trx: LibraryDb, recordingId: string, replacesRegionId: number | null | undefined, span: { start: number; end: number; emotion: LabelValue }): Promise<LabelKind> {
    if (replacesRegionId == null) return 'correction';
    const region = await this.region(trx, replacesRegionId, recordingId);
    const same = region !== undefined && region.emotion === span.emotion &&
      Math.abs(region.start_s - span.start) < AGREEMENT_TOLERANCE_S && Math.abs(region.end_s - span.end) < AGREEMENT_TOLERANCE_S;
    return same ? 'agreement' : 'correction';
  }

  private async insert(trx: LibraryDb, actor: string, recording: RecordingRow, span: LabelSpanInput, source: LabelSource): Promise<LabelRow> {
    const { start, end } = await this.validate(trx, recording, span);
    const now = nowIso();
    const kind = await this.kindOf(trx, recording.id, span.replacesRegionId, { start, end, emotion: span.emotion });
    return trx
      .insertInto('labels')
      .values({
        recording_id: recording.id, channel: span.channel, start_s: start, end_s: end, emotion: span.emotion, reviewer: actor, source,
        created_at: now, updated_at: now, replaces_region_id: span.replacesRegionId ?? null, kind,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async create(args: HandlerArgs<'labels.create'>): Promise<HumanLabel> {
    const recording = await loadRecordingRow(this.db, args.recordingId);
    const actor = await this.reviewer();
    const row = await libraryTransaction(this.db, async (trx) => {
      const created = await this.insert(trx, actor, recording, args, 'ui');
      await this.audit(trx, actor, recording.id, 'label', created.id, 'create', null, toHumanLabel(created));
      await refreshPartySummaries(trx, recording.id);
      return created;
    });
    this.events.emit('recordings.changed', recording.id);
    return toHumanLabel(row);
  }

  /** Many labels at once (an Audacity label track, a CSV): all or none. */
  async importSpans(recordingId: string, spans: readonly LabelSpanInput[], source: Exclude<LabelSource, 'ui'> = 'audacity'): Promise<HumanLabel[]> {
    return (await this.importMany(new Map([[recordingId, spans]]), source)).get(recordingId) ?? [];
  }

  /** Labels of several recordings in ONE transaction (a CSV naming many calls): all or none. */
  async importMany(byRecording: ReadonlyMap<string, readonly LabelSpanInput[]>, source: Exclude<LabelSource, 'ui'>): Promise<Map<string, HumanLabel[]>> {
    const recordings: RecordingRow[] = [];
    for (const id of byRecording.keys()) recordings.push(await loadRecordingRow(this.db, id));
    const actor = await this.reviewer();
    const rows = await libraryTransaction(this.db, async (trx) => {
      const out = new Map<string, LabelRow[]>();
      for (const recording of recordings) {
        const created: LabelRow[] = [];
        for (const span of byRecording.get(recording.id) ?? []) created.push(await this.insert(trx, actor, recording, span, source));
        for (const row of created) await this.audit(trx, actor, recording.id, 'label', row.id, 'import', null, toHumanLabel(row));
        await refreshPartySummaries(trx, recording.id);
        out.set(recording.id, created);
      }
      return out;
    });
    for (const recording of recordings) this.events.emit('recordings.changed', recording.id);
    return new Map([...rows].map(([id, list]) => [id, list.map(toHumanLabel)]));
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

  /**
   * The write is conditional on the version read (`WHERE version = before.version`): on PostgreSQL
   * another connection may save between our read and our write, and then no row matches; the label
   * is read again and the change refused as a conflict with that save.
   */
  private async changedMeanwhile(trx: LibraryDb, updated: bigint, before: LabelRow): Promise<void> {
    if (updated > 0n) return;
    this.checkVersion(await this.labelRow(trx, before.id), before.version);
  }

  async update(args: HandlerArgs<'labels.update'>): Promise<HumanLabel> {
    const recording = await loadRecordingRow(this.db, (await this.labelRow(this.db, args.id)).recording_id);
    const actor = await this.reviewer();
    const row = await libraryTransaction(this.db, async (trx) => {
      // Read and checked inside the write, so no other save slips between check and update.
      const before = await this.labelRow(trx, args.id);
      this.checkVersion(before, args.version);
      const next = { channel: before.channel, start: args.start ?? before.start_s, end: args.end ?? before.end_s, emotion: args.emotion ?? before.emotion };
      const { start, end } = await this.validate(trx, recording, next);
      const kind = await this.kindOf(trx, recording.id, before.replaces_region_id, { start, end, emotion: next.emotion });
      const result = await trx
        .updateTable('labels')
        .set((eb) => ({ start_s: start, end_s: end, emotion: next.emotion, kind, reviewer: actor, updated_at: nowIso(), version: eb('version', '+', 1) }))
        .where('id', '=', args.id)
        .where('version', '=', before.version)
        .executeTakeFirst();
      await this.changedMeanwhile(trx, result.numUpdatedRows, before);
      const after = await this.labelRow(trx, args.id);
      await this.audit(trx, actor, recording.id, 'label', args.id, 'update', toHumanLabel(before), toHumanLabel(after));
      await refreshPartySummaries(trx, recording.id);
      return after;
    });
    this.events.emit('recordings.changed', recording.id);
    return toHumanLabel(row);
  }

  /** Soft delete: the row stays (deleted = 1) so the audit trail and retraining can see it. */
  async delete(args: HandlerArgs<'labels.delete'>): Promise<{ id: number }> {
    const actor = await this.reviewer();
    const recordingId = await libraryTransaction(this.db, async (trx) => {
      const before = await this.labelRow(trx, args.id);
      this.checkVersion(before, args.version);
      const result = await trx
        .updateTable('labels')
        .set((eb) => ({ deleted: 1, deleted_at: nowIso(), deleted_by: actor, version: eb('version', '+', 1) }))
        .where('id', '=', args.id)
        .where('version', '=', before.version)
        .where('deleted', '=', 0)
        .executeTakeFirst();
      await this.changedMeanwhile(trx, result.numUpdatedRows, before);
      await this.audit(trx, actor, before.recording_id, 'label', args.id, 'delete', toHumanLabel(before), null);
      await refreshPartySummaries(trx, before.recording_id);
      return before.recording_id;
    });
    this.events.emit('recordings.changed', recordingId);
    return { id: args.id };
  }

  async setReview(args: HandlerArgs<'review.set'>): Promise<RecordingSummary> {
    const recording = await loadRecordingRow(this.db, args.recordingId);
    const actor = await this.reviewer();
    await libraryTransaction(this.db, async (trx) => {
      const review = { reviewed: args.reviewed ? 1 : 0, reviewer: actor, reviewed_at: nowIso() };
      await trx
        .insertInto('reviews')
        .values({ recording_id: recording.id, ...review })
        .onConflict((oc) => oc.column('recording_id').doUpdateSet(review))
        .execute();
      await this.audit(trx, actor, recording.id, 'review', null, args.reviewed ? 'review' : 'unreview', null, { reviewed: args.reviewed });
    });
    this.events.emit('recordings.changed', recording.id);
    return this.summary(recording.id);
  }
}
