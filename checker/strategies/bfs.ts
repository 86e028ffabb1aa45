/**
 * Breadth-first search over 64-bit state fingerprints. Level by level, so the first violation
 * found is a shortest one; parent links (two ints per state) rebuild its path. Only the current
 * and next levels' states are kept (as objects, or packed). With a checkpoint folder, the search
 * saves itself every interval and can be continued from the last save with the same result.
 */
import { assert } from '../../lib/index.js';
import type { Model } from '../../model/index.js';
import { saveSnapshot } from '../checkpoint/checkpoint.js';
import { countersOf, searchContext, type SearchContext, type SearchCounters } from '../context/context.js';
import { incompleteResult, okResult } from '../context/results.js';
import { Expander } from '../expand/expander.js';
import type { BatchLimits } from '../expand/packed.js';
import { probeBeyondDepth } from '../expand/probe.js';
import type { CheckOptions } from '../options.js';
import type { CheckResult } from '../result.js';
import type { FingerprintTable } from '../store/fingerprint-table.js';
import { Levels, type Level } from '../store/level.js';
import type { ParentLinks } from '../store/parent-links.js';
import type { SequentialStore } from '../store/sequential-store.js';
import { begin, resume } from './bfs-start.js';
import { stoppedResult, storeStats } from './sequential.js';

/** How often (in expanded states) the clock is read for progress and checkpoints. */
const POLL_EVERY = 4096;
/** A packed batch ends past this many successors, or this many bytes of them. */
const BATCH: BatchLimits = { successors: 1 << 18, bytes: 1 << 24 };
/** Through the contract, a run is one state: the polls above see every state. */
const ONE_STATE: BatchLimits = { successors: Infinity, bytes: Infinity };

/** Runs the search; model misbehaviour is thrown as ModelError, everything else is the result. */
export function bfs<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  return bfsUntil(model, options, Infinity) as CheckResult<S, A>;
}

/**
 * Where a search handed over to another engine: at the start of a level, its states as objects,
 * and its seen set (which the taker lets go once it has copied it).
 */
export interface HandOff<S> {
  handOff: { counters: SearchCounters; position: { level: number; frontier: S[] }; seen: { table: FingerprintTable; links: ParentLinks } | undefined };
}

/** A sequential breadth-first search under way. */
interface Search<S, A> {
  readonly ctx: SearchContext<S, A>;
  readonly store: SequentialStore;
  readonly levels: Levels<S>;
  readonly expander: Expander<S, A>;
}

/**
 * The search, or where it stood when a level of at least `handOffAt` states was about to be
 * expanded (the parallel search takes over there, so that small searches start no threads).
 * `nearing` is called once, at the first level of a quarter of that size.
 */
export function bfsUntil<S, A>(model: Model<S, A>, options: CheckOptions, handOffAt: number, nearing = (): void => {}): CheckResult<S, A> | HandOff<S> {
  const ctx = searchContext(model, options);
  const levels = new Levels(model, options.spill);
  const start = options.resumeFrom ? resume(ctx, levels) : begin(ctx, levels);
  if ('stop' in start) return stoppedResult(ctx, start.store, start.stop);
  const search: Search<S, A> = { ctx, store: start.store, levels, expander: new Expander(ctx, start.store) };
  const watch = new Watch(search);
  let { level, frontierStart, frontier, next } = start;
  watch.expanded = start.expanded;
  let near = false;
  for (; frontier.length > 0; level++) {
    // The queue holds the last ids in order: the level being expanded, then the one being filled.
    assert(frontierStart + frontier.length + next.length === search.store.size, 'the levels hold the last state ids in order');
    if (level >= options.depthMax) return atDepthBound(search, frontier, frontierStart, level);
    if (!near && frontier.length >= handOffAt / 4) {
      near = true;
      nearing();
    }
    if (frontier.length >= handOffAt && next.length === 0) return handOff(search, frontier, level);
    const ended = expandLevel(search, watch, frontier, frontierStart, level, next);
    if (ended !== undefined) return ended;
    frontierStart += frontier.length;
    frontier = next;
    next = levels.create();
  }
  return okResult(ctx, storeStats(ctx, search.store));
}

