/**
 * Everything a worker thread of the parallel BFS holds, in one object made at `init`: the model
 * rebuilt from its recipe, its search context and store, its levels, and the shares it works on.
 * It owns a share of each level: the states it was sent at the hand-off, then the new states it
 * found itself. It expands them, looks their successors up in the seen set all workers share, and
 * keeps the ones it added first, checked, as its share of the next level (packed, and spilling to
 * disk past its part of the queue budget, as the sequential search's levels do). It answers the
 * coordinator's messages one at a time; worker.ts only carries them, so a test can drive one here.
 */
import { buildModel, type Model } from '../../model/index.js';
import { searchContext, type SearchContext } from '../context/context.js';
import { Expander } from '../expand/expander.js';
import type { BatchLimits } from '../expand/packed.js';
import { probeBeyondDepth } from '../expand/probe.js';
import { resolveCheckOptions } from '../options.js';
import { Levels, type Level, type Part } from '../store/level.js';
import { PackedLevel } from '../store/packed-level.js';
import { SharedFingerprintTable } from '../store/shared-table.js';
import { countersOf, GROW_AT, PAUSE, type FromWorker, type ToWorker, type WorkerInit } from './protocol.js';
import { ShareRun } from './share-run.js';
import { BatchBuilder, batchLength, stateAt, type StateBatch } from './state-batch.js';
import { WorkerStore } from './worker-store.js';

export class WorkerState {
  readonly ctx: SearchContext<unknown, unknown>;
  readonly store: WorkerStore;
  readonly expander: Expander<unknown, unknown>;
  readonly control: Int32Array;
  readonly counters: Float64Array;
  /** This level's share (with any states given to this worker while it runs). */
  current: Part<unknown>[] = [];
  /** The next level's states as they are found. */
  next: Level<unknown>;
  /** The next level's share once this one is done (evened out among workers there). */
  private upcoming: Part<unknown>[] = [];
  private run: ShareRun | undefined;
  private readonly levels: Levels<unknown>;

  private constructor(readonly model: Model<unknown, unknown>, private readonly init: WorkerInit) {
    const options = resolveCheckOptions({ deadlocks: init.deadlocks, symmetry: init.symmetry });
    this.ctx = searchContext(model, options);
    this.store = new WorkerStore(init.workers, options.determinismSampleEvery);
    this.expander = new Expander(this.ctx, this.store);
    this.control = new Int32Array(init.control);
    this.counters = new Float64Array(init.counters);
    this.levels = new Levels(model, init.spill);
    this.next = this.levels.create();
  }

  /** A worker for `init`, with its model built from the recipe. */
  static async create(init: WorkerInit): Promise<WorkerState> {
    return new WorkerState(await buildModel(init.recipe), init);
  }

  /** How far a chunk of work goes (the store's room, once a table is in use). */
  get limits(): BatchLimits {
    return { successors: this.store.chunkSuccessors, bytes: Infinity };
  }

  answer(msg: Exclude<ToWorker, { type: 'init' }>): FromWorker {
    switch (msg.type) {
      case 'frontier':
        this.upcoming = [this.partOf(msg.states)];
        this.store.useTable(msg.table);
        return { type: 'ready' };
      case 'level':
        this.current = this.upcoming;
        this.upcoming = [];
        this.run = new ShareRun(this, msg.depth);
        return this.run.go();
      case 'resume':
        return (this.run as ShareRun).go();
      case 'help':
        this.current.push(this.partOf(msg.states));
        return (this.run as ShareRun).go();
      case 'rehash': {
        const bigger = new SharedFingerprintTable(msg.bigger);
        this.store.table.rehashInto(bigger, this.init.index, this.init.workers);
        this.store.useTable(msg.bigger);
        return { type: 'rehashed' };
      }
      case 'probe': {
        // At the depth bound: whether a state of this share deadlocks, and whether one has an unseen successor.
        const probed = probeBeyondDepth(this.ctx, this.store, this.upcoming, msg.depth);
        return { type: 'probed', deadlock: probed.deadlock !== undefined, unseen: probed.unseen };
      }
      case 'give':
        return { type: 'given', states: this.takeFromEnd(this.upcoming, msg.count) };
      case 'take':
        this.upcoming.push(this.partOf(msg.states));
        return { type: 'taken' };
    }
  }

  /**
   * Publishes this worker's counts and raises the pause flag once the table is due to grow; the
   * states all workers added so far.
   */
  publish(): number {
    const { counters } = this;
    const at = countersOf(this.init.index);
    counters[at] = this.store.added;
    counters[at + 1] = this.ctx.counters.transitions;
    let total = 0;
    for (let w = 0; w < this.init.workers; w++) total += counters[countersOf(w)] as number;
    if (total >= (counters[GROW_AT] as number)) Atomics.store(this.control, PAUSE, 1);
    return total;
  }

  /** This level's share is done: what it found is the next level's share. */
  nextLevelDone(): void {
    if (this.next.length === 0) return;
    this.upcoming.push({ level: this.next, end: this.next.length });
    this.next = this.levels.create();
  }

  /** The last `count` states of `parts`, taken out of them (for another worker). */
  takeFromEnd(parts: Part<unknown>[], count: number): StateBatch {
    const out = new BatchBuilder(this.model);
    const taken: { level: Level<unknown>; from: number; to: number }[] = [];
    while (count > 0) {
      const part = parts[parts.length - 1] as Part<unknown>;
      const from = Math.max(0, part.end - count);
      taken.push({ level: part.level, from, to: part.end });
      count -= part.end - from;
      part.end = from;
      if (from === 0) parts.pop();
    }
    for (const { level, from, to } of taken.reverse()) {
      for (let i = from; i < to; i++) {
        if (level instanceof PackedLevel) out.pushBytes(level.bytesAt(i));
        else out.push(level.get(i));
      }
      if (from === 0) level.release(level.length - 1);
    }
    return out.build();
  }

  /** A level holding the states of a batch sent here. */
  private partOf(batch: StateBatch): Part<unknown> {
    const level = this.levels.create();
    for (let i = 0; i < batchLength(batch); i++) {
      if (batch.kind === 'packed' && level instanceof PackedLevel) level.pushBytes(batch.bytes.subarray(batch.offsets[i], batch.offsets[i + 1]));
      else level.push(stateAt(this.model, batch, i));
    }
    return { level, end: level.length };
  }
}
