/** How each conversation measure is named and shown (call view, scorecard, library filters). */
import type { ConversationMeasures } from '../../../../electron/shared/conversation';
import { formatClock, formatPercent } from '../../ui/format';
import { capitalise } from '../../ui/palette';

export interface MeasureLine {
  key: keyof Omit<ConversationMeasures, 'episodes'>;
  label: string;
  /** The calls CSV column, shown as a tooltip so reviewers and scripts speak of the same thing. */
  column: string;
  value: string;
}

const seconds = (s: number | null) => (s === null ? '–' : `${s.toFixed(1)} s`);
const share = (s: number | null) => (s === null ? '–' : formatPercent(s));
const emotion = (e: string | null) => (e ? capitalise(e) : '–');

export function measureLines(m: ConversationMeasures): MeasureLine[] {
  return [
    { key: 'customerNegativeShare', label: 'Customer negative', column: 'customer_negative_share', value: share(m.customerNegativeShare) },
    { key: 'customerStartEmotion', label: 'Customer at the start', column: 'customer_start_emotion', value: emotion(m.customerStartEmotion) },
    { key: 'customerEndEmotion', label: 'Customer at the end', column: 'customer_end_emotion', value: emotion(m.customerEndEmotion) },
    { key: 'customerNegativeEpisodes', label: 'Negative episodes', column: 'customer_negative_episodes', value: m.customerNegativeEpisodes === null ? '–' : String(m.customerNegativeEpisodes) },
    { key: 'agentNegativeShareAfterCustomerNegative', label: 'Agent negative after episodes', column: 'agent_negative_share_after_customer_negative', value: share(m.agentNegativeShareAfterCustomerNegative) },
    { key: 'deescalated', label: 'De-escalated', column: 'deescalated', value: m.deescalated === null ? 'No episode' : m.deescalated ? 'Yes' : 'No' },
    { key: 'timeToDeescalateS', label: 'Time to de-escalate', column: 'time_to_deescalate_s', value: seconds(m.timeToDeescalateS) },
    { key: 'agentTalkShare', label: 'Agent talk share', column: 'agent_talk_share', value: share(m.agentTalkShare) },
    { key: 'overtalkS', label: 'Overtalk', column: 'overtalk_s', value: seconds(m.overtalkS) },
    { key: 'silenceS', label: 'Silence (gaps > 2 s)', column: 'silence_s', value: seconds(m.silenceS) },
  ];
}

export function episodeText(e: ConversationMeasures['episodes'][number]): string {
  const answer = e.agentNegativeShare === null ? 'agent silent' : `agent ${formatPercent(e.agentNegativeShare)} negative in the next 30 s`;
  return `${formatClock(e.start)}–${formatClock(e.end)} · ${answer}`;
}
