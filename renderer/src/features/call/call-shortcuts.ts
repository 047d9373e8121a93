import type { LabelValue } from '../../../../electron/shared/domain';
import { emotionForDigit } from '../../ui/palette';

export type CallAction =
  | 'play' | 'seek-back' | 'seek-forward' | 'next-emotion' | 'previous-emotion' | 'next-region' | 'previous-region'
  | 'relabel' | 'split' | 'merge' | 'delete' | 'undo' | 'redo' | 'zoom-in' | 'zoom-out' | 'zoom-fit'
  | 'play-region' | 'loop-region' | 'solo-first' | 'solo-second' | 'solo-none' | 'slower' | 'faster'
  | 'toggle-reviewed' | 'deselect' | 'help' | 'next-call' | 'previous-call' | 'next-unreviewed' | 'next-uncertain' | 'previous-uncertain'
  | 'toggle-spectrogram';

/** One table for both the key handler and the help overlay, so the overlay never lies. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; action: CallAction; label: string; group: string }> = [
  { keys: 'Space', action: 'play', label: 'Play / pause', group: 'Playback' },
  { keys: '← / →', action: 'seek-back', label: 'Back / forward 5 s', group: 'Playback' },
  { keys: '< / >', action: 'slower', label: 'Slower / faster (0.5–2×)', group: 'Playback' },
  { keys: 'R', action: 'play-region', label: 'Play the selected region (or the Shift+drag range)', group: 'Playback' },
  { keys: 'L', action: 'loop-region', label: 'Loop the selected region or range (Esc stops)', group: 'Playback' },
  { keys: 'Shift+drag', action: 'play-region', label: 'Choose any time range on the waveform to play or loop', group: 'Playback' },
  { keys: 'A / C / B', action: 'solo-first', label: 'Hear agent only / customer only / both', group: 'Playback' },
  { keys: '] / n', action: 'next-emotion', label: 'Next region of the chosen emotions', group: 'Scrub by emotion' },
  { keys: '[ / p', action: 'previous-emotion', label: 'Previous region of the chosen emotions', group: 'Scrub by emotion' },
  { keys: '. / ,', action: 'next-region', label: 'Select next / previous region (any emotion)', group: 'Scrub by emotion' },
  { keys: 'Q / Shift+Q', action: 'next-uncertain', label: 'Next / previous region the model is unsure of', group: 'Scrub by emotion' },
  { keys: '1 – 9', action: 'relabel', label: 'Relabel selected: 1 angry, 2 disgust, 3 fear, 4 happy, 5 neutral, 6 sad, 7 surprised, 8 not speech, 9 unsure', group: 'Correct' },
  { keys: 'S', action: 'split', label: 'Split the selected region at the playhead', group: 'Correct' },
  { keys: 'M', action: 'merge', label: 'Merge the selected region with the next', group: 'Correct' },
  { keys: 'Delete', action: 'delete', label: 'Delete your label (the prediction shows again)', group: 'Correct' },
  { keys: 'Drag', action: 'deselect', label: 'Drag a selected edge to move it; drag on empty waveform to draw a region', group: 'Correct' },
  { keys: 'Ctrl+Z', action: 'undo', label: 'Undo', group: 'Correct' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', action: 'redo', label: 'Redo', group: 'Correct' },
  { keys: 'Shift+R', action: 'toggle-reviewed', label: 'Mark reviewed / not reviewed', group: 'Correct' },
  { keys: '+ / −', action: 'zoom-in', label: 'Zoom in / out (also Ctrl+wheel)', group: 'View' },
  { keys: '0', action: 'zoom-fit', label: 'Fit the whole call', group: 'View' },
  { keys: 'V', action: 'toggle-spectrogram', label: 'Show / hide the spectrogram lanes (0–4 kHz, the visible range)', group: 'View' },
  { keys: 'Wheel', action: 'seek-forward', label: 'Scroll along the call', group: 'View' },
  { keys: 'Esc', action: 'deselect', label: 'Deselect, stop looping', group: 'View' },
  { keys: '?', action: 'help', label: 'This help', group: 'View' },
  { keys: 'Shift+N / Shift+P', action: 'next-call', label: 'Next / previous call in the library', group: 'Calls' },
  { keys: 'U', action: 'next-unreviewed', label: 'Next call not yet reviewed', group: 'Calls' },
];

export interface KeyMatch {
  action: CallAction;
  emotion?: LabelValue;
}

/** Maps a keydown to an action; null leaves the key to the browser. */
export function matchKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): KeyMatch | null {
  const { key } = event;
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey) return null;
  if (mod) {
    const lower = key.toLowerCase();
    if (lower === 'z') return { action: event.shiftKey ? 'redo' : 'undo' };
    if (lower === 'y') return { action: 'redo' };
    if (key === '=' || key === '+') return { action: 'zoom-in' };
    if (key === '-') return { action: 'zoom-out' };
    return null;
  }
  const emotion = emotionForDigit(key);
  if (emotion) return { action: 'relabel', emotion };
  switch (key) {
    case ' ': return { action: 'play' };
    case 'ArrowLeft': return { action: 'seek-back' };
    case 'ArrowRight': return { action: 'seek-forward' };
    case ']': case 'n': return { action: 'next-emotion' };
    case '[': case 'p': return { action: 'previous-emotion' };
    case 'N': return { action: 'next-call' };
    case 'P': return { action: 'previous-call' };
    case 'u': case 'U': return { action: 'next-unreviewed' };
    case 'q': return { action: 'next-uncertain' };
    case 'Q': return { action: 'previous-uncertain' };
    case '.': return { action: 'next-region' };
    case ',': return { action: 'previous-region' };
    case 's': case 'S': return { action: 'split' };
    case 'm': case 'M': return { action: 'merge' };
    case 'Delete': case 'Backspace': return { action: 'delete' };
    case '+': case '=': return { action: 'zoom-in' };
    case '-': case '_': return { action: 'zoom-out' };
    case '0': return { action: 'zoom-fit' };
    case 'r': return { action: 'play-region' };
    case 'R': return { action: 'toggle-reviewed' };
    case 'l': case 'L': return { action: 'loop-region' };
    case 'a': case 'A': return { action: 'solo-first' };
    case 'c': case 'C': return { action: 'solo-second' };
    case 'b': case 'B': return { action: 'solo-none' };
    case '<': return { action: 'slower' };
    case '>': return { action: 'faster' };
    case 'Escape': return { action: 'deselect' };
    case '?': return { action: 'help' };
    case 'v': case 'V': return { action: 'toggle-spectrogram' };
    default: return null;
  }
}

/** Keys typed into a field belong to the field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range'].includes(target.type);
}

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
