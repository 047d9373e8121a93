import type { Settings } from '../../../../electron/shared/contract';
import { errorMessage } from '../../api';
import type { CallNeighbours } from './call-navigation';
import { useCallData } from './use-call-data';
import { CallWorkspace } from './CallWorkspace';

interface CallViewProps {
  id: string;
  settings: Settings | null;
  onNeedReviewer: () => void;
  onHelp: () => void;
  neighbours: CallNeighbours;
}

export function CallView({ id, settings, onNeedReviewer, onHelp, neighbours }: CallViewProps) {
  const call = useCallData(id);
  if (call.error) {
    return (
      <section className="call" aria-label="Call">
        <p role="alert" className="error">
          Cannot open this call: {errorMessage(call.error)}
        </p>
        <a href="#/">Back to the library</a>
      </section>
    );
  }
  if (!call.data) return <p className="muted loading">Opening call…</p>;
  return <CallWorkspace key={id} call={call} data={call.data} settings={settings} onNeedReviewer={onNeedReviewer} onHelp={onHelp} neighbours={neighbours} />;
}
