import { describe, expect, it } from 'vitest';
import { assembleResult, planParties } from '../../../../../electron/services/analysis/recording-plan';
import { separateMono } from '../../../../../electron/services/analysis/separate-mono';
import { region } from '../store-helpers';

const party = {
  channel: 0, role: 'speaker' as const, talkTimeS: 10,
  speech: [{ start: 0, end: 4 }, { start: 5, end: 11 }],
  regions: [region(0, 4, 'neutral'), region(5, 11, 'angry')],
};
const split = { turns: [{ start: 0, end: 4, speaker: 1 as const }, { start: 5, end: 8, speaker: 0 as const }, { start: 8, end: 11, speaker: 1 as const }], agent: 1 as const };

describe('separating a mono call', () => {
  it('cuts speech and regions at the turns into agent (channel 0) and customer (channel 1)', () => {
    const [agent, customer] = separateMono(party, split);
    expect(agent).toMatchObject({ channel: 0, role: 'agent', talkTimeS: 7, speech: [{ start: 0, end: 4 }, { start: 8, end: 11 }] });
    expect(agent.regions.map((r) => [r.start, r.end, r.emotion])).toEqual([[0, 4, 'neutral'], [8, 11, 'angry']]);
    expect(customer).toMatchObject({ channel: 1, role: 'customer', talkTimeS: 3, speech: [{ start: 5, end: 8 }] });
  });

  it('is planned only for true mono calls when asked, and gives two parties over one waveform', () => {
    expect(planParties(1, ['agent', 'customer'], true).parties[0]).toMatchObject({ role: 'speaker', separate: true });
    expect(planParties(1, ['agent', 'customer']).parties[0].separate).toBeUndefined();
    expect(planParties(3, ['agent', 'customer'], true).parties[0].separate).toBeUndefined();
    const peaks = [new Int8Array(8), new Int8Array(2)];
    const result = assembleResult(planParties(1, ['agent', 'customer'], true), [{ analysis: party, peaks, samples: 11 * 8000, monoTurns: split }], { sampleRate: 8000, version: 'v' });
    expect(result.sourceChannels).toBe(1);
    expect(result.channels.map((c) => c.role)).toEqual(['agent', 'customer']);
    expect(result.peaks.levels[0].channels).toHaveLength(2);
  });
});
