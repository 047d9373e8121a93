import type { ConversationFilter } from './conversation-filter';

interface ConversationFiltersProps {
  filter: ConversationFilter;
  agents: string[];
  teams: string[];
  onChange: (filter: ConversationFilter) => void;
}

/** Agent, team, de-escalation and customer-negativity filters for the library. */
export function ConversationFilters({ filter, agents, teams, onChange }: ConversationFiltersProps) {
  return (
    <>
      <label>
        Agent
        <select aria-label="Agent filter" value={filter.agent} onChange={(e) => onChange({ ...filter, agent: e.target.value })}>
          <option value="">All</option>
          {agents.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </label>
      <label>
        Team
        <select aria-label="Team filter" value={filter.team} onChange={(e) => onChange({ ...filter, team: e.target.value })}>
          <option value="">All</option>
          {teams.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
      <label>
        De-escalated
        <select aria-label="De-escalation filter" value={filter.deescalated} onChange={(e) => onChange({ ...filter, deescalated: e.target.value as ConversationFilter['deescalated'] })}>
          <option value="all">All</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
          <option value="none">No episode</option>
        </select>
      </label>
      <label className="inline">
        Customer negative &gt;
        <input type="number" min={0} max={100} step={5} aria-label="Minimum customer negative share in percent" value={Math.round(filter.minCustomerNegative * 100)}
          onChange={(e) => onChange({ ...filter, minCustomerNegative: Math.min(100, Math.max(0, Number(e.target.value))) / 100 })} />
        %
      </label>
    </>
  );
}
