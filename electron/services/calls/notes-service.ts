import type { Database } from '../../db/database';
import { nowIso } from '../../db/database';
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

/** Free-text notes per call and per region, signed with the reviewer's name. An empty text removes a note. */
export class NotesService {
  constructor(
    private readonly db: Database,
    private readonly reviewer: () => string,
  ) {}

  get(recordingId: string): CallNotes {
    const rec = getRecordingRow(this.db, recordingId);
    const regions = this.db
      .prepare('SELECT * FROM region_notes WHERE recording_id = ? ORDER BY start_s, channel')
      .all(recordingId) as RegionNoteRow[];
    return { recordingId, call: rec.note, regions: regions.map(toRegionNote) };
  }

  setCall(args: HandlerArgs<'notes.setCall'>): CallNotes {
    getRecordingRow(this.db, args.recordingId);
    this.db.prepare('UPDATE recordings SET note = ? WHERE id = ?').run(args.text.trim() || null, args.recordingId);
    return this.get(args.recordingId);
  }

  setRegion(args: HandlerArgs<'notes.setRegion'>): CallNotes {
    getRecordingRow(this.db, args.recordingId);
    const key = [args.recordingId, args.channel, args.start, args.end] as const;
    const text = args.text.trim();
    if (!text) this.db.prepare('DELETE FROM region_notes WHERE recording_id = ? AND channel = ? AND start_s = ? AND end_s = ?').run(...key);
    else {
      this.db
        .prepare(
          `INSERT INTO region_notes (recording_id, channel, start_s, end_s, text, author, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(recording_id, channel, start_s, end_s) DO UPDATE SET text = excluded.text, author = excluded.author, updated_at = excluded.updated_at`,
        )
        .run(...key, text, this.reviewer(), nowIso());
    }
    return this.get(args.recordingId);
  }
}
