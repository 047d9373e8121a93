/**
 * Per-agent measures over their calls (the Agents page and `emoqa export --agents`), folded from
 * the library summaries so they agree with the calls CSV. Only analysed calls with an agent count.
 */
import type { AgentMeasures, AgentSummary, AgentWeek } from '../../shared/conversation';
import type { RecordingSummary } from '../../shared/domain';
import { fixed, toCsv, type Cell } from '../export/csv';

/** Monday (UTC) of the ISO week holding this instant, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const d = new Date(iso);
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}

function talkOf(rec: RecordingSummary, role: 'agent' | 'customer'): number {
  return rec.parties.filter((p) => p.role === role).reduce((sum, p) => sum + p.talkTimeS, 0);
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/**
 * - talkTimeS: the agent's own talk time; calls, reviewedShare: counts.
 * - customerNegativeShare: customer negative speech over customer speech, all calls pooled (weighted by customer talk time).
 * - deescalationRate: de-escalated calls over calls with a customer episode.
 * - agentNegativeResponses: mean over calls with an episode of agent_negative_share_after_customer_negative.
 */
export function agentMeasures(calls: readonly RecordingSummary[]): AgentMeasures {
  let talk = 0, customerTalk = 0, customerNegative = 0, withEpisode = 0, deescalated = 0, responses = 0, responseCalls = 0, reviewed = 0;
  for (const rec of calls) {
    talk += talkOf(rec, 'agent');
    const m = rec.measures;
    const customer = talkOf(rec, 'customer');
    if (m?.customerNegativeShare !== null && m?.customerNegativeShare !== undefined) {
      customerTalk += customer;
      customerNegative += m.customerNegativeShare * customer;
    }
    if (m?.deescalated !== null && m?.deescalated !== undefined) {
      withEpisode++;
      if (m.deescalated) deescalated++;
    }
    if (m?.agentNegativeShareAfterCustomerNegative !== null && m?.agentNegativeShareAfterCustomerNegative !== undefined) {
      responses += m.agentNegativeShareAfterCustomerNegative;
      responseCalls++;
    }
    if (rec.reviewed) reviewed++;
  }
  return {
    calls: calls.length,
    talkTimeS: talk,
    customerNegativeShare: ratio(customerNegative, customerTalk),
    deescalationRate: ratio(deescalated, withEpisode),
    agentNegativeResponses: ratio(responses, responseCalls),
    reviewedShare: ratio(reviewed, calls.length) ?? 0,
  };
}

function mostCommon(values: ReadonlyArray<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/** One summary per agent, by name; each with its measures per week, oldest first. */
export function summariseAgents(recordings: readonly RecordingSummary[]): AgentSummary[] {
  const analysed = recordings.filter((r) => r.agent && r.status === 'done');
  return [...groupBy(analysed, (r) => r.agent ?? '').entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([agent, calls]) => {
      const weeks: AgentWeek[] = [...groupBy(calls, (r) => weekOf(r.startedAt ?? r.importedAt)).entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([week, inWeek]) => ({ week, ...agentMeasures(inWeek) }));
      return { agent, team: mostCommon(calls.map((c) => c.team)), ...agentMeasures(calls), weeks };
    });
}

export const AGENTS_HEADER = ['agent', 'team', 'calls', 'talk_time_s', 'customer_negative_share', 'deescalation_rate', 'agent_negative_responses', 'reviewed_share'];

export function agentsCsv(agents: readonly AgentSummary[]): string {
  const rows: Cell[][] = agents.map((a) => [
    a.agent, a.team ?? '', a.calls, fixed(a.talkTimeS, 3), fixed(a.customerNegativeShare, 4), fixed(a.deescalationRate, 4), fixed(a.agentNegativeResponses, 4), fixed(a.reviewedShare, 4),
  ]);
  return toCsv(AGENTS_HEADER, rows);
}
