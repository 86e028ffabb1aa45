/**
 * Breadth-first search over worker threads, with results identical to `bfs` for any number of
 * workers. Each level is cut into contiguous, even slices, one per worker; the workers compute
 * their successors' fingerprints, and the main thread dedups them in the one global order (slice
 * by slice, state by state, action by action) that the sequential search uses, assigning the same
 * ids; the workers then check and return the new states, which make the next level.
 * The first event in that order (a deadlock, a violation, the state bound) ends the
 * search, and the statistics are those the sequential search has at that event.
 */
import { Worker } from 'node:worker_threads';
import { ModelError } from '../lib/index.js';
import type { Model } from '../model/index.js';
import type { ModelRecipe } from './model-recipe.js';
import type { CheckOptions } from './options.js';
import type { CheckResult } from './result.js';
import { Search } from './search.js';
import { batchLength, batchOf, concatBatches, sliceBatch, type StateBatch } from './state-batch.js';
import type { FromWorker, ToWorker } from './worker.js';

class WorkerPool {
  private readonly workers: Worker[];
  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url)));
  }
  get size(): number {
    return this.workers.length;
  }
  /** Sends one message to each worker (undefined: none) and awaits their replies, in worker order. */
  async all(messages: readonly (ToWorker | undefined)[]): Promise<FromWorker[]> {
    const replies = await Promise.all(
      this.workers.map(
        (w, i) =>
          new Promise<FromWorker>((resolve, reject) => {
            const msg = messages[i];
            if (msg === undefined) return resolve({ type: 'ready' });
            const onMessage = (reply: FromWorker) => {
              w.off('error', onError);
              resolve(reply);
            };
            const onError = (err: Error) => {
              w.off('message', onMessage);
              reject(err);
            };
            w.once('message', onMessage);
            w.once('error', onError);
            w.postMessage(msg);
          }),
      ),
    );
    for (const r of replies) if (r.type === 'error') throw r.modelError ? new ModelError(r.message) : new Error(r.message);
    return replies;
  }
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The parallel search; `recipe` rebuilds `model` in each worker. */
export async function parallelBfs<S, A>(model: Model<S, A>, recipe: ModelRecipe, workerCount: number, options: CheckOptions): Promise<CheckResult<S, A>> {
  const search = new Search(model, options);
  const { table, links } = search;
  const pool = new WorkerPool(workerCount);
  try {
    await pool.all(Array.from({ length: workerCount }, () => ({ type: 'init', recipe, deadlocks: options.deadlocks })));
    // Level 0 in the main thread, exactly as the sequential search does it.
    const roots = search.roots();
    if (!Array.isArray(roots)) return roots;
    // Contiguous even slices keep the global order slice-major and the workers equally busy.
    const slicesOf = (batch: StateBatch): StateBatch[] => {
      const n = batchLength(batch);
      const per = Math.ceil(n / workerCount);
      return Array.from({ length: workerCount }, (_, w) => sliceBatch(batch, Math.min(n, w * per), Math.min(n, (w + 1) * per)));
    };
    let slices = slicesOf(batchOf(model as Model<S, unknown>, roots));
    let owned = slices.map(batchLength);

    let frontierStart = 0;
    for (let level = 0; owned.some((n) => n > 0); level++) {
      if (level >= options.depthMax) return search.incomplete('depthMax');
      const expanded = (await pool.all(slices.map((slice, w) => (owned[w]! > 0 ? { type: 'expand', level, states: slice } : undefined)))) as (FromWorker & { type: 'expanded' })[];
      // Dedup in the global order; remember where the first event would stop the sequential search.
      const masks: Uint8Array[] = [];
      const levelStartIds = links.length;
      let stateId = frontierStart;
      let successorIndex = search.transitions; // global position of the next successor
      let stop: { at: number; result: () => CheckResult<S, A> } | undefined;
      const firstNewAt: number[] = [];
      for (let w = 0; w < workerCount; w++) {
        const reply = expanded[w];
        if (owned[w] === 0 || reply === undefined || reply.type !== 'expanded') {
          masks.push(new Uint8Array(0));
          continue;
        }
        const mask = new Uint8Array(reply.fps.length / 2);
        let j = 0;
        for (let i = 0; i < reply.counts.length; i++, stateId++) {
          if (reply.deadlocks[i] === 1 && stop === undefined) {
            const at = successorIndex - 0.5;
            const id = stateId;
            const depthThen = firstNewAt.length > 0 ? level + 1 : level;
            stop = { at, result: () => { search.transitions = Math.floor(at + 0.5); search.depth = depthThen; return deadlockOf(search, id, level); } };
          }
          for (let k = 0; k < (reply.counts[i] as number); k++, j++, successorIndex++) {
            if (!table.add(reply.fps[2 * j] as number, reply.fps[2 * j + 1] as number)) continue;
            if (stop !== undefined) continue;
            if (links.length >= options.statesMax) {
              const at = successorIndex;
              const depthThen = firstNewAt.length > 0 ? level + 1 : level;
              stop = { at, result: () => { search.transitions = at + 1; search.depth = depthThen; return search.incomplete('statesMax'); } };
              continue;
            }
            links.push(stateId, k);
            mask[j] = 1;
            firstNewAt.push(successorIndex);
          }
        }
        masks.push(mask);
      }
      const kept = (await pool.all(masks.map((mask, w) => (owned[w]! > 0 ? { type: 'keep', mask, level } : undefined)))) as FromWorker[];
      // A violation among the new states, in the global order of the new states.
      let newOffset = 0;
      for (let w = 0; w < workerCount; w++) {
        const reply = kept[w];
        if (reply === undefined || reply.type !== 'kept') continue;
        if (reply.violation !== null) {
          const newIndex = newOffset + reply.violation.index;
          const at = firstNewAt[newIndex] as number;
          if (stop === undefined || at < stop.at) {
            const name = reply.violation.name;
            stop = {
              at,
              result: () => {
                search.transitions = at + 1;
                search.depth = level + 1;
                const id = levelStartIds + newIndex;
                links.length = id + 1;
                return violationOf(search, id, name, level + 1);
              },
            };
          }
        }
        newOffset += batchLength(reply.states);
      }
      search.transitions = successorIndex;
      // Witnesses reached by the level's new states (all of which precede any stop).
      for (const reply of kept) if (reply.type === 'kept') search.markWitnesses(Object.keys(reply.witnesses));
      if (stop !== undefined) return stop.result();
      if (firstNewAt.length > 0) search.depth = level + 1;
      frontierStart = stateId;
      slices = slicesOf(concatBatches(kept.flatMap((r) => (r.type === 'kept' ? [r.states] : []))));
      owned = slices.map(batchLength);
      if (options.memoryExceeded()) return search.incomplete('memoryMax');
      const stats = search.stats();
      options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth: level + 1, queued: owned.reduce((a, b) => a + b, 0), elapsedMs: stats.elapsedMs });
    }
    return search.ok();
  } finally {
    await pool.close();
  }
}

function violationOf<S, A>(search: Search<S, A>, id: number, name: string, depth: number): CheckResult<S, A> {
  search.hash(search.stateOf(id), 'a state');
  return search.violation(id, name, depth);
}

function deadlockOf<S, A>(search: Search<S, A>, id: number, depth: number): CheckResult<S, A> {
  return search.deadlock(id, search.stateOf(id), depth);
}
