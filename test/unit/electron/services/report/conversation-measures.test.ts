import { describe, expect, it } from 'vitest';
import type { Emotion } from '../../../../../electron/shared/domain';
import { effectiveTimeline, type TimedEmotion } from '../../../../../electron/services/library/timeline';
import { conversationMeasures, negativeEpisodes, silenceSeconds, timeToDeescalate } from '../../../../../electron/services/report/conversation-measures';

const t = (start: number, end: number, emotion: Emotion): TimedEmotion => ({ start, end, emotion });

// A 90 s call. The customer is angry at 8–22 s (two pieces 1 s apart: one episode), says 2 s of
// sadness at 50 s (too short to count) and ends calm; the agent answers with 8 s of anger at 30 s.
const agent = [t(0, 10, 'neutral'), t(20, 30, 'neutral'), t(30, 40, 'angry'), t(60, 70, 'happy')];
const customer = [t(8, 18, 'angry'), t(19, 22, 'angry'), t(40, 45, 'neutral'), t(50, 52, 'sad'), t(75, 90, 'neutral')];

describe('conversation measures on a hand-built call', () => {
  const m = conversationMeasures([{ role: 'agent', timeline: agent }, { role: 'customer', timeline: customer }], 90);

  it('measures overtalk, talk share and silence (gaps over 2 s only)', () => {
    expect(m.overtalkS).toBeCloseTo(4); // 8–10 and 20–22
    expect(m.agentTalkShare).toBeCloseTo(40 / 75);
    expect(m.silenceS).toBeCloseTo(5 + 8 + 5); // 45–50, 52–60, 70–75; the 1 s gap at 18 s is not silence
  });

  it('measures the customer: negative share, start and end emotion, episodes', () => {
    expect(m.customerNegativeShare).toBeCloseTo(15 / 35);
    expect(m.customerStartEmotion).toBe('angry');
    expect(m.customerEndEmotion).toBe('neutral');
    expect(m.customerNegativeEpisodes).toBe(1);
    expect(m.episodes).toEqual([{ start: 8, end: 22, agentNegativeShare: expect.closeTo(8 / 20, 6) as number }]);
  });

  it('measures the response and the de-escalation', () => {
    // Agent speech 8–38 s: 2 + 10 neutral, 8 angry.
    expect(m.agentNegativeShareAfterCustomerNegative).toBeCloseTo(0.4);
    expect(m.deescalated).toBe(true);
    // The first 15 s without customer negativity starts at 22 s (the next negative piece is at 50 s).
    expect(m.timeToDeescalateS).toBeCloseTo(14);
  });

  it('says no de-escalation when an episode reaches the last third', () => {
    const late = [...customer.slice(0, 4), t(70, 80, 'angry'), t(80, 90, 'neutral')];
    const r = conversationMeasures([{ role: 'agent', timeline: agent }, { role: 'customer', timeline: late }], 90);
    expect(r.customerNegativeEpisodes).toBe(2);
    expect(r.deescalated).toBe(false);
    expect(r.timeToDeescalateS).toBeCloseTo(14);
  });

  it('leaves de-escalation and responses empty when the customer had no episode', () => {
    const calm = [t(8, 18, 'neutral'), t(50, 52, 'sad')];
    const r = conversationMeasures([{ role: 'agent', timeline: agent }, { role: 'customer', timeline: calm }], 90);
    expect(r).toMatchObject({ customerNegativeEpisodes: 0, deescalated: null, timeToDeescalateS: null, agentNegativeShareAfterCustomerNegative: null, episodes: [] });
  });

  it('has no party measures for a mono call (one speaker)', () => {
    const r = conversationMeasures([{ role: 'speaker', timeline: agent }], 90);
    expect(r).toMatchObject({ overtalkS: null, agentTalkShare: null, customerNegativeShare: null, customerStartEmotion: null, customerNegativeEpisodes: null, deescalated: null });
    expect(r.silenceS).toBeCloseTo(10 + 20 + 20); // 10–20, 40–60, 70–90
  });

  it('reads the effective timeline: a reviewer label over a prediction changes the measures', () => {
    const predicted = effectiveTimeline([{ start: 0, end: 10, emotion: 'neutral', confidence: 0.9 }], []);
    const corrected = effectiveTimeline([{ start: 0, end: 10, emotion: 'neutral', confidence: 0.9 }], [{ start: 2, end: 8, emotion: 'angry', rank: 0 }]);
    const before = conversationMeasures([{ role: 'agent', timeline: [] }, { role: 'customer', timeline: predicted }], 10);
    const after = conversationMeasures([{ role: 'agent', timeline: [] }, { role: 'customer', timeline: corrected }], 10);
    expect(before.customerNegativeEpisodes).toBe(0);
    expect(after.customerNegativeEpisodes).toBe(1);
    expect(after.customerNegativeShare).toBeCloseTo(0.6);
  });
});

describe('building blocks', () => {
  it('merges negative pieces across gaps up to 5 s and drops episodes under 3 s', () => {
    expect(negativeEpisodes([t(0, 1, 'angry'), t(1, 3, 'neutral'), t(5.5, 7, 'fear'), t(20, 22, 'sad')])).toEqual([{ start: 0, end: 7 }]);
  });

  it('counts leading and trailing silence', () => {
    expect(silenceSeconds([{ start: 3, end: 4 }], 10)).toBeCloseTo(9);
  });

  it('has no de-escalation time when the call ends before 15 calm seconds', () => {
    expect(timeToDeescalate([t(0, 5, 'angry')], 0, 12)).toBeNull();
  });
});