/** Expands one level into `next`; the result if the search ends there. */
function expandLevel<S, A>(search: Search<S, A>, watch: Watch<S, A>, frontier: Level<S>, frontierStart: number, level: number, next: Level<S>): CheckResult<S, A> | undefined {
  const { ctx, store, expander } = search;
  const limits = expander.packedRoute ? BATCH : ONE_STATE;
  for (let i = 0; i < frontier.length; ) {
    const end = expander.packedRoute ? frontier.length : i + 1;
    const done = expander.run(frontier, i, end, frontierStart + i, level, next, limits);
    if (typeof done !== 'number') return stoppedResult(ctx, store, done);
    i += done;
    const stopped = watch.after(done, { level, frontierStart, i, frontier, next });
    if (stopped !== undefined) return stopped;
  }
  return undefined;
}

/** Deadlocks at the bound are still reported; the search is incomplete only if a state there has a successor never seen. */
function atDepthBound<S, A>(search: Search<S, A>, frontier: Level<S>, frontierStart: number, level: number): CheckResult<S, A> {
  const { ctx, store } = search;
  const probed = probeBeyondDepth(ctx, store, [{ level: frontier, end: frontier.length }], level);
  frontier.release(frontier.length - 1);
  if (probed.deadlock !== undefined) return stoppedResult(ctx, store, { kind: 'deadlock', id: frontierStart + probed.deadlock.at, state: probed.deadlock.state, depth: level });
  return probed.unseen ? incompleteResult(ctx, 'depthMax', storeStats(ctx, store)) : okResult(ctx, storeStats(ctx, store));
}

/** The hand-over to the parallel search: the level about to be expanded, as objects. */
function handOff<S, A>(search: Search<S, A>, frontier: Level<S>, level: number): HandOff<S> {
  const position = { level, frontier: frontier.slice(0) };
  // The level goes on as objects: its spill file, if any, goes now.
  frontier.release(frontier.length - 1);
  return { handOff: { counters: countersOf(search.ctx), position, seen: { table: search.store.table, links: search.store.links } } };
}

/** Where a level stands, for a checkpoint. */
interface LevelPosition<S> {
  level: number;
  frontierStart: number;
  /** The frontier's states before this one are expanded. */
  i: number;
  frontier: Level<S>;
  next: Level<S>;
}

/** Every POLL_EVERY expanded states: the checkpoint, the memory budget, and progress. */
class Watch<S, A> {
  expanded = 0;
  private lastReport: number;
  private lastSave: number;
  private readonly poll: number;

  constructor(private readonly search: Search<S, A>) {
    const { options } = search.ctx;
    this.lastReport = options.clock();
    this.lastSave = this.lastReport;
    this.poll = Math.min(POLL_EVERY, options.progressEvery);
  }

  /** After `done` more states were expanded: the result when the memory budget ends the search. */
  after(done: number, at: LevelPosition<S>): CheckResult<S, A> | undefined {
    const before = this.expanded;
    this.expanded += done;
    if (!this.crossed(before, this.poll)) return undefined;
    const { ctx, store } = this.search;
    const { options } = ctx;
    const now = options.clock();
    const spent = options.memoryExceeded();
    // A search stopped by the memory budget is saved first, to be resumed with more.
    if (options.checkpoint && (spent || now - this.lastSave >= options.checkpoint.intervalMs)) {
      this.save(at);
      this.lastSave = options.clock();
    }
    if (spent) return incompleteResult(ctx, 'memoryMax', storeStats(ctx, store));
    if (this.crossed(before, options.progressEvery) || now - this.lastReport >= 1000) {
      this.lastReport = now;
      const stats = storeStats(ctx, store);
      options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth: at.level, queued: at.frontier.length - at.i + at.next.length, elapsedMs: stats.elapsedMs });
    }
    return undefined;
  }

  private crossed(before: number, every: number): boolean {
    return Math.floor(this.expanded / every) !== Math.floor(before / every);
  }

  private save({ level, frontierStart, i, frontier, next }: LevelPosition<S>): void {
    const { ctx, store } = this.search;
    const { expanded } = this;
    // At the end of a level the save starts the next one: a saved empty frontier would end the search.
    const live = i < frontier.length
      ? { position: { level, frontierStart: frontierStart + i, expanded }, frontier, from: i, next }
      : { position: { level: level + 1, frontierStart: frontierStart + i, expanded }, frontier: next, from: 0, next: null };
    saveSnapshot(ctx.options.checkpoint!, { ...live, counters: countersOf(ctx), table: store.table, links: store.links });
  }
}
