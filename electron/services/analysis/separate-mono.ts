/**
 * A mono call as two parties again: the one `speaker` party's speech and emotion regions cut at the
 * diarizer's turns (ml/diarize) into an agent (channel 0) and a customer (channel 1). The source
 * stays one channel: both lanes show the same waveform, and the recording's source channel count
 * (1) beside two parties is what marks it "separated from mono".
 */
import type { SpeakerTurn } from '../../../ml/diarize/two-speakers';
import type { ChannelAnalysis, SpeechSpan } from './analysis-types';

export interface MonoTurns {
  turns: SpeakerTurn[];
  agent: 0 | 1;
}

function clip<T extends SpeechSpan>(spans: readonly T[], turns: readonly SpeechSpan[]): T[] {
  const out: T[] = [];
  for (const s of spans) {
    for (const t of turns) {
      const start = Math.max(s.start, t.start);
      const end = Math.min(s.end, t.end);
      if (end > start) out.push({ ...s, start, end });
    }
  }
  return out;
}

/** The agent's and the customer's analysis, in channel order. */
export function separateMono(party: ChannelAnalysis, split: MonoTurns): [ChannelAnalysis, ChannelAnalysis] {
  const of = (speaker: 0 | 1, channel: number, role: 'agent' | 'customer'): ChannelAnalysis => {
    const turns = split.turns.filter((t) => t.speaker === speaker);
    const speech = clip(party.speech, turns);
    return { channel, role, talkTimeS: speech.reduce((sum, s) => sum + (s.end - s.start), 0), speech, regions: clip(party.regions, turns),
      ...(party.classWeights ? { classWeights: party.classWeights } : {}) };
  };
  return [of(split.agent, 0, 'agent'), of(split.agent === 0 ? 1 : 0, 1, 'customer')];
}
