import { describe, expect, it } from 'vitest';
import type { ConversationMeasures } from '../../../../../electron/shared/conversation';
import { EMPTY_CONVERSATION_FILTER, distinctOf, matchesConversation } from '../../../../../renderer/src/features/conversation/conversation-filter';
import { recording } from '../../fixtures';

const measures = (over: Partial<ConversationMeasures>): ConversationMeasures => ({
  overtalkS: 0, agentTalkShare: 0.5, silenceS: 0, customerNegativeShare: 0.1, customerStartEmotion: null, customerEndEmotion: null,
  customerNegativeEpisodes: 0, agentNegativeShareAfterCustomerNegative: null, deescalated: null, timeToDeescalateS: null, episodes: [], ...over,
});

describe('library conversation filters', () => {
  const rows = [
    recording('a', { agent: 'Ann', team: 'N', measures: measures({ deescalated: true, customerNegativeShare: 0.4 }) }),
    recording('b', { agent: 'Bo', team: 'S', measures: measures({ deescalated: false, customerNegativeShare: 0.6 }) }),
    recording('c', { measures: measures({}) }),
    recording('d'),
  ];
  const ids = (f: Partial<typeof EMPTY_CONVERSATION_FILTER>) => rows.filter((r) => matchesConversation(r, { ...EMPTY_CONVERSATION_FILTER, ...f })).map((r) => r.id);

  it('filters by agent, team, de-escalation and customer negativity', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ agent: 'Bo' })).toEqual(['b']);
    expect(ids({ team: 'N' })).toEqual(['a']);
    expect(ids({ deescalated: 'yes' })).toEqual(['a']);
    expect(ids({ deescalated: 'no' })).toEqual(['b']);
    expect(ids({ deescalated: 'none' })).toEqual(['c']);
    expect(ids({ minCustomerNegative: 0.5 })).toEqual(['b']);
  });

  it('lists the agents and teams to pick from', () => {
    expect(distinctOf(rows, 'agent')).toEqual(['Ann', 'Bo']);
  });
});
