import { describe, expect, it } from 'vitest';
import type { HumanLabel } from '../../../../../electron/shared/domain';
import { draw, merge, relabel, remove, resize, split, type LabelData, type LabelPatch } from '../../../../../renderer/src/features/call/edit-commands';
import { EditHistory, type LabelStore } from '../../../../../renderer/src/features/call/edit-history';
import { buildLanes, findRegion, nextInLane } from '../../../../../renderer/src/features/call/region-model';
import { label, prediction } from '../../fixtures';

/** An in-memory labels.* with fresh ids on every create, like the store (ids never come back). */
class FakeStore implements LabelStore {
  labels: HumanLabel[] = [];
  calls: string[] = [];
  private nextId = 100;
  failOn: string | null = null;

  async create(data: LabelData): Promise<HumanLabel> {
    this.record('create');
    const created = label(this.nextId++, data.channel, data.start, data.end, data.emotion, data.replacesRegionId);
    this.labels.push(created);
    return created;
  }

  async update(id: number, patch: LabelPatch): Promise<HumanLabel> {
    this.record('update');
    const index = this.labels.findIndex((l) => l.id === id);
    if (index < 0) throw new Error(`no label ${id}`);
    this.labels[index] = { ...this.labels[index], ...patch };
    return this.labels[index];
  }

  async remove(id: number): Promise<void> {
    this.record('delete');
    if (!this.labels.some((l) => l.id === id)) throw new Error(`no label ${id}`);
    this.labels = this.labels.filter((l) => l.id !== id);
  }

  private record(call: string): void {
    this.calls.push(call);
    if (this.failOn === call) throw new Error(`${call} failed`);
  }
}

const predictions = [prediction(1, 0, 0, 2, 'angry', 0.9), prediction(2, 0, 3, 5, 'neutral'), prediction(3, 1, 0, 4, 'sad')];

function setup() {
  const store = new FakeStore();
  const history = new EditHistory(store);
  const lanes = () => buildLanes([0, 1], predictions, store.labels);
  const region = (key: string) => findRegion(lanes(), key)!;
  return { store, history, lanes, region };
}

const summary = (labels: HumanLabel[]) => labels.map((l) => `${l.channel}:${l.start}-${l.end}:${l.emotion}:${l.replacesRegionId ?? '-'}`).sort();

describe('corrections as commands with inverses', () => {
  it('relabels a prediction with a label beside it, and undo/redo go through the store', async () => {
    const { store, history, region } = setup();
    await history.execute(relabel(region('p:1'), 'sad', history.refFor)!);
    expect(summary(store.labels)).toEqual(['0:0-2:sad:1']);
    await history.undo();
    expect(store.labels).toEqual([]);
    await history.redo();
    expect(summary(store.labels)).toEqual(['0:0-2:sad:1']);
    expect(store.calls).toEqual(['create', 'delete', 'create']);
  });

  it('follows a label through a new id when undo recreates it', async () => {
    const { store, history, region } = setup();
    const first = await history.execute(relabel(region('p:1'), 'sad', history.refFor)!);
    const id = first.selectAfter!.id!;
    await history.execute(relabel(region(`l:${id}`), 'fear', history.refFor)!);
    const deleted = await history.execute(remove(region(`l:${id}`), history.refFor)!);
    expect(store.labels).toEqual([]);
    await history.undo(); // recreates the label under a new id
    const recreated = store.labels[0].id;
    expect(recreated).not.toBe(id);
    expect(deleted.selectBefore).toMatchObject({ id: recreated });
    await history.undo(); // fear -> sad, on the recreated id
    expect(summary(store.labels)).toEqual(['0:0-2:sad:1']);
    await history.redo();
    await history.redo();
    expect(store.labels).toEqual([]);
  });

  it('splits a prediction into two labels and a label into itself and a new one', async () => {
    const { store, history, region } = setup();
    expect(split(region('p:1'), 0.05, history.refFor)).toBeNull();
    await history.execute(split(region('p:1'), 1, history.refFor)!);
    expect(summary(store.labels)).toEqual(['0:0-1:angry:1', '0:1-2:angry:1']);
    const left = store.labels.find((l) => l.end === 1)!;
    await history.execute(split(region(`l:${left.id}`), 0.5, history.refFor)!);
    expect(summary(store.labels)).toEqual(['0:0-0.5:angry:1', '0:0.5-1:angry:1', '0:1-2:angry:1']);
    await history.undo();
    await history.undo();
    expect(store.labels).toEqual([]);
  });

  it('merges with the next region in the lane, hiding a prediction and deleting a label', async () => {
    const { store, history, lanes, region } = setup();
    await history.execute(merge(region('p:1'), nextInLane(lanes(), region('p:1'))!, history.refFor));
    expect(summary(store.labels)).toEqual(['0:0-5:angry:1']);
    expect(lanes().get(0)!.map((r) => r.key)).toEqual([`l:${store.labels[0].id}`]);
    await history.undo();
    await history.execute(relabel(region('p:2'), 'happy', history.refFor)!);
    await history.execute(merge(region('p:1'), nextInLane(lanes(), region('p:1'))!, history.refFor));
    expect(summary(store.labels)).toEqual(['0:0-5:angry:1']);
    await history.undo();
    expect(summary(store.labels)).toEqual(['0:3-5:happy:2']);
  });

  it('resizes, draws and refuses to delete a prediction', async () => {
    const { store, history, region } = setup();
    expect(remove(region('p:1'), history.refFor)).toBeNull();
    expect(resize(region('p:1'), 0, 2, history.refFor)).toBeNull();
    await history.execute(resize(region('p:1'), 0.5, 2.5, history.refFor)!);
    expect(summary(store.labels)).toEqual(['0:0.5-2.5:angry:1']);
    await history.execute(draw(1, 5, 6, 'happy')!);
    expect(summary(store.labels)).toContain('1:5-6:happy:-');
    expect(draw(1, 5, 5.05, 'happy')).toBeNull();
  });

  it('rolls back a command that fails half-way and keeps the history truthful', async () => {
    const { store, history, region } = setup();
    store.failOn = 'create';
    await expect(history.execute(split(region('p:1'), 1, history.refFor)!)).rejects.toThrow('create failed');
    expect(store.labels).toEqual([]);
    expect(history.canUndo).toBe(false);
    store.failOn = null;
    await history.execute(relabel(region('p:3'), 'happy', history.refFor)!);
    store.failOn = 'delete';
    await expect(history.undo()).rejects.toThrow();
    expect(history.canUndo).toBe(true);
    expect(summary(store.labels)).toEqual(['1:0-4:happy:3']);
  });

  it('runs commands strictly one after another', async () => {
    const { store, history, region } = setup();
    const a = history.execute(relabel(region('p:1'), 'sad', history.refFor)!);
    const b = history.undo();
    const c = history.redo();
    await Promise.all([a, b, c]);
    expect(store.calls).toEqual(['create', 'delete', 'create']);
    expect(summary(store.labels)).toEqual(['0:0-2:sad:1']);
  });
});
