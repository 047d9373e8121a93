import WaveSurfer from 'wavesurfer.js';
import Minimap from 'wavesurfer.js/plugins/minimap';
import type { LabelValue } from '../../../electron/shared/domain';
import { PartyRouting } from './audio-routing';
import { drawLanes, drawRuler, type DrawState, type LaneData, type Preview, type ViewWindow } from './draw-lanes';
import { fitCanvas } from './canvas-size';
import { LanePointer } from './lane-pointer';
import { OverviewStrip } from './overview-strip';
import { revealStart } from './reveal';
import type { PeaksSource } from './peaks-source';

export interface WaveformHost {
  lanes: HTMLElement;
  overlay: HTMLCanvasElement;
  ruler: HTMLCanvasElement;
  minimap: HTMLElement;
  overview: HTMLCanvasElement;
}

export interface WaveformSource {
  mediaUrl: string;
  peaks: PeaksSource;
  duration: number;
  laneHeight: number;
}

export interface WaveformCallbacks {
  onSelect(key: string | null): void;
  onResize(key: string, start: number, end: number): void;
  onDraw(channel: number, start: number, end: number): void;
  onTime(time: number): void;
  onPlaying(playing: boolean): void;
  onZoom(pxPerSec: number, fitted: boolean): void;
  onDrawn(): void;
  onError(message: string): void;
  /** A Shift+drag range was chosen (or cleared: null). */
  onRange(range: { start: number; end: number } | null): void;
}

const RULER_HEIGHT = 20;
export const MAX_PX_PER_SEC = 800;
/** How long a zoom or scroll must settle before finer peaks are fetched for it. */
const DETAIL_DELAY_MS = 120;

/**
 * Owns the wavesurfer instance (one instance, one lane per channel via splitChannels, peaks given, audio
 * streamed from a media element) and the canvas overlay with the emotion regions. It lives outside
 * React so that scrolling, zooming and playback never re-render components.
 */
export class WaveformController {
  readonly media: HTMLAudioElement;
  private readonly ws: WaveSurfer;
  private readonly routing: PartyRouting;
  private readonly pointer: LanePointer;
  private readonly overview: OverviewStrip;
  private readonly state: DrawState = { lanes: [], laneHeight: 0, selectedKey: null, activeEmotions: new Set(), preview: null, playhead: 0, loop: null, range: null };
  private frame = 0;
  private drawnOnce = false;
  private lastTimeReport = 0;
  private readonly resizeObserver: ResizeObserver;
  private detailTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private readonly viewListeners = new Set<(view: ViewWindow, playhead: number) => void>();

  constructor(private readonly host: WaveformHost, private readonly source: WaveformSource, private readonly callbacks: WaveformCallbacks) {
    this.state.laneHeight = source.laneHeight;
    this.media = document.createElement('audio');
    this.media.preload = 'metadata';
    // Same-origin over HTTP; for the desktop protocol this lets WebAudio read the samples (solo).
    this.media.crossOrigin = 'anonymous';
    this.routing = new PartyRouting(this.media);
    const channelStyle = { waveColor: '#6b7785', progressColor: '#38414b' };
    this.ws = WaveSurfer.create({
      container: host.lanes,
      height: source.laneHeight,
      splitChannels: source.peaks.channels.map(() => channelStyle),
      waveColor: channelStyle.waveColor,
      progressColor: channelStyle.progressColor,
      cursorColor: 'transparent',
      media: this.media,
      url: source.mediaUrl,
      peaks: source.peaks.channels,
      duration: source.duration,
      interact: false,
      hideScrollbar: true,
      autoScroll: true,
      autoCenter: true,
      plugins: [
        Minimap.create({
          container: host.minimap,
          height: 18,
          splitChannels: source.peaks.channels.map(() => ({ waveColor: '#9aa5b1', progressColor: '#56616d' })),
          overlayColor: 'rgba(0, 114, 178, 0.22)',
          cursorColor: '#111',
        }),
      ],
    });
    this.ws.on('ready', () => this.requestDraw());
    this.ws.on('redraw', () => this.requestDraw());
    this.ws.on('scroll', () => this.onViewChange());
    this.ws.on('zoom', () => this.onViewChange());
    this.ws.on('timeupdate', (time) => this.onTime(time));
    this.ws.on('play', () => callbacks.onPlaying(true));
    this.ws.on('pause', () => callbacks.onPlaying(false));
    this.ws.on('finish', () => callbacks.onPlaying(false));
    this.ws.on('error', (error) => callbacks.onError(`audio: ${error.message}`));
    this.pointer = new LanePointer(host.overlay, {
      view: () => this.view(),
      state: this.state,
      duration: source.duration,
      onPreview: (preview: Preview | null) => {
        this.state.preview = preview;
        this.requestDraw();
      },
      onSelect: callbacks.onSelect,
      onSeek: (time) => this.setTime(time),
      onResize: callbacks.onResize,
      onDraw: callbacks.onDraw,
      onWheel: (zoom, anchorX, scroll) => this.applyWheel(zoom, anchorX, scroll),
      onRange: (range, done) => {
        this.state.range = range;
        this.requestDraw();
        if (done) callbacks.onRange(range);
      },
    });
    this.overview = new OverviewStrip(host.overview, source.duration, (time) => {
      this.setTime(time);
      this.reveal(time, time);
    });
    this.resizeObserver = new ResizeObserver(() => this.requestDraw());
    this.resizeObserver.observe(host.lanes);
  }

