import { EMOTIONS, type PartyRole } from '../../../../electron/shared/domain';
import { formatPercent } from '../../ui/format';
import { EMOTION_COLORS, capitalise } from '../../ui/palette';
import { emotionSeconds, type Lanes } from './region-model';

interface DistributionChartProps {
  lanes: Lanes;
  roles: ReadonlyMap<number, PartyRole>;
}

/** Share of each party's speech per emotion, corrections applied; updates as labels change. */
export function DistributionChart({ lanes, roles }: DistributionChartProps) {
  return (
    <figure className="distribution" aria-labelledby="distribution-title">
      <figcaption id="distribution-title">Emotion share per party</figcaption>
      {[...lanes.entries()].map(([channel, lane]) => {
        const { seconds, total } = emotionSeconds(lane);
        const role = capitalise(roles.get(channel) ?? `channel ${channel + 1}`);
        const shares = EMOTIONS.map((emotion) => ({ emotion, share: total > 0 ? seconds[emotion] / total : 0 })).filter((entry) => entry.share > 0);
        const summary = shares.map((entry) => `${entry.emotion} ${formatPercent(entry.share)}`).join(', ') || 'no speech';
        return (
          <div key={channel} className="distribution-row">
            <span className="distribution-role">{role}</span>
            <div className="distribution-bar" role="img" aria-label={`${role}: ${summary}`}>
              {shares.map((entry) => (
                <span key={entry.emotion} title={`${entry.emotion} ${formatPercent(entry.share, 1)}`} style={{ width: `${entry.share * 100}%`, background: EMOTION_COLORS[entry.emotion] }} />
              ))}
            </div>
            <span className="distribution-text muted">{summary}</span>
          </div>
        );
      })}
    </figure>
  );
}
