import type { ConversationMeasures } from '../../../../electron/shared/conversation';
import { episodeText, measureLines } from './measure-format';
import './conversation.css';

interface ConversationPanelProps {
  measures: ConversationMeasures | null;
}

/** The call's conversation measures (corrections applied), under the names the calls CSV uses. */
export function ConversationPanel({ measures }: ConversationPanelProps) {
  return (
    <section className="conversation-panel" aria-labelledby="conversation-title">
      <h3 id="conversation-title">Conversation</h3>
      {!measures ? (
        <p className="muted">No measures yet: the call is not analysed.</p>
      ) : (
        <>
          <dl className="measure-list">
            {measureLines(measures).map((line) => (
              <div key={line.key} title={`Calls CSV column ${line.column}`} data-measure={line.column}>
                <dt>{line.label}</dt>
                <dd>{line.value}</dd>
              </div>
            ))}
          </dl>
          {measures.episodes.length > 0 && (
            <ol className="episode-list" aria-label="Customer negative episodes">
              {measures.episodes.map((e) => (
                <li key={e.start}>{episodeText(e)}</li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
