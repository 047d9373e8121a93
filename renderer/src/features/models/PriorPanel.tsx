import { useCallback, useEffect, useState } from 'react';
import type { ClassPriorInfo, RolePriorInfo } from '../../../../electron/shared/contract';
import { EMOTIONS } from '../../../../electron/shared/domain';
import { api, errorMessage } from '../../api';
import { formatPercent } from '../../ui/format';

interface PriorPanelProps {
  /** Refetched when the active version changes (each version has its own prior). */
  activeVersion: string | null;
  busy: boolean;
}

function sourceOf(role: RolePriorInfo): string {
  if (role.source === 'model') return "the model's own";
  const minutes = Math.round(role.seconds / 60);
  return `estimated from ${role.calls} call${role.calls === 1 ? '' : 's'} (${minutes} min of speech)`;
}

/**
 * The prior the decision rule uses per party role: the model's own weights, or the library's own
 * base rates estimated from its analysed calls (EM, no labels needed).
 */
export function PriorPanel({ activeVersion, busy }: PriorPanelProps) {
  const [info, setInfo] = useState<ClassPriorInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    let live = true;
    api.invoke('models.priors', {}).then((next) => live && setInfo(next), (reason: unknown) => live && setError(errorMessage(reason)));
    return () => {
      live = false;
    };
  }, [activeVersion]);

  const estimate = useCallback(async () => {
    setError(null);
    setWorking(true);
    try {
      setInfo(await api.invoke('models.estimatePriors', {}));
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setWorking(false);
    }
  }, []);

  const roles = info?.roles.filter((r) => r.role !== 'speaker' || r.source === 'estimated') ?? [];
  return (
    <section className="prior-panel" aria-label="Prior in use">
      <h3>Prior in use</h3>
      <p className="small muted">
        Weights on each emotion before the label is chosen. Estimated from this library's analysed calls (no labels needed; a role needs {info?.minCalls ?? 3} calls);
        they apply to calls analysed from then on.
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {info?.note && <p className="small" data-testid="prior-note">Not applied: {info.note}.</p>}
      {info && info.analysedCalls < info.minCalls && (
        <p className="small" data-testid="prior-needs">{info.analysedCalls} call{info.analysedCalls === 1 ? '' : 's'} analysed with {info.version}: the estimate needs {info.minCalls}.</p>
      )}
      {info && (
        <table className="scores" aria-label="Prior in use per party">
          <thead>
            <tr>
              <th scope="col">Party</th>
              {EMOTIONS.map((e) => <th scope="col" key={e}>{e}</th>)}
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((r) => (
              <tr key={r.role} data-testid={`prior-${r.role}`}>
                <th scope="row">{r.role}</th>
                {EMOTIONS.map((e) => (
                  <td key={e} title={r.priors ? `estimated base rate ${formatPercent(r.priors[e], 1)}` : undefined}>
                    {r.weights[e].toFixed(2)}{r.priors && <span className="small muted"> ({formatPercent(r.priors[e], 0)})</span>}
                  </td>
                ))}
                <td>{sourceOf(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" disabled={busy || working} onClick={() => void estimate()}>
        {working ? 'Estimating…' : 'Estimate from the library'}
      </button>
    </section>
  );
}
