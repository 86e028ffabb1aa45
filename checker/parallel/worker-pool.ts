/** The worker threads of a parallel search, each answering its messages in the order it received them. */
import { Worker } from 'node:worker_threads';
import { ModelError } from '../../lib/index.js';
import type { FromWorker, ToWorker } from './protocol.js';

export class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting: { resolve: (r: FromWorker) => void; reject: (e: Error) => void }[][];

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url)));
    this.waiting = this.workers.map(() => []);
    this.workers.forEach((w, i) => {
      w.on('message', (reply: FromWorker) => {
        const next = this.waiting[i]!.shift();
        if (!next) return;
        if (reply.type === 'error') next.reject(reply.modelError ? new ModelError(reply.message) : new Error(reply.message));
        else next.resolve(reply);
      });
      w.on('error', (err: Error) => {
        for (const p of this.waiting[i]!.splice(0)) p.reject(err);
      });
    });
  }

  get size(): number {
    return this.workers.length;
  }

  request(worker: number, msg: ToWorker): Promise<FromWorker> {
    return new Promise<FromWorker>((resolve, reject) => {
      this.waiting[worker]!.push({ resolve, reject });
      this.workers[worker]!.postMessage(msg);
    });
  }

  all(msg: (worker: number) => ToWorker): Promise<FromWorker[]> {
    return Promise.all(this.workers.map((_, w) => this.request(w, msg(w))));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

