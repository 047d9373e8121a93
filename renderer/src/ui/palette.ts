import { EMOTIONS, type Emotion } from '../../../electron/shared/domain';

/**
 * Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. Neutral takes grey
 * so that the six marked emotions keep the saturated hues.
 */
export const EMOTION_COLORS: Record<Emotion, string> = {
  angry: '#D55E00',
  disgust: '#009E73',
  fear: '#CC79A7',
  happy: '#F0E442',
  neutral: '#8C8C8C',
  sad: '#0072B2',
  surprised: '#E69F00',
};

/** Readable text on each emotion's colour. */
export const EMOTION_TEXT: Record<Emotion, string> = {
  angry: '#ffffff',
  disgust: '#ffffff',
  fear: '#1a1a1a',
  happy: '#1a1a1a',
  neutral: '#ffffff',
  sad: '#ffffff',
  surprised: '#1a1a1a',
};

/** Keys 1–7 relabel, in the contract's order. */
export function emotionForDigit(key: string): Emotion | null {
  const index = Number(key) - 1;
  return Number.isInteger(index) && index >= 0 && index < EMOTIONS.length ? EMOTIONS[index] : null;
}

export function digitForEmotion(emotion: Emotion): number {
  return EMOTIONS.indexOf(emotion) + 1;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `#rrggbb` with an alpha, for canvas fills. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha.toFixed(3)})`;
}
