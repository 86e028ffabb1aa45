/**
 * The one expansion loop of breadth-first search, shared by the sequential search and the worker
 * threads through the store they pass (store/state-store.ts). A run expands states of a level in
 * order and queues their new successors on the next level, through the model contract one state
 * at a time (objects.ts) or, for a model with a compiled successor function, in batches of
 * packed bytes (packed.ts). See checker/README.md for how a state flows through it.
 */
import type { SearchContext } from '../context/context.js';
import type { Level } from '../store/level.js';
import type { StateStore } from '../store/state-store.js';
import { expandObjects } from './objects.js';
import { PackedExpansion, type BatchLimits } from './packed.js';
import type { Stop } from './stop.js';

export class Expander<S, A> {
  /** States go through the compiled successor function (with --coverage, through the contract, which counts actions). */
  readonly packedRoute: boolean;
  private readonly packed: PackedExpansion<S, A> | undefined;

  constructor(private readonly ctx: SearchContext<S, A>, private readonly store: StateStore) {
    this.packedRoute = ctx.hasher.compiled && !ctx.options.coverage;
    this.packed = this.packedRoute ? new PackedExpansion(ctx, store) : undefined;
  }

  /**
   * Expands states of `frontier` from `from` (state id `fromId`, at `depth`) up to `end`, or fewer
   * once `limits` are reached; the number of states expanded, or why the search stops.
   */
  run(frontier: Level<S>, from: number, end: number, fromId: number, depth: number, next: Level<S>, limits: BatchLimits): number | Stop<S> {
    if (this.packed) return this.packed.run(frontier, from, end, fromId, depth, next, limits);
    return expandObjects(this.ctx, this.store, frontier, from, end, fromId, depth, next, limits.successors);
  }
}
