import { EMOTIONS } from '../../../electron/shared/domain';
import { EMOTION_COLORS, capitalise, digitForEmotion } from './palette';

/** Colour key for the waveform lanes; opacity of a region is the model's confidence. */
export function EmotionLegend() {
  return (
    <ul className="legend" aria-label="Emotion colours">
      {EMOTIONS.map((emotion) => (
        <li key={emotion}>
          <span className="swatch" style={{ background: EMOTION_COLORS[emotion] }} aria-hidden="true" />
          {capitalise(emotion)} <kbd>{digitForEmotion(emotion)}</kbd>
        </li>
      ))}
      <li className="legend-note">Fainter = less confident · dashed = your correction</li>
    </ul>
  );
}
