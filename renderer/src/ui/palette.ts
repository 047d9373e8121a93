import { LABEL_VALUES, type LabelValue } from '../../../electron/shared/domain';

/**
 * Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. Neutral takes grey
 * so that the six marked emotions keep the saturated hues. The reviewer's marks take what is left:
 * near-black for "not speech", sky blue for "unsure".
 */
export const EMOTION_COLORS: Record<LabelValue, string> = {
  angry: '#D55E00',
  disgust: '#009E73',
  fear: '#CC79A7',
  happy: '#F0E442',
  neutral: '#8C8C8C',
  sad: '#0072B2',
  surprised: '#E69F00',
  not_speech: '#3B3B3B',
  unsure: '#56B4E9',
};

/** Readable text on each emotion's colour. */
export const EMOTION_TEXT: Record<LabelValue, string> = {
  angry: '#ffffff',
  disgust: '#ffffff',
  fear: '#1a1a1a',
  happy: '#1a1a1a',
  neutral: '#ffffff',
  sad: '#ffffff',
  surprised: '#1a1a1a',
  not_speech: '#ffffff',
  unsure: '#1a1a1a',
};

/** Keys 1–7 relabel, in the contract's order; 8 marks "not speech", 9 "unsure". */
export function emotionForDigit(key: string): LabelValue | null {
  if (!/^[1-9]$/.test(key)) return null;
  return LABEL_VALUES[Number(key) - 1] ?? null;
}

export function digitForEmotion(emotion: LabelValue): number {
  return LABEL_VALUES.indexOf(emotion) + 1;
}

/** How a label value reads in the interface: "not speech", "angry". */
export function labelText(value: LabelValue): string {
  return value.replace('_', ' ');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `#rrggbb` with an alpha, for canvas fills. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha.toFixed(3)})`;
}
