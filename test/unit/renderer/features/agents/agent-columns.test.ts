import { describe, expect, it } from 'vitest';
import type { AgentSummary } from '../../../../../electron/shared/conversation';
import { sortAgents, weeklySeries } from '../../../../../renderer/src/features/agents/agent-columns';

const measures = { calls: 1, talkTimeS: 10, customerNegativeShare: 0.2, deescalationRate: null, agentNegativeResponses: null, reviewedShare: 0 };
const agent = (name: string, over: Partial<AgentSummary>): AgentSummary => ({ agent: name, team: null, ...measures, weeks: [], ...over });

describe('agents table and chart data', () => {
  const agents = [agent('bo', { deescalationRate: 0.5, weeks: [{ week: '2025-03-10', ...measures, deescalationRate: 0.5 }] }), agent('al', { deescalationRate: null }), agent('cy', { deescalationRate: 1 })];

  it('sorts by a measure, missing values last in either direction', () => {
    expect(sortAgents(agents, 'deescalationRate', 'desc').map((a) => a.agent)).toEqual(['cy', 'bo', 'al']);
    expect(sortAgents(agents, 'deescalationRate', 'asc').map((a) => a.agent)).toEqual(['bo', 'cy', 'al']);
    expect(sortAgents(agents, 'agent', 'asc').map((a) => a.agent)).toEqual(['al', 'bo', 'cy']);
  });

  it('gives one chart row per week with a field per agent (null where the agent had no call)', () => {
    expect(weeklySeries(agents, 'deescalationRate')).toEqual([{ week: '2025-03-10', bo: 0.5, al: null, cy: null }]);
  });
});
