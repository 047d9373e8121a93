/** Library filters on who took the call and how the conversation went (defined in electron/shared/library-filter.ts). */
import type { RecordingSummary } from '../../../../electron/shared/domain';
import { EMPTY_CONVERSATION_FILTER, matchesConversation, type ConversationFilter } from '../../../../electron/shared/library-filter';

export { EMPTY_CONVERSATION_FILTER, matchesConversation, type ConversationFilter };

/** Sorted distinct values for the agent and team pickers. */
export function distinctOf(recordings: readonly RecordingSummary[], key: 'agent' | 'team'): string[] {
  return [...new Set(recordings.map((r) => r[key]).filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));
}
