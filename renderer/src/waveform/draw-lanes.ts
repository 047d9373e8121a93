import type { LabelValue, PartyRole } from '../../../electron/shared/domain';
import { firstVisibleIndex, type EffectiveRegion } from '../features/call/region-model';
import { EMOTION_COLORS, EMOTION_TEXT, labelText, withAlpha } from '../ui/palette';
import { rulerTicks } from './ruler-ticks';

/** The visible window of the waveform, in the scroll container's CSS pixels. */
export interface ViewWindow {
  /** Time at the left edge of the view. */
  start: number;
  pxPerSec: number;
  width: number;
}

export interface LaneData {
  channel: number;
  role: PartyRole;
  regions: EffectiveRegion[];
  longest: number;
}

export interface Preview {
  channel: number;
  start: number;
  end: number;
  /** The region being resized; absent while drawing a new one. */
  key?: string;
}

export interface DrawState {
  lanes: LaneData[];
  laneHeight: number;
  selectedKey: string | null;
  /** Chips chosen in the scrub bar; empty means every emotion. */
  activeEmotions: ReadonlySet<LabelValue>;
  preview: Preview | null;
  playhead: number;
  loop: { start: number; end: number } | null;
}

const BAND = 14;
const MODEL_STRIP = 5;

/**
 * Draws only the regions inside the view, so the cost follows what is on screen rather than the call's
 * length: 2,000 regions cost nothing until they scroll into view. This replaces wavesurfer's Regions
 * plugin, whose per-region DOM elements slow down with hundreds of regions.
 */
export function drawLanes(ctx: CanvasRenderingContext2D, view: ViewWindow, state: DrawState): void {
  const { laneHeight } = state;
  const height = laneHeight * state.lanes.length;
  ctx.clearRect(0, 0, view.width, height);
  const end = view.start + view.width / view.pxPerSec;
  const x = (time: number) => (time - view.start) * view.pxPerSec;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  let selection: { left: number; width: number; top: number } | null = null;

  for (const [laneIndex, lane] of state.lanes.entries()) {
    const top = laneIndex * laneHeight;
    if (laneIndex > 0) {
      ctx.fillStyle = 'rgba(0,0,0,0.25)';
      ctx.fillRect(0, top, view.width, 1);
    }
    for (let i = firstVisibleIndex(lane.regions, view.start, lane.longest); i < lane.regions.length; i += 1) {
      const region = lane.regions[i];
      if (region.start > end) break;
      if (region.end < view.start) continue;
      const isPreviewed = state.preview?.key === region.key;
      const from = x(isPreviewed ? state.preview!.start : region.start);
      const to = x(isPreviewed ? state.preview!.end : region.end);
      drawRegion(ctx, region, from, Math.max(1, to - from), top, laneHeight, state);
      if (region.key === state.selectedKey) selection = { left: from, width: Math.max(1, to - from), top };
    }
    batch.flush(ctx);
    drawLabels(ctx);
    if (state.preview && !state.preview.key && state.preview.channel === lane.channel) {
      const from = x(state.preview.start);
      ctx.fillStyle = 'rgba(20, 20, 20, 0.18)';
      ctx.fillRect(from, top, x(state.preview.end) - from, laneHeight);
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = '#111';
      ctx.strokeRect(from + 0.5, top + 0.5, x(state.preview.end) - from - 1, laneHeight - 1);
      ctx.setLineDash([]);
    }
  }

  if (selection) drawSelection(ctx, selection.left, selection.width, selection.top, laneHeight);
  if (state.loop) {
    ctx.fillStyle = 'rgba(0, 0, 0, 0.08)';
    ctx.fillRect(x(state.loop.start), 0, (state.loop.end - state.loop.start) * view.pxPerSec, height);
  }
  const playheadX = Math.round(x(state.playhead)) + 0.5;
  if (playheadX >= 0 && playheadX <= view.width) {
    ctx.fillStyle = '#111';
    ctx.fillRect(playheadX - 1, 0, 2, height);
  }
}

