import { useEffect, useRef, type MutableRefObject } from 'react';
import type { LabelValue, PartyRole } from '../../../electron/shared/domain';
import { capitalise } from '../ui/palette';
import type { LaneData } from './draw-lanes';
import { SpectrogramLane, type FetchSpectrogram } from './spectrogram-lane';
import { WaveformController, type WaveformCallbacks, type WaveformSource } from './waveform-controller';

interface WaveformProps {
  source: WaveformSource;
  parties: Array<{ channel: number; role: PartyRole }>;
  lanes: LaneData[];
  selectedKey: string | null;
  activeEmotions: ReadonlySet<LabelValue>;
  callbacks: WaveformCallbacks;
  controllerRef: MutableRefObject<WaveformController | null>;
  /** Shows a spectrogram lane per party (the visible range, fetched from the services); null hides it. */
  spectrogram: FetchSpectrogram | null;
}

const SPECTROGRAM_HEIGHT = 96;
/** Frequency axis of the spectrogram lanes (0–4 kHz, telephone band), top to bottom, at the lines drawn on them. */
const AXIS = ['4k', '3k', '2k', '1k', '0'];

/** Mounts the controller once per call; later prop changes are pushed to it, never re-creating wavesurfer. */
export function Waveform({ source, parties, lanes, selectedKey, activeEmotions, callbacks, controllerRef, spectrogram }: WaveformProps) {
  const lanesRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const rulerRef = useRef<HTMLCanvasElement>(null);
  const minimapRef = useRef<HTMLDivElement>(null);
  const overviewRef = useRef<HTMLCanvasElement>(null);
  const spectrogramRefs = useRef<Array<HTMLCanvasElement | null>>([]);
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
      onRange: (range) => latest.current.onRange(range),
    };
    const controller = new WaveformController(host, source, forward);
    controllerRef.current = controller;
    return () => {
      controller.destroy();
      if (controllerRef.current === controller) controllerRef.current = null;
    };
  }, [source, controllerRef]);

  // After the controller's effect (same component, declared later), so the controller exists.
  useEffect(() => {
    const controller = controllerRef.current;
    if (!spectrogram || !controller) return;
    const spectrogramLanes = parties.flatMap((party, index) => {
      const canvas = spectrogramRefs.current[index];
      return canvas ? [new SpectrogramLane(canvas, party.channel, source.duration, SPECTROGRAM_HEIGHT, spectrogram)] : [];
    });
    const unsubscribe = controller.onView((view, playhead) => spectrogramLanes.forEach((lane) => lane.show(view, playhead)));
    return () => {
      unsubscribe();
      spectrogramLanes.forEach((lane) => lane.destroy());
    };
  }, [spectrogram, parties, source, controllerRef]);

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
      {spectrogram && (
        <div className="waveform-row" data-testid="spectrogram">
          <ul className="lane-gutter" aria-label="Spectrogram lanes, 0 to 4 kHz">
            {parties.map((party) => (
              <li key={party.channel} className="spectrogram-gutter" style={{ height: SPECTROGRAM_HEIGHT }}>
                <span className="spectrogram-role">{capitalise(party.role)}</span>
                <span className="spectrogram-axis" aria-hidden="true" title="kHz">
                  {AXIS.map((label) => <span key={label}>{label}</span>)}
                </span>
              </li>
            ))}
          </ul>
          <div className="spectrogram-lanes">
            {parties.map((party, index) => (
              <canvas key={party.channel} ref={(canvas) => { spectrogramRefs.current[index] = canvas; }} className="spectrogram-lane" data-testid={`spectrogram-${party.role}`}
                role="img" aria-label={`Spectrogram of the ${party.role}, 0 to 4 kHz, for the visible time range`} style={{ height: SPECTROGRAM_HEIGHT }} />
            ))}
          </div>
        </div>
      )}
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
