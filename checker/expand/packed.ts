/**
 * The expansion loop through a model's compiled successor function (`successors()`), the route
 * that competes with SPIN's and rumur's generated C. States stay packed bytes. A batch of frontier
 * states is expanded and hashed first; successors known not to be new are marked, and the rest
 * are looked up in the seen set in order, each lookup's cache line requested a few lookups early
 * (on a large search, cache misses in the seen set are most of the time). Then the successors are
 * taken in order again: ids, parent links, and (for new states only) decoding and invariants. The
 * first states, and a sample after, are expanded both ways (objects and bytes) and compared.
 */
import { assert } from '../../lib/index.js';
import { isFinal } from '../../model/index.js';
import { auditPacking } from '../context/audits.js';
import type { SearchContext } from '../context/context.js';
import { checksSymmetry } from '../context/symmetry-audit.js';
import type { Level } from '../store/level.js';
import { PackedLevel } from '../store/packed-level.js';
import { STATES_MAX, type StateStore } from '../store/state-store.js';
import { STOP_FULL, STOP_STATES_MAX, type Stop } from './stop.js';
import { grown, insertInOrder, SuccessorFingerprints } from './successor-batch.js';

/** How far one batch goes: past this many successors, or this many bytes of them, it ends. */
export interface BatchLimits {
  readonly successors: number;
  readonly bytes: number;
}

/** The packed route's scratch, kept from batch to batch. */
export class PackedExpansion<S, A> {
  private readonly batch = new SuccessorFingerprints();
  private counts = new Int32Array(1024);
  private fresh = new Uint8Array(0);

  constructor(private readonly ctx: SearchContext<S, A>, private readonly store: StateStore) {}

  /**
   * Expands a batch of `frontier` from `from` (state id `fromId`, at `depth`) up to `end` at most;
   * the number of states expanded, or why it stopped.
   */
  run(frontier: Level<S>, from: number, end: number, fromId: number, depth: number, next: Level<S>, limits: BatchLimits): number | Stop<S> {
    assert(frontier instanceof PackedLevel && next instanceof PackedLevel, 'the packed route reads and writes packed levels');
    const to = this.collect(frontier, from, end, fromId, depth, limits);
    const { batch, store } = this;
    if (!store.roomFor(batch.length)) return STOP_FULL;
    if (this.fresh.length < batch.length) this.fresh = new Uint8Array(batch.fps.length / 2);
    insertInOrder(store, batch.fps, batch.known, 0, batch.length, this.fresh);
    const stop = this.takeNew(frontier, from, to, fromId, depth, next);
    if (stop !== undefined) return stop;
    frontier.release(to - 1);
    return to - from;
  }

  /** Expands states from `from` into the batch, until `end` or the limits; where it ended. */
  private collect(frontier: PackedLevel<S>, from: number, end: number, fromId: number, depth: number, limits: BatchLimits): number {
    const { batch, ctx, store } = this;
    batch.clear();
    let to = from;
    for (; to < end && batch.length < limits.successors && batch.byteLength < limits.bytes; to++) {
      const id = fromId + to - from;
      const count = batch.expand(ctx, frontier.bytesAt(to), depth, store.auditsExpansion(id, true), checksSymmetry(ctx, id));
      if (to - from === this.counts.length) this.counts = grown(this.counts, 2 * this.counts.length);
      this.counts[to - from] = count;
    }
    return to;
  }

  /**
   * The batch's successors in order: deadlocks, then each new one stored, checked and queued.
   * Transitions are counted up to the successor the search stops at, as one at a time would.
   */
  private takeNew(frontier: PackedLevel<S>, from: number, to: number, fromId: number, depth: number, next: PackedLevel<S>): Stop<S> | undefined {
    const { batch, ctx, store, counts, fresh } = this;
    const { model, counters, properties } = ctx;
    const decode = model.decode as (bytes: Uint8Array) => S;
    const fps = batch.fps;
    const before = counters.transitions;
    let j = 0;
    for (let i = from; i < to; i++) {
      const id = fromId + i - from;
      const count = counts[i - from] as number;
      if (count === 0 && ctx.options.deadlocks) {
        const s = decode(frontier.bytesAt(i));
        counters.transitions = before + j;
        if (!isFinal(model, s, depth)) return { kind: 'deadlock', id, state: s, depth };
      }
      for (let k = 0; k < count; k++, j++) {
        if (fresh[j] === 0) continue;
        counters.transitions = before + j + 1;
        const tid = store.admit(id, k);
        if (tid < 0) return tid === STATES_MAX ? STOP_STATES_MAX : STOP_FULL;
        const t = batch.bytesOf(j);
        const state = decode(t);
        if (store.auditsPacking(tid)) auditPacking(model, state, depth + 1);
        counters.depth = depth + 1;
        const broken = properties.inspect(state, depth + 1);
        if (broken !== undefined) return { kind: 'violation', found: { id: tid, hi: fps[2 * j] as number, lo: fps[2 * j + 1] as number, depth: depth + 1 }, name: broken };
        next.pushBytes(t);
      }
    }
    counters.transitions = before + j;
    return undefined;
  }
}
