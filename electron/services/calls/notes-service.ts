import { nowIso, type Database } from '../../db/database';
import { libraryDb, type LibraryDb } from '../../db/library-database';
import type { HandlerArgs } from '../../shared/contract';
import type { CallNotes, RegionNote } from '../../shared/conversation';
import { getRecordingRow } from '../library/recording-rows';

interface RegionNoteRow {
  id: number;
  channel: number;
  start_s: number;
  end_s: number;
  text: string;
  author: string;
  updated_at: string;
}

const toRegionNote = (r: RegionNoteRow): RegionNote => ({ id: r.id, channel: r.channel, start: r.start_s, end: r.end_s, text: r.text, author: r.author, updatedAt: r.updated_at });

/**
 * Free-text notes per call and per region, signed with the reviewer's name. An empty text removes a note.
 * Its queries go through the query layer; the recording row is still read on the synchronous
 * connection `db` (the same one) until the library's row readers move.
 */
export class NotesService {
  private readonly lib: LibraryDb;

  constructor(
    private readonly db: Database,
    private readonly reviewer: () => string | Promise<string>,
  ) {
    this.lib = libraryDb(db);
  }

  async get(recordingId: string): Promise<CallNotes> {
    const rec = getRecordingRow(this.db, recordingId);
    const regions = await this.lib
      .selectFrom('region_notes')
      .select(['id', 'channel', 'start_s', 'end_s', 'text', 'author', 'updated_at'])
      .where('recording_id', '=', recordingId)
      .orderBy('start_s')
      .orderBy('channel')
      .execute();
    return { recordingId, call: rec.note, regions: regions.map(toRegionNote) };
  }

  async setCall(args: HandlerArgs<'notes.setCall'>): Promise<CallNotes> {
    getRecordingRow(this.db, args.recordingId);
    await this.lib.updateTable('recordings').set({ note: args.text.trim() || null }).where('id', '=', args.recordingId).execute();
    return this.get(args.recordingId);
  }

  async setRegion(args: HandlerArgs<'notes.setRegion'>): Promise<CallNotes> {
    getRecordingRow(this.db, args.recordingId);
    const key = { recording_id: args.recordingId, channel: args.channel, start_s: args.start, end_s: args.end };
    const text = args.text.trim();
    if (!text) {
      await this.lib
        .deleteFrom('region_notes')
        .where('recording_id', '=', key.recording_id)
        .where('channel', '=', key.channel)
        .where('start_s', '=', key.start_s)
        .where('end_s', '=', key.end_s)
        .execute();
    } else {
      const note = { text, author: await this.reviewer(), updated_at: nowIso() };
      await this.lib
        .insertInto('region_notes')
        .values({ ...key, ...note })
        .onConflict((oc) => oc.columns(['recording_id', 'channel', 'start_s', 'end_s']).doUpdateSet(note))
        .execute();
    }
    return this.get(args.recordingId);
  }
}
