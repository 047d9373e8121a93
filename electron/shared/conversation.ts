/** Conversation measures of one call: what the report, the library and the call view show. */
import { z } from 'zod';
import type { Emotion } from './domain';

/** The Settings folder pattern naming agent and team, e.g. `{team}/{agent}/*.wav` (empty: none). */
export const pathPatternSchema = z
  .string()
  .trim()
  .max(500)
  .refine((p) => p === '' || /\{(agent|team)\}/.test(p), 'the pattern names neither {agent} nor {team}')
  .refine((p) => !/\{(?!agent\}|team\})[^}]*\}/.test(p), 'only {agent} and {team} can be used in the pattern');

/** One stretch of customer negative emotion and how the agent answered it. */
export interface NegativeEpisode {
  start: number;
  end: number;
  /** Share of the agent's speech in the 30 s after the episode starts that is negative (null: the agent did not speak). */
  agentNegativeShare: number | null;
}

/**
 * Every field is null where the call cannot say (e.g. a mono call has no agent/customer, a call
 * without customer episodes has no de-escalation). Definitions: electron/services/report/conversation-measures.ts.
 */
export interface ConversationMeasures {
  overtalkS: number | null;
  agentTalkShare: number | null;
  silenceS: number;
  customerNegativeShare: number | null;
  customerStartEmotion: Emotion | null;
  customerEndEmotion: Emotion | null;
  customerNegativeEpisodes: number | null;
  agentNegativeShareAfterCustomerNegative: number | null;
  deescalated: boolean | null;
  timeToDeescalateS: number | null;
  episodes: NegativeEpisode[];
}

/** A reviewer's note on one stretch of one party's speech (kept by channel and span, so it outlives a re-analysis). */
export interface RegionNote {
  id: number;
  channel: number;
  start: number;
  end: number;
  text: string;
  author: string;
  updatedAt: string;
}

export interface CallNotes {
  recordingId: string;
  /** The note on the whole call (null: none). */
  call: string | null;
  regions: RegionNote[];
}

/** The measures of one agent over a set of calls (the Agents page, `emoqa export --agents`). */
export interface AgentMeasures {
  calls: number;
  talkTimeS: number;
  /** Customer negative speech over all customer speech of these calls. */
  customerNegativeShare: number | null;
  /** Calls de-escalated over calls with a customer episode. */
  deescalationRate: number | null;
  /** Agent negative speech in the 30 s after customer episodes, over all agent speech there. */
  agentNegativeResponses: number | null;
  reviewedShare: number;
}

export interface AgentWeek extends AgentMeasures {
  /** ISO week's Monday (YYYY-MM-DD) of the call's start (else its import). */
  week: string;
}

export interface AgentSummary extends AgentMeasures {
  agent: string;
  /** The team of most of the agent's calls (null: none known). */
  team: string | null;
  weeks: AgentWeek[];
}
