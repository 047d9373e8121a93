/** How the conversation measures and region notes appear in the calls and segments CSV (column names are a contract with users' scripts). */
import type { Selectable } from 'kysely';
import type { LibraryDb } from '../../db/library-database';
import type { RegionNotesTable } from '../../db/library-schema';
import type { ConversationMeasures } from '../../shared/conversation';
import { fixed, type Cell } from '../export/csv';

export const MEASURE_COLUMNS = [
  'overtalk_s', 'agent_talk_share', 'silence_s', 'customer_negative_share', 'customer_start_emotion', 'customer_end_emotion',
  'customer_negative_episodes', 'agent_negative_share_after_customer_negative', 'deescalated', 'time_to_deescalate_s',
] as const;

export function measureCells(m: ConversationMeasures | null): Cell[] {
  if (!m) return MEASURE_COLUMNS.map(() => '');
  return [
    fixed(m.overtalkS, 3), fixed(m.agentTalkShare, 4), fixed(m.silenceS, 3), fixed(m.customerNegativeShare, 4),
    m.customerStartEmotion ?? '', m.customerEndEmotion ?? '', m.customerNegativeEpisodes ?? '',
    fixed(m.agentNegativeShareAfterCustomerNegative, 4), m.deescalated === null ? '' : m.deescalated ? 'yes' : 'no', fixed(m.timeToDeescalateS, 3),
  ];
}

export type RegionNoteRow = Pick<Selectable<RegionNotesTable>, 'channel' | 'start_s' | 'end_s' | 'text'>;

export function readRegionNotes(db: LibraryDb, recordingId: string): Promise<RegionNoteRow[]> {
  return db.selectFrom('region_notes').select(['channel', 'start_s', 'end_s', 'text']).where('recording_id', '=', recordingId).orderBy('start_s').orderBy('id').execute();
}

/** The note on a segment: the region note on its channel that covers more than half of it. */
export function regionNoteFor(notes: readonly RegionNoteRow[], channel: number, start: number, end: number): string {
  const note = notes.find((n) => n.channel === channel && Math.min(n.end_s, end) - Math.max(n.start_s, start) > (end - start) / 2);
  return note?.text ?? '';
}
