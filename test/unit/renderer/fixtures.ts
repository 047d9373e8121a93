import { EMOTIONS, type Emotion, type HumanLabel, type LabelValue, type PredictedRegion, type RecordingSummary } from '../../../electron/shared/domain';

const probabilities = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 1 / 7])) as Record<Emotion, number>;

export function prediction(id: number, channel: number, start: number, end: number, emotion: Emotion, confidence = 0.8): PredictedRegion {
  return { id, channel, start, end, emotion, confidence, probabilities, modelVersion: 'test' };
}

export function label(id: number, channel: number, start: number, end: number, emotion: LabelValue, replacesRegionId: number | null = null, kind: HumanLabel['kind'] = 'correction'): HumanLabel {
  return { id, channel, start, end, emotion, reviewer: 'tester', createdAt: '2025-01-01T00:00:00Z', replacesRegionId, kind, version: 1 };
}

export function recording(id: string, overrides: Partial<RecordingSummary> = {}): RecordingSummary {
  return {
    id, fileName: `${id}.wav`, path: `/calls/${id}.wav`, importedAt: '2025-01-01T00:00:00Z', durationS: 60, status: 'done', progress: null, error: null,
    parties: [], corrections: 0, agreements: 0, uncertainRegions: 0, reviewed: false, reviewer: null, modelVersion: 'test', channels: 2, downmixed: false,
    agent: null, team: null, startedAt: null, measures: null, ...overrides,
  };
}

export function share(values: Partial<Record<Emotion, number>>): Record<Emotion, number> {
  return Object.fromEntries(EMOTIONS.map((emotion) => [emotion, values[emotion] ?? 0])) as Record<Emotion, number>;
}