  setLanes(lanes: LaneData[]): void {
    this.state.lanes = lanes;
    this.overview.setLanes(lanes);
    this.requestDraw();
  }

  setSelection(key: string | null): void {
    this.state.selectedKey = key;
    this.requestDraw();
  }

  setActiveEmotions(emotions: ReadonlySet<LabelValue>): void {
    this.state.activeEmotions = emotions;
    this.requestDraw();
  }

  /** Called with the view and playhead every time the lanes are drawn (lanes below follow zoom, scroll, playback); returns the unsubscribe. */
  onView(listener: (view: ViewWindow, playhead: number) => void): () => void {
    this.viewListeners.add(listener);
    this.requestDraw();
    return () => this.viewListeners.delete(listener);
  }

  getTime(): number {
    return this.ws.getCurrentTime();
  }

  setTime(time: number): void {
    this.ws.setTime(Math.max(0, Math.min(this.source.duration, time)));
    this.onTime(this.ws.getCurrentTime());
  }

  togglePlay(): void {
    this.state.loop = null;
    void this.ws.playPause();
  }

  pause(): void {
    this.ws.pause();
  }

  /** Plays one region, once or looping until paused. */
  playRegion(start: number, end: number, loop: boolean): void {
    this.state.loop = loop ? { start, end } : null;
    this.ws.setTime(start);
    void this.ws.play(start, loop ? undefined : end);
    this.requestDraw();
  }

  /** Ends a loop (and its playback); true when there was one. */
  stopLoop(): boolean {
    if (!this.state.loop) return false;
    this.state.loop = null;
    this.ws.pause();
    this.requestDraw();
    return true;
  }

  clearRange(): void {
    this.state.range = null;
    this.requestDraw();
  }

  setRate(rate: number): void {
    this.ws.setPlaybackRate(rate, true);
  }

  solo(channel: number | null): void {
    this.routing.solo(channel);
  }

  /** Pixels per second shown now (fitted or zoomed). */
  pxPerSec(): number {
    return this.view().pxPerSec;
  }

  fitPxPerSec(): number {
    return this.ws.getWidth() / this.source.duration;
  }

  /** Zooms by `factor` keeping `anchorTime` (default: the playhead) where it is on screen. */
  zoomBy(factor: number, anchorTime = this.getTime(), anchorX?: number): void {
    const before = this.view();
    const fit = this.fitPxPerSec();
    const target = Math.min(MAX_PX_PER_SEC, before.pxPerSec * factor);
    const x = anchorX ?? Math.min(before.width, Math.max(0, (anchorTime - before.start) * before.pxPerSec));
    if (target <= fit * 1.01) {
      this.ws.zoom(0);
      this.callbacks.onZoom(fit, true);
    } else {
      this.ws.zoom(target);
      this.ws.setScroll(Math.max(0, anchorTime * target - x));
      this.callbacks.onZoom(target, false);
    }
    this.requestDraw();
  }

