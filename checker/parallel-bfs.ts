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
import { Worker } from 'node:worker_threads';
import { ModelError } from '../lib/index.js';
import type { Model } from '../model/index.js';
import { bfs, bfsUntil, type HandOff } from './bfs.js';
import type { ModelRecipe } from './model-recipe.js';
import type { CheckOptions } from './options.js';
import type { CheckResult, CheckStats } from './result.js';
import { Search } from './search.js';
import { SharedFingerprintTable } from './shared-table.js';
import { batchLength, batchOf, type StateBatch } from './state-batch.js';
import { MAX_LOAD } from './visited.js';
import { CONTROL_WORDS, countersOf, DONATE, GROW_AT, PAUSE, STATES_MAX, STOP, type FromWorker, type ToWorker } from './worker-protocol.js';

/** The workers, each answering its messages in the order it received them. */
class WorkerPool {
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
  const shared = { control: new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS)), counters: new Float64Array(new SharedArrayBuffer(8 * (2 + 2 * workerCount))) };
  let pool: WorkerPool | undefined;
  let ready: Promise<unknown> = Promise.resolve();
  // Near the hand-off the threads start (load the model, compile) while the sequential search goes on.
  const startThreads = (): void => {
    pool = new WorkerPool(workerCount);
    ready = pool.all((w) => ({
      type: 'init',
      recipe,
      deadlocks: options.deadlocks,
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
  if (again.verdict === 'ok' || (again.verdict === 'incomplete' && again.reason !== 'statesMax')) {
    throw parallel.error ?? new Error('the parallel search met an event that the sequential search does not meet');
  }
  return again;
}

/**
 * Why the search runs again in one thread: an event (with the model's error, if it was one), or a
 * state with more new successors than the shared table had room for at once.
 */
interface Rerun {
  rerun: 'event' | 'full';
  error?: Error;
}

/** The workers' part: a result, or why the search runs again in one thread. */
async function inWorkers<S, A>(
  model: Model<S, A>,
  pool: WorkerPool,
  { control, counters }: { control: Int32Array; counters: Float64Array },
  options: CheckOptions,
  start: HandOff<S>,
): Promise<CheckResult<S, A> | Rerun> {
  const workerCount = pool.size;
  const { counters: saved, position, table: sequentialTable, links } = start.handOff;
  const search = new Search(model, options);
  search.restore(sequentialTable, links, saved);
  const base = links.length;
  // Small to start (a fifth of it is each chunk's room, split among the workers), at most half full.
  let table = SharedFingerprintTable.create(Math.max(1024, 64 * workerCount, Math.ceil(base / 0.5)));
  table.addAll(sequentialTable.snapshot().slots);
  // The sequential search's table and links are not needed again: a re-run starts afresh.
  search.release();
  const growAt = (t: SharedFingerprintTable): number => Math.floor(t.capacity * MAX_LOAD) - base;
  counters[GROW_AT] = growAt(table);
  counters[STATES_MAX] = options.statesMax - base;
  const sum = (offset: number): number => {
    let n = 0;
    for (let w = 0; w < workerCount; w++) n += counters[countersOf(w) + offset] as number;
    return n;
  };
  const stats = (): CheckStats => search.statsOf(base + sum(0), saved.transitions + sum(1), table.bytes, 0);
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
    await pool.all((w) => ({ type: 'frontier', states: batchOf(model as Model<S, unknown>, frontier.slice(w * per, (w + 1) * per)), table: table.buffer }));
    for (; size > 0; depth++) {
      addedBefore = sum(0);
      if (memorySpent || options.memoryExceeded()) return search.incompleteWith('memoryMax', stats());
      if (depth >= options.depthMax) {
        const probes = (await pool.all(() => ({ type: 'probe', depth }))) as Extract<FromWorker, { type: 'probed' }>[];
        if (probes.some((p) => p.deadlock)) return { rerun: 'event' };
        return probes.some((p) => p.unseen) ? search.incompleteWith('depthMax', stats()) : search.okWith(stats());
      }
      const grow = async (): Promise<void> => {
        table = await grown(pool, table, base + sum(0));
        counters[GROW_AT] = growAt(table);
      };
      const replies = await runLevel(pool, control, depth, grow, () => memorySpent);
      if (!Array.isArray(replies)) return replies === 'memory' ? search.incompleteWith('memoryMax', stats()) : replies;
      for (const r of replies) search.markWitnesses(r.witnesses);
      size = replies.reduce((n, r) => n + r.newStates, 0);
      if (size > 0) search.depth = depth + 1;
      await evenOut(pool, replies.map((r) => r.newStates));
      report(size);
    }
    return search.okWith(stats());
  } catch (err) {
    Atomics.store(control, STOP, 1);
    if (err instanceof ModelError) return { rerun: 'event', error: err };
    // A worker's heap filled between two of its checks: the search ends as the memory budget would end it.
    if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return search.incompleteWith('memoryMax', stats());
    throw err;
  } finally {
    clearInterval(ticker);
  }
}

type LevelReply = Extract<FromWorker, { type: 'level' }>;

/**
 * One level over the workers: the last reply of each, once all are done; or why the level ended
 * early. A worker that finishes its share while others run asks (through the DONATE flag) for half
 * of what one of them has left; the table grows when every worker has paused or finished
 * (`grow`); `spent` says whether the memory budget is.
 */
async function runLevel(pool: WorkerPool, control: Int32Array, depth: number, grow: () => Promise<void>, spent: () => boolean): Promise<LevelReply[] | Rerun | 'memory'> {
  Atomics.store(control, DONATE, 0);
  const last: LevelReply[] = [];
  const running = new Map<number, Promise<[number, LevelReply]>>();
  const send = (w: number, msg: ToWorker): void => {
    running.set(w, pool.request(w, msg).then((r) => [w, r as LevelReply]));
  };
  for (let w = 0; w < pool.size; w++) send(w, { type: 'level', depth });
  const idle: number[] = [];
  const paused: number[] = [];
  // States given away and not yet taken by an idle worker.
  const spare: StateBatch[] = [];
  while (running.size > 0) {
    const [w, reply] = await Promise.race(running.values());
    running.delete(w);
    last[w] = reply;
    if (reply.outcome === 'event' || reply.outcome === 'full') return { rerun: reply.outcome };
    if (reply.outcome === 'memory' || spent()) return 'memory';
    if (reply.outcome === 'donated') {
      spare.push(reply.donated as StateBatch);
      send(w, { type: 'resume' });
    } else if (reply.outcome === 'paused') paused.push(w);
    else if (reply.outcome === 'done') idle.push(w);
    if (running.size === 0 && paused.length > 0) {
      await grow();
      Atomics.store(control, PAUSE, 0);
      for (const p of paused.splice(0)) send(p, { type: 'resume' });
    }
    while (idle.length > 0 && spare.length > 0) send(idle.shift() as number, { type: 'help', states: spare.shift() as StateBatch });
    // An idle worker and one at work: ask the one at work to share what it has left.
    Atomics.store(control, DONATE, idle.length > 0 && running.size > 0 ? 1 : 0);
  }
  return last;
}

/**
 * Moves states from the workers with more than their share of the next level to those with less.
 * A worker keeps the new states it added first, so a worker that runs ahead (warmed up sooner, or
 * given more of the processor) gets more, and with more states it would stay ahead.
 */
async function evenOut(pool: WorkerPool, shares: number[]): Promise<void> {
  const total = shares.reduce((a, b) => a + b, 0);
  const fair = shares.map((_, w) => Math.floor(total / shares.length) + (w < total % shares.length ? 1 : 0));
  if (Math.max(...shares) - Math.min(...shares) < Math.max(64, total / (20 * shares.length))) return;
  const given = await Promise.all(shares.map((n, w) => (n > fair[w]! ? pool.request(w, { type: 'give', count: n - fair[w]! }) : undefined)));
  const batches = given.flatMap((g) => (g ? [(g as Extract<FromWorker, { type: 'given' }>).states] : []));
  // Each batch goes whole to one short worker: the shortest first, largest batches first.
  const short = shares.map((n, w) => ({ w, need: fair[w]! - n })).filter((x) => x.need > 0);
  const takes: Promise<FromWorker>[] = [];
  for (const states of batches.sort((a, b) => batchLength(b) - batchLength(a))) {
    const to = short.reduce((best, x) => (x.need > best.need ? x : best));
    to.need -= batchLength(states);
    takes.push(pool.request(to.w, { type: 'take', states }));
  }
  await Promise.all(takes);
}

/**
 * A table half as large again (or more, to be at most half full), filled by all workers at once.
 * Most of a grow is the first touch of the new table's pages, not the moving: at rm=9, 357 of the
 * last grow's 460 ms were spent filling its 116 MB once.
 */
async function grown(pool: WorkerPool, table: SharedFingerprintTable, states: number): Promise<SharedFingerprintTable> {
  const bigger = SharedFingerprintTable.create(Math.max(Math.ceil(table.capacity * 1.5), Math.ceil(states / 0.5)));
  await pool.all(() => ({ type: 'rehash', bigger: bigger.buffer }));
  return bigger;
}
