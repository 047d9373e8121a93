import { MAX_SPECTROGRAM_COLUMNS, MAX_SPECTROGRAM_SPAN_S, SPECTROGRAM_BINS, SPECTROGRAM_MAX_HZ, SPECTROGRAM_SPAN_MESSAGE, spectrogramColumns } from '../../../electron/shared/spectrogram';
import { fitCanvas } from './canvas-size';
import type { ViewWindow } from './draw-lanes';
import { columnsToPixels } from './spectrogram-colours';

/** One party's columns for [startS, endS] (`recordings.spectrogram`). */
export type FetchSpectrogram = (channel: number, startS: number, endS: number, columns: number) => Promise<Uint8Array>;

export interface SpectrogramRequest {
  startS: number;
  endS: number;
  columns: number;
}

/** How long a zoom or scroll must settle before the new range is asked for. */
const REQUEST_DELAY_MS = 150;
const MAX_WAIT_MS = 500;

/** The visible part of the call, one column per device pixel (capped); 'too-long' past the range limit. */
export function spectrogramRequest(view: ViewWindow, duration: number, ratio: number): SpectrogramRequest | 'too-long' | null {
  const startS = Math.max(0, view.start);
  const endS = Math.min(duration, view.start + view.width / view.pxPerSec);
  if (!(endS > startS) || view.width <= 0) return null;
  if (endS - startS > MAX_SPECTROGRAM_SPAN_S) return 'too-long';
  const columns = Math.max(1, Math.min(MAX_SPECTROGRAM_COLUMNS, Math.round((endS - startS) * view.pxPerSec * Math.min(2, ratio))));
  return { startS, endS, columns };
}

function sameRequest(a: SpectrogramRequest | null, b: SpectrogramRequest): boolean {
  const tolerance = (b.endS - b.startS) / b.columns / 2;
  return a !== null && a.columns === b.columns && Math.abs(a.startS - b.startS) < tolerance && Math.abs(a.endS - b.endS) < tolerance;
}

/**
 * One party's spectrogram canvas. Every frame the lanes draw, it redraws the last image where its
 * time range now lies (so it stays aligned while zooming and scrolling), and once the view settles
 * it asks for the visible range again. Its state and drawn range are in data attributes for tests.
 */
export class SpectrogramLane {
  private image: { request: SpectrogramRequest; bitmap: HTMLCanvasElement } | null = null;
  private asked: SpectrogramRequest | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waitingSince = 0;
  private sequence = 0;
  private view: ViewWindow | null = null;
  private playhead = 0;
  /** Shown instead of the image: why there is none. */
  private message: string | null = null;
  private destroyed = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly channel: number,
    private readonly duration: number,
    private readonly height: number,
    private readonly fetch: FetchSpectrogram,
  ) {
    canvas.dataset.state = 'waiting';
    canvas.dataset.requests = '0';
  }

  /**
   * The lanes were drawn with `view` (every frame while playing): the playhead is repainted, the
   * image moved, and the range asked for again only when the view moved.
   */
  show(view: ViewWindow, playhead: number): void {
    const last = this.view;
    const moved = !last || last.start !== view.start || last.pxPerSec !== view.pxPerSec || last.width !== view.width;
    if (!moved && playhead === this.playhead) return;
    this.view = view;
    this.playhead = playhead;
    this.paint();
    if (!moved) return;
    // Debounced, but a view that keeps moving (playback scrolling along) is still served twice a second.
    const now = performance.now();
    if (this.timer !== undefined && now - this.waitingSince > MAX_WAIT_MS) return;
    if (this.timer === undefined) this.waitingSince = now;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.request();
    }, REQUEST_DELAY_MS);
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
  }

  private request(): void {
    const view = this.view;
    if (!view || this.destroyed) return;
    const wanted = spectrogramRequest(view, this.duration, window.devicePixelRatio || 1);
    if (wanted === null) return;
    if (wanted === 'too-long') {
      this.image = null;
      this.asked = null;
      this.canvas.dataset.state = 'too-long';
      this.message = `Spectrogram: ${SPECTROGRAM_SPAN_MESSAGE}.`;
      this.paint();
      return;
    }
    if (sameRequest(this.asked, wanted)) return;
    this.asked = wanted;
    const sequence = ++this.sequence;
    this.canvas.dataset.state = 'loading';
    this.message = null;
    this.canvas.dataset.requests = String(Number(this.canvas.dataset.requests) + 1);
    this.canvas.dataset.requested = `${wanted.startS.toFixed(3)}-${wanted.endS.toFixed(3)}`;
    this.fetch(this.channel, wanted.startS, wanted.endS, wanted.columns).then(
      (bytes) => {
        if (this.destroyed || sequence !== this.sequence) return;
        this.image = { request: wanted, bitmap: toBitmap(bytes) };
        this.message = null;
        this.canvas.dataset.state = 'drawn';
        this.canvas.dataset.range = this.canvas.dataset.requested;
        this.paint();
      },
      (error: unknown) => {
        if (this.destroyed || sequence !== this.sequence) return;
        this.asked = null;
        this.canvas.dataset.state = 'error';
        this.image = null;
        this.message = `Spectrogram not available: ${(error as Error).message}`;
        this.paint();
      },
    );
  }

  private paint(): void {
    const view = this.view;
    if (!view || view.width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    fitCanvas(this.canvas, view.width, this.height, ratio);
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = '#1b1030';
    context.fillRect(0, 0, view.width, this.height);
    if (this.message) {
      context.fillStyle = '#e8e8ee';
      context.font = '12px system-ui, sans-serif';
      context.fillText(this.message, 8, this.height / 2 + 4, view.width - 16);
      return;
    }
    if (this.image) {
      const { request, bitmap } = this.image;
      const x = (request.startS - view.start) * view.pxPerSec;
      const width = (request.endS - request.startS) * view.pxPerSec;
      context.imageSmoothingEnabled = true;
      context.drawImage(bitmap, x, 0, width, this.height);
    }
    // Faint lines at each kHz, matching the axis in the gutter.
    context.strokeStyle = 'rgba(255, 255, 255, 0.18)';
    context.lineWidth = 1;
    for (let hz = 1000; hz < SPECTROGRAM_MAX_HZ; hz += 1000) {
      const y = Math.round(this.height * (1 - hz / SPECTROGRAM_MAX_HZ)) + 0.5;
      context.beginPath();
      context.moveTo(0, y);
      context.lineTo(view.width, y);
      context.stroke();
    }
    const x = (this.playhead - view.start) * view.pxPerSec;
    if (x >= 0 && x <= view.width) {
      context.fillStyle = '#ffffff';
      context.fillRect(Math.round(x) - 1, 0, 2, this.height);
    }
  }
}

/** Columns as a small offscreen image, scaled onto the lane when painted. */
function toBitmap(bytes: Uint8Array): HTMLCanvasElement {
  const columns = Math.max(1, spectrogramColumns(bytes));
  const bitmap = document.createElement('canvas');
  bitmap.width = columns;
  bitmap.height = SPECTROGRAM_BINS;
  const context = bitmap.getContext('2d');
  if (context && spectrogramColumns(bytes) > 0) {
    const image = context.createImageData(columns, SPECTROGRAM_BINS);
    columnsToPixels(bytes, columns, SPECTROGRAM_BINS, image.data);
    context.putImageData(image, 0, 0);
  }
  return bitmap;
}
