import { EMOTION_COLORS, withAlpha } from '../ui/palette';
import { fitCanvas } from './canvas-size';
import type { LaneData, ViewWindow } from './draw-lanes';

const ROW = 10;

/**
 * Each party's emotions over the whole call, with the visible window and the playhead on top.
 * The regions are painted once into a cached canvas whenever they change; each frame only copies it.
 */
export class OverviewStrip {
  private readonly cache = document.createElement('canvas');
  private lanes: LaneData[] = [];

  constructor(private readonly canvas: HTMLCanvasElement, private readonly duration: number, onSeek: (time: number) => void) {
    canvas.addEventListener('pointerdown', (event) => {
      const rect = canvas.getBoundingClientRect();
      onSeek(((event.clientX - rect.left) / rect.width) * duration);
    });
  }

  height(): number {
    return Math.max(1, this.lanes.length) * ROW + 2;
  }

  setLanes(lanes: LaneData[]): void {
    this.lanes = lanes;
    this.cache.width = 0; // repaint on next draw
  }

  draw(view: ViewWindow, playhead: number): void {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth || view.width;
    const height = this.height();
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    // The width follows the layout (CSS 100%); only the backing store is sized here.
    if (fitCanvas(this.canvas, width, height, ratio)) {
      this.canvas.style.width = '';
      this.cache.width = 0;
    }
    if (this.cache.width !== w) this.paintCache(w, h, ratio, width);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(this.cache, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const scale = width / this.duration;
    const left = view.start * scale;
    const span = Math.max(2, (view.width / view.pxPerSec) * scale);
    ctx.strokeStyle = '#0072B2';
    ctx.lineWidth = 2;
    ctx.strokeRect(left + 1, 1, Math.min(span, width - left) - 2, height - 2);
    ctx.fillStyle = '#111';
    ctx.fillRect(playhead * scale - 1, 0, 2, height);
  }

  private paintCache(w: number, h: number, ratio: number, width: number): void {
    this.cache.width = w;
    this.cache.height = h;
    const ctx = this.cache.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#eef0f3';
    ctx.fillRect(0, 0, width, h / ratio);
    const scale = width / this.duration;
    this.lanes.forEach((lane, index) => {
      for (const region of lane.regions) {
        ctx.fillStyle = withAlpha(EMOTION_COLORS[region.emotion], 0.4 + 0.6 * region.confidence);
        ctx.fillRect(region.start * scale, 1 + index * ROW, Math.max(1, (region.end - region.start) * scale), ROW - 1);
      }
    });
  }
}