/** Fill styles by emotion and quantised alpha, so thousands of regions build no strings per frame. */
const styleCache = new Map<string, string>();
function style(color: string, alpha: number): string {
  const key = `${color}${Math.round(alpha * 40)}`;
  let value = styleCache.get(key);
  if (!value) styleCache.set(key, (value = withAlpha(color, Math.round(alpha * 40) / 40)));
  return value;
}

/** Rectangles grouped by fill style and filled once per style: few state changes however many regions. */
class RectBatch {
  private readonly rects = new Map<string, number[]>();

  add(fill: string, x: number, y: number, w: number, h: number): void {
    let list = this.rects.get(fill);
    if (!list) this.rects.set(fill, (list = []));
    list.push(x, y, w, h);
  }

  flush(ctx: CanvasRenderingContext2D): void {
    for (const [fill, list] of this.rects) {
      ctx.fillStyle = fill;
      ctx.beginPath();
      for (let i = 0; i < list.length; i += 4) ctx.rect(list[i], list[i + 1], list[i + 2], list[i + 3]);
      ctx.fill();
    }
    this.rects.clear();
  }
}

const batch = new RectBatch();

function drawRegion(ctx: CanvasRenderingContext2D, region: EffectiveRegion, left: number, width: number, top: number, laneHeight: number, state: DrawState): void {
  const dimmed = state.activeEmotions.size > 0 && !state.activeEmotions.has(region.emotion);
  const color = EMOTION_COLORS[region.emotion];
  // Confidence as opacity: a faint region is one the model was unsure of.
  batch.add(style(color, dimmed ? 0.04 : 0.1 + 0.22 * region.confidence), left, top + BAND, width, laneHeight - BAND);
  batch.add(style(color, dimmed ? 0.15 : 0.35 + 0.65 * region.confidence), left, top, width, BAND);
  // The model's own call, kept visible under a correction ("show both").
  if (region.source === 'human' && region.prediction) batch.add(style(EMOTION_COLORS[region.prediction.emotion], 0.9), left, top + laneHeight - MODEL_STRIP, width, MODEL_STRIP);
  // Outlines and names only where there is room for them (zoomed out, regions are slivers).
  if (width < 3) return;
  if (region.source === 'human') {
    ctx.setLineDash([5, 3]);
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 1;
    ctx.strokeRect(left + 0.5, top + 0.5, width - 1, laneHeight - 1);
    ctx.setLineDash([]);
  }
  if (width > 46 && !dimmed) labels.push({ region, left, top, width });
}

const labels: Array<{ region: EffectiveRegion; left: number; top: number; width: number }> = [];

function drawLabels(ctx: CanvasRenderingContext2D): void {
  for (const { region, left, top, width } of labels) {
    ctx.fillStyle = EMOTION_TEXT[region.emotion];
    const text = region.source === 'human' ? `${region.label?.kind === 'agreement' ? '✓' : '✎'} ${labelText(region.emotion)}` : `${region.emotion} ${Math.round(region.confidence * 100)}%`;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, BAND);
    ctx.clip();
    ctx.fillText(text, left + 4, top + BAND / 2 + 0.5);
    ctx.restore();
  }
  labels.length = 0;
}

function drawSelection(ctx: CanvasRenderingContext2D, left: number, width: number, top: number, laneHeight: number): void {
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#000';
  ctx.strokeRect(left + 1.5, top + 1.5, Math.max(1, width - 3), laneHeight - 3);
  ctx.fillStyle = '#000';
  ctx.fillRect(left - 1, top + laneHeight / 2 - 10, 4, 20);
  ctx.fillRect(left + width - 3, top + laneHeight / 2 - 10, 4, 20);
  ctx.lineWidth = 1;
}

/** The time ruler above the lanes, same window as the lanes. */
export function drawRuler(ctx: CanvasRenderingContext2D, view: ViewWindow, height: number): void {
  ctx.clearRect(0, 0, view.width, height);
  ctx.fillStyle = '#444';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (const tick of rulerTicks(view)) {
    ctx.fillRect(tick.x, tick.major ? 0 : height - 5, 1, tick.major ? height : 5);
    if (tick.label) ctx.fillText(tick.label, tick.x + 3, 2);
  }
}
