/**
 * A worker's run through its share of a level: chunk after chunk through the expansion loop, and
 * between chunks it publishes its counts and obeys the shared flags: pause (the coordinator is
 * about to grow the table), stop (another worker met an event, or the memory budget is spent) and
 * donate (a worker is idle: give it half of what is left).
 */
import { getHeapStatistics } from 'node:v8';
import type { Part } from '../store/level.js';
import { DONATE, PAUSE, STATES_MAX, STOP, type FromWorker, type Outcome } from './protocol.js';
import type { StateBatch } from './state-batch.js';
import type { WorkerState } from './worker-state.js';

/** Fewer states than this left in a share are not worth giving away. */
const DONATE_MIN = 256;

/** A worker's states live in its own heap, whose limit the process's memory budget does not see. */
function heapNearlyFull(): boolean {
  const heap = getHeapStatistics();
  return heap.used_heap_size > 0.9 * heap.heap_size_limit;
}

/** Where this worker is in its share of a level, so that it can pause between chunks and go on. */
export class ShareRun {
  private part = 0;
  private index = 0;
  private newStates = 0;

  constructor(private readonly worker: WorkerState, private readonly depth: number) {}

  /** Runs chunks until the share is done or a flag or an event says to stop. */
  go(): FromWorker {
    const { worker } = this;
    const { control, store } = worker;
    const before = store.added;
    for (;;) {
      if (this.part === worker.current.length) return this.reply('done', before);
      const part = worker.current[this.part] as Part<unknown>;
      store.beginChunk();
      const done = worker.expander.run(part.level, this.index, part.end, 0, this.depth, worker.next, worker.limits);
      if (typeof done === 'number') this.index += done;
      if (this.index === part.end) {
        part.level.release(part.level.length - 1);
        this.part++;
        this.index = 0;
      }
      const total = worker.publish();
      // Any event only stops the search: the coordinator finds it again in the one sequential order.
      const outcome: Outcome | undefined = typeof done !== 'number' ? (done.kind === 'full' ? 'full' : 'event') : total > (worker.counters[STATES_MAX] as number) ? 'event' : undefined;
      if (outcome !== undefined) {
        Atomics.store(control, STOP, 1);
        return this.reply(outcome, before);
      }
      if (Atomics.load(control, STOP) === 1) return this.reply('stopped', before);
      if (heapNearlyFull()) {
        Atomics.store(control, STOP, 1);
        return this.reply('memory', before);
      }
      if (Atomics.load(control, PAUSE) === 1) return this.reply('paused', before);
      const left = this.left();
      if (left >= DONATE_MIN && Atomics.load(control, DONATE) === 1 && Atomics.compareExchange(control, DONATE, 1, 0) === 1) {
        return this.reply('donated', before, worker.takeFromEnd(worker.current, Math.floor(left / 2)));
      }
    }
  }

  /** States of this level's share not expanded yet. */
  private left(): number {
    const { current } = this.worker;
    let n = 0;
    for (let p = this.part; p < current.length; p++) n += (current[p] as Part<unknown>).end - (p === this.part ? this.index : 0);
    return n;
  }

  private reply(outcome: Outcome, before: number, donated?: StateBatch): FromWorker {
    const { worker } = this;
    this.newStates += worker.store.added - before;
    if (outcome === 'done') worker.nextLevelDone();
    return { type: 'level', outcome, newStates: this.newStates, witnesses: worker.ctx.properties.reachedWitnesses(), ...(donated ? { donated } : {}) };
  }
}
