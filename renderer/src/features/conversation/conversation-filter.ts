/** Library filters on who took the call and how the conversation went (the cached conversation measures). */
import type { RecordingSummary } from '../../../../electron/shared/domain';

export interface ConversationFilter {
  agent: string;
  team: string;
  /** 'none': calls without a customer negative episode. */
  deescalated: 'all' | 'yes' | 'no' | 'none';
  /** Customer negative share above this (0..1); 0 = off. */
  minCustomerNegative: number;
}

export const EMPTY_CONVERSATION_FILTER: ConversationFilter = { agent: '', team: '', deescalated: 'all', minCustomerNegative: 0 };

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

/** Sorted distinct values for the agent and team pickers. */
export function distinctOf(recordings: readonly RecordingSummary[], key: 'agent' | 'team'): string[] {
  return [...new Set(recordings.map((r) => r[key]).filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));
}
