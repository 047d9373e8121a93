import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime/worker-entry';

/** A fixed pool of worker threads, one task at a time each (started as ml/runtime/worker-entry says). */
export class WorkerPool<Task, Reply> {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ task: Task; resolve: (r: Reply) => void; reject: (e: Error) => void }> = [];

  constructor(moduleUrl: URL, size: number) {
    for (let i = 0; i < size; i++) {
      const entry = moduleUrl.pathname.endsWith('.ts')
        ? workerEntry(import.meta.url, moduleUrl, basename(moduleUrl.pathname).replace(/\.ts$/, '.js'))
        : { url: moduleUrl };
      const worker = new Worker(entry.url, { argv: entry.argv });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(task: Task): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop() as Worker;
      const job = this.queue.shift() as (typeof this.queue)[number];
      const onMessage = (reply: Reply): void => {
        worker.off('error', onError);
        this.idle.push(worker);
        job.resolve(reply);
        this.pump();
      };
      const onError = (error: Error): void => {
        worker.off('message', onMessage);
        job.reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(job.task);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
