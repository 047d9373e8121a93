import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentSummary } from '../../../../electron/shared/conversation';
import { api, errorMessage } from '../../api';
import { useApiEvent } from '../../api/use-api-event';
import { AGENT_MEASURES, sortAgents, weeklySeries, type AgentMeasureKey, type AgentSortKey } from './agent-columns';
import './agents.css';

const LINE_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

interface AgentsViewProps {
  /** Opens the library filtered to this agent's calls. */
  onOpenAgent: (agent: string) => void;
}

/** One row per agent over their analysed calls, sortable, with each measure charted over weeks. */
export function AgentsView({ onOpenAgent }: AgentsViewProps) {
  const [agents, setAgents] = useState<AgentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: AgentSortKey; direction: 'asc' | 'desc' }>({ key: 'agent', direction: 'asc' });
  const [measure, setMeasure] = useState<AgentMeasureKey>('customerNegativeShare');
  const [version, setVersion] = useState(0);
  useApiEvent('recordings.changed', () => setVersion((v) => v + 1));
  useEffect(() => {
    let live = true;
    api.invoke('agents.list', {}).then((a) => live && setAgents(a), (e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [version]);
  const rows = useMemo(() => sortAgents(agents ?? [], sort.key, sort.direction), [agents, sort]);
  const column = AGENT_MEASURES.find((m) => m.key === measure) ?? AGENT_MEASURES[0];
  const series = useMemo(() => weeklySeries(agents ?? [], measure), [agents, measure]);
  const onSort = (key: AgentSortKey) =>
    setSort((s) => (s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: key === 'agent' || key === 'team' ? 'asc' : 'desc' }));
  const header = (key: AgentSortKey, label: string) => (
    <th key={key} aria-sort={sort.key === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" aria-label={`Sort agents by ${label}`} onClick={() => onSort(key)}>
        {label}<span aria-hidden="true">{sort.key === key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  return (
    <section className="agents" aria-label="Agents">
      <h2>Agents</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {agents && agents.length === 0 && (
        <p className="muted">No agent is known yet: import metadata (<code>emoqa calls import-metadata FILE.csv</code>) or set a folder pattern in Settings.</p>
      )}
      {agents && agents.length > 0 && (
        <>
          <table className="agents-table" aria-label="Agents table">
            <thead>
              <tr>
                {header('agent', 'Agent')}
                {header('team', 'Team')}
                {AGENT_MEASURES.map((m) => header(m.key, m.label))}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.agent}>
                  <td>
                    <button type="button" className="link-button" onClick={() => onOpenAgent(a.agent)} aria-label={`Calls of ${a.agent}`}>{a.agent}</button>
                  </td>
                  <td>{a.team ?? '–'}</td>
                  {AGENT_MEASURES.map((m) => <td key={m.key} data-column={m.key}>{m.format(a[m.key])}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          <figure className="agents-chart">
            <figcaption>
              <label>
                Over weeks:{' '}
                <select aria-label="Measure to chart" value={measure} onChange={(e) => setMeasure(e.target.value as AgentMeasureKey)}>
                  {AGENT_MEASURES.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
                </select>
              </label>
            </figcaption>
            <div className="agents-chart-box" data-testid="agents-chart">
              <ResponsiveContainer width="100%" height={280}>
                <LineChart data={series} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="week" />
                  <YAxis domain={column.share ? [0, 1] : ['auto', 'auto']} tickFormatter={(v: number) => (column.share ? `${Math.round(v * 100)}%` : String(Math.round(v)))} />
                  <Tooltip formatter={(v) => column.format(typeof v === 'number' ? v : null)} />
                  <Legend />
                  {(agents ?? []).map((a, i) => (
                    <Line key={a.agent} type="linear" dataKey={a.agent} stroke={LINE_COLOURS[i % LINE_COLOURS.length]} connectNulls isAnimationActive={false} dot />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
        </>
      )}
    </section>
  );
}
