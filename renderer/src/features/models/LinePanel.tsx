import { useEffect, useState } from 'react';
import type { LineStatsInfo } from '../../../../electron/shared/contract';
import { describeLine } from '../../../../electron/shared/line-stats-text';
import { api, errorMessage } from '../../api';

interface LinePanelProps {
  /** Refetched when the active version changes (each model reads summaries of its own features). */
  activeVersion: string | null;
}

/**
 * The line statistics analysis reads every call against: the training data's, or the library's own
 * (estimated from its analysed calls, no labels), where its line moved far from the training data.
 */
export function LinePanel({ activeVersion }: LinePanelProps) {
  const [info, setInfo] = useState<LineStatsInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('models.lineStats', {}).then((next) => live && setInfo(next), (reason: unknown) => live && setError(errorMessage(reason)));
    return () => {
      live = false;
    };
  }, [activeVersion]);

  return (
    <section className="prior-panel" aria-label="Line in use">
      <h3>Line in use</h3>
      {info && (
        <p className="small muted">
          Every analysed call leaves a summary of its speech; once {info.minCalls} calls are in, the library's line is compared with the training data's.
          Where at least {info.minShifted} features moved more than {info.shiftZ} SD (a codec or channel the model never heard), calls analysed from then on are read against the library's own.
        </p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {info && <p className="small" data-testid="line-in-use" data-applied={info.applied ? 'yes' : 'no'}>{describeLine(info)}.</p>}
    </section>
  );
}
