import type { HumanLabel } from '../../../../electron/shared/domain';
import type { Command, LabelData, LabelPatch, LabelRef, Step } from './edit-commands';

/** What executes a step: the contract's labels.* calls, plus the view's local copy. */
export interface LabelStore {
  create(data: LabelData): Promise<HumanLabel>;
  update(id: number, patch: LabelPatch): Promise<HumanLabel>;
  remove(id: number): Promise<void>;
}

/**
 * Undo/redo over a LabelStore. Steps run one at a time, in order (a queue), so fast key presses never
 * interleave; a command that fails half-way is rolled back so the history stays truthful.
 */
export class EditHistory {
  private readonly done: Command[] = [];
  private readonly undone: Command[] = [];
  private readonly refs = new Map<number, LabelRef>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: LabelStore) {}

  /** The one ref per label id, so commands that name the same label share it. */
  refFor = (labelId: number): LabelRef => {
    let ref = this.refs.get(labelId);
    if (!ref) this.refs.set(labelId, (ref = { id: labelId }));
    return ref;
  };

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  peekUndo(): Command | undefined {
    return this.done.at(-1);
  }

  peekRedo(): Command | undefined {
    return this.undone.at(-1);
  }

  execute(command: Command): Promise<Command> {
    return this.enqueue(async () => {
      await this.run(command.steps, false);
      this.done.push(command);
      this.undone.length = 0;
      return command;
    });
  }

  undo(): Promise<Command | null> {
    return this.enqueue(async () => {
      const command = this.done.pop();
      if (!command) return null;
      try {
        await this.run([...command.steps].reverse(), true);
      } catch (error) {
        this.done.push(command);
        throw error;
      }
      this.undone.push(command);
      return command;
    });
  }

  redo(): Promise<Command | null> {
    return this.enqueue(async () => {
      const command = this.undone.pop();
      if (!command) return null;
      try {
        await this.run(command.steps, false);
      } catch (error) {
        this.undone.push(command);
        throw error;
      }
      this.done.push(command);
      return command;
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async run(steps: Step[], inverse: boolean): Promise<void> {
    const applied: Step[] = [];
    try {
      for (const step of steps) {
        await this.apply(step, inverse);
        applied.push(step);
      }
    } catch (error) {
      for (const step of applied.reverse()) await this.apply(step, !inverse).catch(() => undefined);
      throw error;
    }
  }

  private async apply(step: Step, inverse: boolean): Promise<void> {
    const creates = (step.kind === 'create') !== inverse;
    if (step.kind === 'update') {
      const label = await this.store.update(this.idOf(step.ref), inverse ? step.from : step.to);
      this.bind(step.ref, label.id);
    } else if (creates) {
      const label = await this.store.create(step.data);
      this.bind(step.ref, label.id);
    } else {
      const id = this.idOf(step.ref);
      await this.store.remove(id);
      this.refs.delete(id);
      step.ref.id = null;
    }
  }

  private bind(ref: LabelRef, id: number): void {
    ref.id = id;
    this.refs.set(id, ref);
  }

  private idOf(ref: LabelRef): number {
    if (ref.id === null) throw new Error('internal: a label step names a label that does not exist');
    return ref.id;
  }
}
