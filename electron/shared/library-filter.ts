/**
 * The library's filters: what the renderer shows, and what a lead's "assign the calls this filter
 * shows" is resolved with on the server. One definition for both, its schema checked where it arrives.
 */
import { z } from 'zod';
import { emotionSchema, partyRoleSchema, RECORDING_STATUSES, type RecordingSummary } from './domain';

export const conversationFilterSchema = z.object({
  agent: z.string().max(200),
  team: z.string().max(200),
  /** 'none': calls without a customer negative episode. */
  deescalated: z.enum(['all', 'yes', 'no', 'none']),
  /** Customer negative share above this (0..1); 0 = off. */
  minCustomerNegative: z.number().min(0).max(1),
});
export type ConversationFilter = z.infer<typeof conversationFilterSchema>;

export const shareFilterSchema = z.object({
  role: z.union([partyRoleSchema, z.literal('any')]),
  emotion: emotionSchema,
  /** Share of that party's speech, 0..1; rows pass when the share is above it. */
  min: z.number().min(0).max(1),
});
export type ShareFilter = z.infer<typeof shareFilterSchema>;

export const libraryFilterSchema = z.object({
  search: z.string().max(1000),
  status: z.enum([...RECORDING_STATUSES, 'all']),
  reviewed: z.enum(['all', 'reviewed', 'unreviewed']),
  share: shareFilterSchema.nullable(),
  conversation: conversationFilterSchema,
  /** The "Needs review" queue: analysed calls not yet reviewed, highest review priority first (overrides the sort). */
  queue: z.boolean(),
});
export type LibraryFilter = z.infer<typeof libraryFilterSchema>;

export const EMPTY_CONVERSATION_FILTER: ConversationFilter = { agent: '', team: '', deescalated: 'all', minCustomerNegative: 0 };
export const EMPTY_FILTER: LibraryFilter = { search: '', status: 'all', reviewed: 'all', share: null, conversation: EMPTY_CONVERSATION_FILTER, queue: false };

export function matchesConversation(recording: RecordingSummary, f: ConversationFilter): boolean {
  if (f.agent && recording.agent !== f.agent) return false;
  if (f.team && recording.team !== f.team) return false;
  const m = recording.measures;
  if (f.deescalated !== 'all') {
    const value = m?.deescalated ?? null;
    if (f.deescalated === 'none' ? value !== null || !m : value !== (f.deescalated === 'yes')) return false;
  }
  if (f.minCustomerNegative > 0 && !((m?.customerNegativeShare ?? -1) > f.minCustomerNegative)) return false;
  return true;
}

function passesShare(recording: RecordingSummary, share: ShareFilter): boolean {
  return recording.parties.some((party) => (share.role === 'any' || party.role === share.role) && (party.emotionShare[share.emotion] ?? 0) > share.min);
}

/** `needle`: the search, trimmed and lower-cased once per pass. */
export function matchesFilter(recording: RecordingSummary, filter: LibraryFilter, needle: string): boolean {
  if (needle && !recording.fileName.toLowerCase().includes(needle)) return false;
  if (filter.status !== 'all' && recording.status !== filter.status) return false;
  if (filter.reviewed === 'reviewed' && !recording.reviewed) return false;
  if (filter.reviewed === 'unreviewed' && recording.reviewed) return false;
  if (filter.share && !passesShare(recording, filter.share)) return false;
  if (filter.queue && (recording.status !== 'done' || recording.reviewed)) return false;
  return matchesConversation(recording, filter.conversation);
}

export function matchingIds(recordings: readonly RecordingSummary[], filter: LibraryFilter): string[] {
  const needle = filter.search.trim().toLowerCase();
  return recordings.filter((recording) => matchesFilter(recording, filter, needle)).map((recording) => recording.id);
}
