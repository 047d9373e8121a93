/**
 * The one definition of each conversation measure (README "Report" section documents them). Pure
 * functions over the effective timeline of each party (human labels laid over predictions), so the
 * calls CSV, the library cache, the call view and the scorecard all say the same thing.
 */
import type { ConversationMeasures, NegativeEpisode } from '../../shared/conversation';
import { isNegative, type Emotion, type PartyRole } from '../../shared/domain';
import { emotionSeconds, shareOf, type TimedEmotion } from '../library/timeline';

/** Gaps where neither party speaks count as silence only when longer than this. */
export const SILENCE_MIN_GAP_S = 2;
/** Customer negative pieces closer than this are one episode. */
export const EPISODE_MERGE_GAP_S = 5;
/** Episodes shorter than this are not counted. */
export const EPISODE_MIN_S = 3;
/** How long after an episode starts the agent's answer is looked at. */
export const RESPONSE_WINDOW_S = 30;
/** A de-escalated customer stays free of negative emotion at least this long. */
export const CALM_STRETCH_S = 15;

export interface PartyTimeline {
  role: PartyRole;
  timeline: readonly TimedEmotion[];
}

interface Span {
  start: number;
  end: number;
}


/** Sorted, non-overlapping union of spans. */
export function unionOf(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

function total(spans: readonly Span[]): number {
  return spans.reduce((sum, s) => sum + (s.end - s.start), 0);
}

/** Seconds of `spans` inside [from, to). */
function secondsWithin(spans: readonly Span[], from: number, to: number): number {
  let sum = 0;
  for (const s of spans) sum += Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  return sum;
}

/** Seconds where two unions overlap. */
function overlapSeconds(a: readonly Span[], b: readonly Span[]): number {
  let sum = 0;
  for (const s of a) sum += secondsWithin(b, s.start, s.end);
  return sum;
}

/** All pieces of one role (a stereo call may give a role more than one channel). */
function piecesOf(parties: readonly PartyTimeline[], role: PartyRole): TimedEmotion[] {
  return parties.filter((p) => p.role === role).flatMap((p) => p.timeline).sort((a, b) => a.start - b.start);
}

/** Dominant emotion of the pieces clipped to [from, to) (shareOf's rule: ties go to the earlier emotion). */
export function dominantWithin(pieces: readonly TimedEmotion[], from: number, to: number): Emotion | null {
  const clipped = pieces
    .map((p) => ({ start: Math.max(p.start, from), end: Math.min(p.end, to), emotion: p.emotion }))
    .filter((p) => p.end > p.start);
  return shareOf(emotionSeconds(clipped)).dominant;
}

/** Stretches of negative emotion: pieces merged across gaps ≤ 5 s (whatever lies between), kept when ≥ 3 s long. */
export function negativeEpisodes(pieces: readonly TimedEmotion[], mergeGapS = EPISODE_MERGE_GAP_S, minS = EPISODE_MIN_S): Span[] {
  const merged: Span[] = [];
  for (const p of pieces) {
    if (!isNegative(p.emotion)) continue;
    const last = merged.at(-1);
    if (last && p.start - last.end <= mergeGapS) last.end = Math.max(last.end, p.end);
    else merged.push({ start: p.start, end: p.end });
  }
  return merged.filter((s) => s.end - s.start >= minS);
}

/** Silence: gaps longer than 2 s between 0 and the call's end where neither party speaks. */
export function silenceSeconds(speech: readonly Span[], durationS: number, minGapS = SILENCE_MIN_GAP_S): number {
  let sum = 0;
  let cursor = 0;
  for (const s of speech) {
    if (s.start - cursor > minGapS) sum += s.start - cursor;
    cursor = Math.max(cursor, s.end);
  }
  if (durationS - cursor > minGapS) sum += durationS - cursor;
  return sum;
}

/** Negative share of the agent's speech in [from, from + 30 s); null when the agent did not speak there. */
function agentNegativeShareIn(agent: readonly TimedEmotion[], windows: readonly Span[]): number | null {
  let speech = 0;
  let negative = 0;
  for (const w of windows) {
    for (const p of agent) {
      const s = Math.max(0, Math.min(p.end, w.end) - Math.max(p.start, w.start));
      speech += s;
      if (isNegative(p.emotion)) negative += s;
    }
  }
  return speech > 0 ? negative / speech : null;
}

/**
 * From the first episode's start to the start of the customer's first 15 s stretch without negative
 * emotion (the stretch must end inside the call); null when there is no episode or no such stretch.
 */
export function timeToDeescalate(customer: readonly TimedEmotion[], firstEpisodeStart: number, durationS: number, calmS = CALM_STRETCH_S): number | null {
  const negatives = customer.filter((p) => isNegative(p.emotion) && p.end > firstEpisodeStart);
  // A calm stretch can only begin where a negative piece ends (or at the episode start, which is negative).
  for (let i = 0; i < negatives.length; i++) {
    const from = negatives[i].end;
    const next = negatives.slice(i + 1).find((p) => p.end > from);
    const calmUntil = next ? next.start : durationS;
    if (calmUntil - from >= calmS) return from - firstEpisodeStart;
  }
  return null;
}

/** Every measure of one call from its parties' effective timelines. */
export function conversationMeasures(parties: readonly PartyTimeline[], durationS: number): ConversationMeasures {
  const agent = piecesOf(parties, 'agent');
  const customer = piecesOf(parties, 'customer');
  const hasBoth = parties.some((p) => p.role === 'agent') && parties.some((p) => p.role === 'customer');
  const hasCustomer = parties.some((p) => p.role === 'customer');
  const agentSpeech = unionOf(agent);
  const customerSpeech = unionOf(customer);
  const agentS = total(agentSpeech);
  const customerS = total(customerSpeech);
  const allSpeech = unionOf(parties.flatMap((p) => p.timeline));
  const end = Math.max(durationS, allSpeech.at(-1)?.end ?? 0);
  const third = end / 3;

  const episodeSpans = hasCustomer ? negativeEpisodes(customer) : [];
  const episodes: NegativeEpisode[] = episodeSpans.map((e) => ({
    start: e.start,
    end: e.end,
    agentNegativeShare: agentNegativeShareIn(agent, [{ start: e.start, end: e.start + RESPONSE_WINDOW_S }]),
  }));
  const responseWindows = unionOf(episodeSpans.map((e) => ({ start: e.start, end: e.start + RESPONSE_WINDOW_S })));
  const customerEndEmotion = hasCustomer ? dominantWithin(customer, end - third, end) : null;
  const episodeInLastThird = episodeSpans.some((e) => e.end > end - third);
  const deescalated = episodeSpans.length === 0 ? null : !episodeInLastThird && !(customerEndEmotion !== null && isNegative(customerEndEmotion));
  const negativeCustomerS = customer.filter((p) => isNegative(p.emotion)).reduce((sum, p) => sum + (p.end - p.start), 0);

  return {
    overtalkS: hasBoth ? overlapSeconds(agentSpeech, customerSpeech) : null,
    agentTalkShare: hasBoth && agentS + customerS > 0 ? agentS / (agentS + customerS) : null,
    silenceS: silenceSeconds(allSpeech, end),
    customerNegativeShare: hasCustomer && customerS > 0 ? negativeCustomerS / customerS : null,
    customerStartEmotion: hasCustomer ? dominantWithin(customer, 0, third) : null,
    customerEndEmotion,
    customerNegativeEpisodes: hasCustomer ? episodeSpans.length : null,
    agentNegativeShareAfterCustomerNegative: hasBoth && episodeSpans.length > 0 ? agentNegativeShareIn(agent, responseWindows) : null,
    deescalated,
    timeToDeescalateS: episodeSpans.length > 0 ? timeToDeescalate(customer, episodeSpans[0].start, end) : null,
    episodes,
  };
}