  fit(): void {
    this.ws.zoom(0);
    this.callbacks.onZoom(this.fitPxPerSec(), true);
    this.requestDraw();
  }

  /** Scrolls so that [start, end] shows with context (centred), unless it already sits well inside. */
  reveal(start: number, end: number): void {
    const view = this.view();
    const left = revealStart(view, start, end, this.source.duration);
    if (left === null) return;
    this.ws.setScroll(Math.round(left * view.pxPerSec));
    this.requestDraw();
  }

  destroy(): void {
    this.destroyed = true;
    this.viewListeners.clear();
    clearTimeout(this.detailTimer);
    cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    this.pointer.destroy();
    this.routing.destroy();
    this.ws.destroy();
    this.media.removeAttribute('src');
    this.media.load();
  }

  private view(): ViewWindow {
    const width = this.ws.getWidth();
    const total = this.ws.getWrapper().scrollWidth || width;
    const pxPerSec = total / this.source.duration;
    return { start: this.ws.getScroll() / pxPerSec, pxPerSec, width };
  }

  /** Zoom or scroll: redraw now, and fetch the finer peaks for what is on screen once it settles. */
  private onViewChange(): void {
    this.requestDraw();
    clearTimeout(this.detailTimer);
    this.detailTimer = setTimeout(() => {
      const view = this.view();
      if (!Number.isFinite(view.pxPerSec) || view.width <= 0) return;
      const span = view.width / view.pxPerSec;
      // A screen either side, so a short scroll finds its samples already there.
      this.source.peaks.ensure(view.start - span, view.start + 2 * span, view.pxPerSec).then(
        (patched) => {
          // The arrays were patched in place: re-render with the same data object.
          if (patched && !this.destroyed) this.ws.setOptions({});
        },
        (error: unknown) => this.callbacks.onError(`waveform: ${(error as Error).message}`),
      );
    }, DETAIL_DELAY_MS);
  }

  private onTime(time: number): void {
    this.state.playhead = time;
    if (this.state.loop && time >= this.state.loop.end) this.ws.setTime(this.state.loop.start);
    this.requestDraw();
    const now = performance.now();
    // React hears about time at ~10 Hz; the canvas follows every frame.
    if (now - this.lastTimeReport > 100 || !this.ws.isPlaying()) {
      this.lastTimeReport = now;
      this.callbacks.onTime(time);
    }
  }

  /** One frame's summed wheel input (see LanePointer). */
  private applyWheel(zoom: number, anchorX: number, scroll: number): void {
    if (zoom !== 1) {
      const view = this.view();
      this.zoomBy(zoom, view.start + anchorX / view.pxPerSec, anchorX);
    }
    if (scroll !== 0) this.ws.setScroll(this.ws.getScroll() + scroll);
    this.draw();
  }

  private requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const view = this.view();
    if (!Number.isFinite(view.pxPerSec) || view.width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    const height = this.state.laneHeight * Math.max(1, this.state.lanes.length);
    const { overlay, ruler } = this.host;
    fitCanvas(overlay, view.width, height, ratio);
    fitCanvas(ruler, view.width, RULER_HEIGHT, ratio);
    const laneContext = overlay.getContext('2d');
    const rulerContext = ruler.getContext('2d');
    if (!laneContext || !rulerContext) return;
    laneContext.setTransform(ratio, 0, 0, ratio, 0, 0);
    rulerContext.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawLanes(laneContext, view, this.state);
    // The window drawn, readable by tests and assistive tooling without touching wavesurfer.
    overlay.dataset.viewStart = view.start.toFixed(3);
    overlay.dataset.pxPerSec = view.pxPerSec.toFixed(3);
    overlay.dataset.range = this.state.range ? `${this.state.range.start.toFixed(3)}-${this.state.range.end.toFixed(3)}` : '';
    drawRuler(rulerContext, view, RULER_HEIGHT);
    this.overview.draw(view, this.state.playhead);
    for (const listener of this.viewListeners) listener(view, this.state.playhead);
    if (!this.drawnOnce && this.state.lanes.length > 0 && this.ws.getDecodedData()) {
      this.drawnOnce = true;
      this.callbacks.onDrawn();
    }
  }
}
