import type { EffectiveRegion } from '../features/call/region-model';
import { MIN_REGION_S } from '../features/call/edit-commands';
import type { DrawState, Preview, ViewWindow } from './draw-lanes';

export interface LanePointerOptions {
  view(): ViewWindow;
  /** Live draw state (lanes, selection) owned by the controller. */
  state: DrawState;
  duration: number;
  onPreview(preview: Preview | null): void;
  onSelect(key: string | null): void;
  onSeek(time: number): void;
  onResize(key: string, start: number, end: number): void;
  onDraw(channel: number, start: number, end: number): void;
  /** Once per frame: the zoom factor (ctrl+wheel) around `anchorX`, and pixels to scroll (wheel). */
  onWheel(zoom: number, anchorX: number, scroll: number): void;
  /** Shift+drag chose a time range (live while dragging; `done` on release; null: cleared). */
  onRange(range: { start: number; end: number } | null, done: boolean): void;
}

type Gesture =
  | { kind: 'press'; x: number; time: number; channel: number; region: EffectiveRegion | null }
  | { kind: 'resize'; region: EffectiveRegion; edge: 'start' | 'end'; start: number; end: number }
  | { kind: 'draw'; channel: number; anchor: number; start: number; end: number }
  | { kind: 'range'; anchor: number; start: number; end: number };

const EDGE_PX = 6;
const DRAG_PX = 5;

/**
 * Mouse and pen on the lanes: click selects a region and seeks; dragging a selected region's edge
 * resizes it; dragging across empty waveform draws a new region; Shift+drag anywhere chooses a
 * time range to play or loop (no label is made). Wheel scrolls, ctrl+wheel zooms.
 */
