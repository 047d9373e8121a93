/**
 * Audacity label tracks: one label per line, `start<TAB>end<TAB>text`, times in seconds. Audacity
 * writes spectral selections as an extra line starting with a backslash; those are skipped.
 */
import { LABEL_VALUES, type LabelValue } from '../../shared/domain';
import { EmoqaError } from '../../shared/errors';
import type { TimedEmotion } from '../library/timeline';

export interface AudacityLabel {
  start: number;
  end: number;
  text: string;
  line: number;
}

export function parseAudacityLabels(text: string): AudacityLabel[] {
  const labels: AudacityLabel[] = [];
  const problems: string[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim() || raw.startsWith('\\')) return;
    const [startText, endText, ...rest] = raw.split('\t');
    const start = Number(startText?.replace(',', '.'));
    const end = endText === undefined ? start : Number(endText.replace(',', '.'));
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end < start) {
      problems.push(`line ${line}: expected "start<TAB>end<TAB>label" in seconds, got ${JSON.stringify(raw.slice(0, 60))}`);
      return;
    }
    labels.push({ start, end, text: rest.join('\t').trim(), line });
  });
  if (problems.length) throw new EmoqaError('INVALID_ARGUMENT', `not an Audacity label track: ${problems.slice(0, 5).join('; ')}`);
  return labels;
}

/** Maps a label's text onto an emotion or a review mark; accepts case differences and common synonyms. */
export function emotionFromLabel(text: string): LabelValue | null {
  const word = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const synonyms: Record<string, LabelValue> = {
    anger: 'angry', disgusted: 'disgust', fearful: 'fear', calm: 'neutral', surprise: 'surprised', sadness: 'sad', happiness: 'happy',
    nonspeech: 'not_speech', non_speech: 'not_speech', noise: 'not_speech', crosstalk: 'not_speech', unsure: 'unsure', unknown: 'unsure',
  };
  if ((LABEL_VALUES as readonly string[]).includes(word)) return word as LabelValue;
  return synonyms[word] ?? null;
}

export function formatAudacityLabels(spans: readonly TimedEmotion[]): string {
  return spans.map((s) => `${s.start.toFixed(6)}\t${s.end.toFixed(6)}\t${s.emotion}\n`).join('');
}
