import { nowIso } from '../../db/database';
import type { Selectable } from 'kysely';
import type { LibraryDb } from '../../db/library-database';
import type { RegionNotesTable } from '../../db/library-schema';
import type { HandlerArgs } from '../../shared/contract';
import type { CallNotes, RegionNote } from '../../shared/conversation';
import { loadRecordingRow } from '../library/recording-rows';

type RegionNoteRow = Omit<Selectable<RegionNotesTable>, 'recording_id'>;

const toRegionNote = (r: RegionNoteRow): RegionNote => ({ id: r.id, channel: r.channel, start: r.start_s, end: r.end_s, text: r.text, author: r.author, updatedAt: r.updated_at });

/** Free-text notes per call and per region, signed with the reviewer's name. An empty text removes a note. */
export class NotesService {
  constructor(
    private readonly db: LibraryDb,
    private readonly reviewer: () => string | Promise<string>,
  ) {}

  async get(recordingId: string): Promise<CallNotes> {
    const rec = await loadRecordingRow(this.db, recordingId);
    const regions = await this.db
      .selectFrom('region_notes')
      .select(['id', 'channel', 'start_s', 'end_s', 'text', 'author', 'updated_at'])
      .where('recording_id', '=', recordingId)
      .orderBy('start_s')
      .orderBy('channel')
      .execute();
    return { recordingId, call: rec.note, regions: regions.map(toRegionNote) };
  }

  async setCall(args: HandlerArgs<'notes.setCall'>): Promise<CallNotes> {
    await loadRecordingRow(this.db, args.recordingId);
    await this.db.updateTable('recordings').set({ note: args.text.trim() || null }).where('id', '=', args.recordingId).execute();
    return this.get(args.recordingId);
  }

  async setRegion(args: HandlerArgs<'notes.setRegion'>): Promise<CallNotes> {
    await loadRecordingRow(this.db, args.recordingId);
    const key = { recording_id: args.recordingId, channel: args.channel, start_s: args.start, end_s: args.end };
    const text = args.text.trim();
    if (!text) {
      await this.db
        .deleteFrom('region_notes')
        .where('recording_id', '=', key.recording_id)
        .where('channel', '=', key.channel)
        .where('start_s', '=', key.start_s)
        .where('end_s', '=', key.end_s)
        .execute();
    } else {
      const note = { text, author: await this.reviewer(), updated_at: nowIso() };
      await this.db
        .insertInto('region_notes')
        .values({ ...key, ...note })
        .onConflict((oc) => oc.columns(['recording_id', 'channel', 'start_s', 'end_s']).doUpdateSet(note))
        .execute();
    }
    return this.get(args.recordingId);
  }
}
