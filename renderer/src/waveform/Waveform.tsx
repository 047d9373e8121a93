import { useEffect, useRef, type MutableRefObject } from 'react';
import type { LabelValue, PartyRole } from '../../../electron/shared/domain';
import { capitalise } from '../ui/palette';
import type { LaneData } from './draw-lanes';
import { WaveformController, type WaveformCallbacks, type WaveformSource } from './waveform-controller';

interface WaveformProps {
  source: WaveformSource;
  parties: Array<{ channel: number; role: PartyRole }>;
  lanes: LaneData[];
  selectedKey: string | null;
  activeEmotions: ReadonlySet<LabelValue>;
  callbacks: WaveformCallbacks;
  controllerRef: MutableRefObject<WaveformController | null>;
}

/** Mounts the controller once per call; later prop changes are pushed to it, never re-creating wavesurfer. */
export function Waveform({ source, parties, lanes, selectedKey, activeEmotions, callbacks, controllerRef }: WaveformProps) {
  const lanesRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const rulerRef = useRef<HTMLCanvasElement>(null);
  const minimapRef = useRef<HTMLDivElement>(null);
  const overviewRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef(callbacks);
  latest.current = callbacks;

  useEffect(() => {
    const host = { lanes: lanesRef.current!, overlay: overlayRef.current!, ruler: rulerRef.current!, minimap: minimapRef.current!, overview: overviewRef.current! };
    const forward: WaveformCallbacks = {
      onSelect: (key) => latest.current.onSelect(key),
      onResize: (key, start, end) => latest.current.onResize(key, start, end),
      onDraw: (channel, start, end) => latest.current.onDraw(channel, start, end),
      onTime: (time) => latest.current.onTime(time),
      onPlaying: (playing) => latest.current.onPlaying(playing),
      onZoom: (pxPerSec, fitted) => latest.current.onZoom(pxPerSec, fitted),
      onDrawn: () => latest.current.onDrawn(),
      onError: (message) => latest.current.onError(message),
    };
    const controller = new WaveformController(host, source, forward);
    controllerRef.current = controller;
    return () => {
      controller.destroy();
      if (controllerRef.current === controller) controllerRef.current = null;
    };
  }, [source, controllerRef]);

  useEffect(() => controllerRef.current?.setLanes(lanes), [lanes, controllerRef, source]);
  useEffect(() => controllerRef.current?.setSelection(selectedKey), [selectedKey, controllerRef, source]);
  useEffect(() => controllerRef.current?.setActiveEmotions(activeEmotions), [activeEmotions, controllerRef, source]);

  const height = source.laneHeight * parties.length;
  return (
    <div className="waveform" role="group" aria-label="Waveform with emotion regions">
      <div className="waveform-row">
        <div className="lane-gutter" aria-hidden="true" style={{ height: 20 }} />
        <canvas ref={rulerRef} className="ruler" aria-hidden="true" />
      </div>
      <div className="waveform-row">
        <ul className="lane-gutter" aria-label="Parties">
          {parties.map((party) => (
            <li key={party.channel} style={{ height: source.laneHeight }} data-testid={`lane-${party.role}`}>
              {capitalise(party.role)}
            </li>
          ))}
        </ul>
        <div className="lanes" style={{ height }}>
          <div ref={lanesRef} className="lanes-wave" />
          <canvas ref={overlayRef} className="lanes-overlay" data-testid="lanes-overlay" aria-hidden="true" />
        </div>
      </div>
      <div className="waveform-row">
        <span className="lane-gutter small">Minimap</span>
        <div ref={minimapRef} className="minimap" aria-label="Minimap: click to move" />
      </div>
      <div className="waveform-row">
        <span className="lane-gutter small">Emotions</span>
        <canvas ref={overviewRef} className="overview" role="img" aria-label="Overview of each party's emotions over the whole call; click to move there" />
      </div>
    </div>
  );
}
