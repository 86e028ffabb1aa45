/**
 * Breadth-first search over worker threads, with the same result as `bfs` for any number of
 * workers. It starts as the sequential search, which hands over at the first level large enough
 * to be worth the threads. Its seen set is copied into one in shared memory; the level is split
 * among the workers, and from then on each expands its share, looks successors up in the shared
 * set, and keeps the new states it added first as its share of the next level. The main thread
 * only keeps the levels in step, passes states from busy workers to idle ones, grows the shared
 * set, and reports progress.
 *
 * The workers keep no parent links and no order, so they cannot say which event comes first:
 * at an event (a violation, a deadlock, the state bound, a model error) they only stop, and the
 * sequential search runs again from the start to find the first event in its order, with its
 * counts and its shortest counterexample. Without an event, the counts, depth and witnesses do
 * not depend on the order, and the parallel search gives them itself.
 */
import { assert, ModelError } from '../../lib/index.js';
import type { Model, ModelRecipe } from '../../model/index.js';
import { restoreCounters, searchContext, type SearchContext } from '../context/context.js';
import { incompleteResult, okResult, statsOf } from '../context/results.js';
import type { CheckOptions } from '../options.js';
import type { CheckResult, CheckStats } from '../result.js';
import { MAX_LOAD } from '../store/fingerprint-table.js';
import { SharedFingerprintTable } from '../store/shared-table.js';
import { bfs, bfsUntil, type HandOff } from '../strategies/bfs.js';
import { evenOut, grown, runLevel, type Rerun } from './level-sync.js';
import { CONTROL_WORDS, countersOf, GROW_AT, STATES_MAX, STOP, type FromWorker } from './protocol.js';
import { batchOf } from './state-batch.js';
import { WorkerPool } from './worker-pool.js';

/** The memory the coordinator and the workers share: control flags and counters (see protocol.ts). */
interface Shared {
  readonly control: Int32Array;
  readonly counters: Float64Array;
}

/**
 * The level size at which threads take over when the caller did not say. Starting them (and
 * compiling the model's code again in each) costs a few tenths of a second, which a compiled
 * model's expansion repays only on larger levels. Measured on TwoPhase with two threads: from
 * 16,384, rm=7 took 1.4 s (0.95 s in one thread), rm=8 2.8 s (2.9 s), rm=9 10.7-12.6 s; from
 * 131,072, 1.1 s, 3.3 s and 11.3-13.5 s.
 */
export function parallelFromFor(model: Model<unknown, unknown>, options: CheckOptions): number {
  if (options.parallelFrom > 0) return options.parallelFrom;
  return typeof model.successors === 'function' && model.encode ? 1 << 14 : 1 << 13;
}

/** The search over `workerCount` threads; `recipe` rebuilds `model` in each. */
export async function parallelBfs<S, A>(model: Model<S, A>, recipe: ModelRecipe, workerCount: number, options: CheckOptions): Promise<CheckResult<S, A>> {
  const shared: Shared = { control: new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS)), counters: new Float64Array(new SharedArrayBuffer(8 * (2 + 2 * workerCount))) };
  let pool: WorkerPool | undefined;
  let ready: Promise<unknown> = Promise.resolve();
  // Near the hand-off the threads start (load the model, compile) while the sequential search goes on.
  const startThreads = (): void => {
    pool = new WorkerPool(workerCount);
    ready = pool.all((w) => ({
      type: 'init',
      recipe,
      deadlocks: options.deadlocks,
      symmetry: options.symmetry,
      index: w,
      workers: workerCount,
      control: shared.control.buffer as SharedArrayBuffer,
      counters: shared.counters.buffer as SharedArrayBuffer,
      // Each thread's levels spill past its part of the queue's budget.
      spill: options.spill && { ...options.spill, memoryBytesMax: options.spill.memoryBytesMax / workerCount },
    }));
    ready.catch(() => undefined);
  };
  let parallel: CheckResult<S, A> | Rerun;
  try {
    const start = bfsUntil(model, options, parallelFromFor(model as Model<unknown, unknown>, options), startThreads);
    if (!('handOff' in start)) return start;
    if (!pool) startThreads();
    await ready;
    parallel = await inWorkers(model, pool!, shared, options, start);
  } finally {
    await pool?.close();
  }
  if ('verdict' in parallel) return parallel;
  // An event: the sequential search meets it again, first in its order.
  const again = bfs(model, options);
  if (parallel.rerun === 'full') return again;
  const met = again.verdict !== 'ok' && (again.verdict !== 'incomplete' || again.reason === 'statesMax');
  if (!met && parallel.error) throw parallel.error;
  assert(met, 'the sequential search meets the event the parallel search met');
  return again;
}