export class LanePointer {
  private gesture: Gesture | null = null;
  /** Wheel input summed until the next frame: trackpads send several events per frame. */
  private pendingWheel = { zoom: 1, anchorX: 0, scroll: 0 };
  private wheelFrame = 0;
  private readonly listeners: Array<[keyof HTMLElementEventMap, (event: never) => void]>;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly options: LanePointerOptions) {
    this.listeners = [
      ['pointerdown', (event: PointerEvent) => this.down(event)],
      ['pointermove', (event: PointerEvent) => this.move(event)],
      ['pointerup', (event: PointerEvent) => this.up(event)],
      ['pointercancel', () => this.cancel()],
      ['wheel', (event: WheelEvent) => this.wheel(event)],
    ];
    for (const [type, listener] of this.listeners) canvas.addEventListener(type, listener as EventListener, { passive: type !== 'wheel' });
  }

  destroy(): void {
    cancelAnimationFrame(this.wheelFrame);
    for (const [type, listener] of this.listeners) this.canvas.removeEventListener(type, listener as EventListener);
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    const pending = this.pendingWheel;
    if (event.ctrlKey || event.metaKey) {
      pending.zoom *= Math.exp(-event.deltaY * 0.0025);
      pending.anchorX = event.clientX - this.canvas.getBoundingClientRect().left;
    } else {
      pending.scroll += Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : event.deltaY;
    }
    this.wheelFrame ||= requestAnimationFrame(() => {
      this.wheelFrame = 0;
      const { zoom, anchorX, scroll } = this.pendingWheel;
      this.pendingWheel = { zoom: 1, anchorX: 0, scroll: 0 };
      this.options.onWheel(zoom, anchorX, scroll);
    });
  }

  private locate(event: PointerEvent): { x: number; time: number; laneIndex: number } {
    const rect = this.canvas.getBoundingClientRect();
    const view = this.options.view();
    const x = event.clientX - rect.left;
    const laneIndex = Math.floor((event.clientY - rect.top) / this.options.state.laneHeight);
    const time = Math.max(0, Math.min(this.options.duration, view.start + x / view.pxPerSec));
    return { x, time, laneIndex: Math.max(0, Math.min(this.options.state.lanes.length - 1, laneIndex)) };
  }

  private regionAt(laneIndex: number, time: number): EffectiveRegion | null {
    const lane = this.options.state.lanes[laneIndex];
    if (!lane) return null;
    // Latest-starting wins where labels overlap: that is the one drawn on top.
    let found: EffectiveRegion | null = null;
    for (const region of lane.regions) {
      if (region.start > time) break;
      if (region.end >= time) found = region;
    }
    return found;
  }

  private down(event: PointerEvent): void {
    if (event.button !== 0) return;
    const { x, time, laneIndex } = this.locate(event);
    const lane = this.options.state.lanes[laneIndex];
    if (!lane) return;
    this.canvas.setPointerCapture(event.pointerId);
    if (event.shiftKey) {
      this.gesture = { kind: 'range', anchor: time, start: time, end: time };
      return;
    }
    const view = this.options.view();
    const selected = lane.regions.find((region) => region.key === this.options.state.selectedKey);
    if (selected) {
      const toX = (t: number) => (t - view.start) * view.pxPerSec;
      const edge = Math.abs(x - toX(selected.start)) <= EDGE_PX ? 'start' : Math.abs(x - toX(selected.end)) <= EDGE_PX ? 'end' : null;
      if (edge) {
        this.gesture = { kind: 'resize', region: selected, edge, start: selected.start, end: selected.end };
        return;
      }
    }
    this.gesture = { kind: 'press', x, time, channel: lane.channel, region: this.regionAt(laneIndex, time) };
  }

  private move(event: PointerEvent): void {
    const gesture = this.gesture;
    if (!gesture) {
      this.updateCursor(event);
      return;
    }
    const { x, time } = this.locate(event);
    if (gesture.kind === 'press') {
      if (Math.abs(x - gesture.x) < DRAG_PX || gesture.region) return;
      this.gesture = { kind: 'draw', channel: gesture.channel, anchor: gesture.time, start: gesture.time, end: gesture.time };
      return this.move(event);
    }
    if (gesture.kind === 'resize') {
      if (gesture.edge === 'start') gesture.start = Math.min(time, gesture.end - MIN_REGION_S);
      else gesture.end = Math.max(time, gesture.start + MIN_REGION_S);
      this.options.onPreview({ channel: gesture.region.channel, start: gesture.start, end: gesture.end, key: gesture.region.key });
      return;
    }
    gesture.start = Math.max(0, Math.min(gesture.anchor, time));
    gesture.end = Math.min(this.options.duration, Math.max(gesture.anchor, time));
    if (gesture.kind === 'range') return this.options.onRange({ start: gesture.start, end: gesture.end }, false);
    this.options.onPreview({ channel: gesture.channel, start: gesture.start, end: gesture.end });
  }

  private up(event: PointerEvent): void {
    const gesture = this.gesture;
    this.gesture = null;
    if (this.canvas.hasPointerCapture(event.pointerId)) this.canvas.releasePointerCapture(event.pointerId);
    if (!gesture) return;
    this.options.onPreview(null);
    if (gesture.kind === 'press') {
      this.options.onSelect(gesture.region?.key ?? null);
      this.options.onSeek(gesture.time);
    } else if (gesture.kind === 'range') {
      this.options.onRange(gesture.end - gesture.start >= MIN_REGION_S ? { start: gesture.start, end: gesture.end } : null, true);
    } else if (gesture.kind === 'resize') {
      this.options.onResize(gesture.region.key, Math.max(0, gesture.start), Math.min(this.options.duration, gesture.end));
    } else if (gesture.end - gesture.start >= MIN_REGION_S) {
      this.options.onDraw(gesture.channel, gesture.start, gesture.end);
    }
  }

  private cancel(): void {
    this.gesture = null;
    this.options.onPreview(null);
  }

  private updateCursor(event: PointerEvent): void {
    const { x, laneIndex } = this.locate(event);
    const view = this.options.view();
    const selected = this.options.state.lanes[laneIndex]?.regions.find((region) => region.key === this.options.state.selectedKey);
    const near = selected && [selected.start, selected.end].some((t) => Math.abs(x - (t - view.start) * view.pxPerSec) <= EDGE_PX);
    this.canvas.style.cursor = near ? 'ew-resize' : 'crosshair';
  }
}
