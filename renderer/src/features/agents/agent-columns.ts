/** The Agents page's columns: label, how to show a value, how to sort (missing values last). */
import type { AgentSummary, AgentMeasures } from '../../../../electron/shared/conversation';
import { formatDuration, formatPercent } from '../../ui/format';

export type AgentMeasureKey = keyof AgentMeasures;
export type AgentSortKey = 'agent' | 'team' | AgentMeasureKey;

export interface AgentMeasureColumn {
  key: AgentMeasureKey;
  label: string;
  format: (value: number | null) => string;
  /** Charted as a share (0..1, shown in %). */
  share: boolean;
}

export const AGENT_MEASURES: AgentMeasureColumn[] = [
  { key: 'calls', label: 'Calls', format: (v) => (v === null ? '–' : String(v)), share: false },
  { key: 'talkTimeS', label: 'Talk time', format: (v) => formatDuration(v), share: false },
  { key: 'customerNegativeShare', label: 'Customer negative', format: (v) => formatPercent(v), share: true },
  { key: 'deescalationRate', label: 'De-escalation rate', format: (v) => formatPercent(v), share: true },
  { key: 'agentNegativeResponses', label: 'Agent negative responses', format: (v) => formatPercent(v), share: true },
  { key: 'reviewedShare', label: 'Reviewed', format: (v) => formatPercent(v), share: true },
];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortAgents(agents: readonly AgentSummary[], key: AgentSortKey, direction: 'asc' | 'desc'): AgentSummary[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...agents].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? collator.compare(a.agent, b.agent) : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return order !== 0 ? order * sign : collator.compare(a.agent, b.agent);
  });
}

/** Rows for a chart of one measure over weeks: one row per week, one field per agent. */
export function weeklySeries(agents: readonly AgentSummary[], key: AgentMeasureKey): Array<Record<string, string | number | null>> {
  const weeks = [...new Set(agents.flatMap((a) => a.weeks.map((w) => w.week)))].sort();
  return weeks.map((week) => {
    const row: Record<string, string | number | null> = { week };
    for (const a of agents) {
      const found = a.weeks.find((w) => w.week === week);
      row[a.agent] = found ? found[key] : null;
    }
    return row;
  });
}