/** The workers' part: a result, or why the search runs again in one thread. */
async function inWorkers<S, A>(model: Model<S, A>, pool: WorkerPool, shared: Shared, options: CheckOptions, start: HandOff<S>): Promise<CheckResult<S, A> | Rerun> {
  const { control, counters } = shared;
  const workerCount = pool.size;
  const { counters: saved, position } = start.handOff;
  const ctx = searchContext(model, options);
  restoreCounters(ctx, saved);
  const { table, base } = sharedSeenSet(start, workerCount);
  let seen = table;
  const growAt = (t: SharedFingerprintTable): number => Math.floor(t.capacity * MAX_LOAD) - base;
  counters[GROW_AT] = growAt(seen);
  counters[STATES_MAX] = options.statesMax - base;
  const sum = (offset: number): number => {
    let n = 0;
    for (let w = 0; w < workerCount; w++) n += counters[countersOf(w) + offset] as number;
    return n;
  };
  const stats = (): CheckStats => statsOf(ctx, base + sum(0), saved.transitions + sum(1), seen.bytes, 0);
  let depth = position.level;
  let memorySpent = false;
  const report = (queued: number): void => {
    const s = stats();
    options.onProgress({ distinctStates: s.distinctStates, transitions: s.transitions, depth, queued, elapsedMs: s.elapsedMs });
  };
  const frontier = position.frontier;
  let size = frontier.length;
  let addedBefore = 0;
  // Between levels: the level being expanded (counted whole) and the new states found so far.
  const ticker = setInterval(() => {
    if (options.memoryExceeded()) {
      memorySpent = true;
      Atomics.store(control, STOP, 1);
    }
    report(size + sum(0) - addedBefore);
  }, 1000);
  const per = Math.ceil(frontier.length / workerCount);
  try {
    await pool.all((w) => ({ type: 'frontier', states: batchOf(model as Model<S, unknown>, frontier.slice(w * per, (w + 1) * per)), table: seen.buffer }));
    for (; size > 0; depth++) {
      addedBefore = sum(0);
      if (memorySpent || options.memoryExceeded()) return incompleteResult(ctx, 'memoryMax', stats());
      if (depth >= options.depthMax) return atDepthBound(ctx, pool, depth, stats);
      const grow = async (): Promise<void> => {
        seen = await grown(pool, seen, base + sum(0));
        counters[GROW_AT] = growAt(seen);
      };
      const replies = await runLevel(pool, control, depth, grow, () => memorySpent);
      if (!Array.isArray(replies)) return replies === 'memory' ? incompleteResult(ctx, 'memoryMax', stats()) : replies;
      for (const r of replies) ctx.properties.markReached(r.witnesses);
      size = replies.reduce((n, r) => n + r.newStates, 0);
      if (size > 0) ctx.counters.depth = depth + 1;
      await evenOut(pool, replies.map((r) => r.newStates));
      report(size);
    }
    return okResult(ctx, stats());
  } catch (err) {
    Atomics.store(control, STOP, 1);
    if (err instanceof ModelError) return { rerun: 'event', error: err };
    // A worker's heap filled between two of its checks: the search ends as the memory budget would end it.
    if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return incompleteResult(ctx, 'memoryMax', stats());
    throw err;
  } finally {
    clearInterval(ticker);
  }
}

/**
 * The sequential search's seen set copied into shared memory, small to start (a fifth of it is
 * each chunk's room, split among the workers) and at most half full; and how many states it holds.
 * The sequential table and links are let go: a re-run starts afresh.
 */
function sharedSeenSet<S>(start: HandOff<S>, workerCount: number): { table: SharedFingerprintTable; base: number } {
  const seen = start.handOff.seen;
  assert(seen !== undefined, 'a hand-off is taken once');
  const base = seen.links.length;
  const table = SharedFingerprintTable.create(Math.max(1024, 64 * workerCount, Math.ceil(base / 0.5)));
  table.addAll(seen.table.snapshot().slots);
  start.handOff.seen = undefined;
  return { table, base };
}

/** At the depth bound: a deadlock in a share is an event; otherwise incomplete if a share has an unseen successor. */
async function atDepthBound<S, A>(ctx: SearchContext<S, A>, pool: WorkerPool, depth: number, stats: () => CheckStats): Promise<CheckResult<S, A> | Rerun> {
  const probes = (await pool.all(() => ({ type: 'probe', depth }))) as Extract<FromWorker, { type: 'probed' }>[];
  if (probes.some((p) => p.deadlock)) return { rerun: 'event' };
  return probes.some((p) => p.unseen) ? incompleteResult(ctx, 'depthMax', stats()) : okResult(ctx, stats());
}
