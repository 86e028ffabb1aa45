/**
 * Breadth-first search over worker threads, with results identical to `bfs` for any number of
 * workers. Each level is cut into contiguous pieces; the workers compute their successors'
 * fingerprints, and the main thread dedups them piece by piece in the one global order
 * (piece, state, action) that the sequential search uses, assigning the same ids, while the
 * workers go on with later pieces; the workers then check and keep the new states of each piece,
 * which, in the same order, make the next level: each worker expands the states it kept.
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
import { insertInOrder } from './successor-fingerprints.js';
import { batchLength, batchOf, concatBatches, sliceBatch, stateAt, type StateBatch } from './state-batch.js';
import { bfsUntil, probeBeyondDepth } from './bfs.js';
import type { FromWorker, ToWorker, ToWorkerSource } from './worker.js';

/**
 * The workers, each answering its messages in the order it received them: a request's reply is
 * the next reply from that worker, so several requests can be in flight per worker.
 */
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

  request(worker: number, msg: ToWorker): Promise<FromWorker> {
    const reply = new Promise<FromWorker>((resolve, reject) => {
      this.waiting[worker]!.push({ resolve, reject });
      this.workers[worker]!.postMessage(msg);
    });
    // After the first failure the search ends; later failures of requests in flight are not news.
    reply.catch(() => undefined);
    return reply;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** States per chunk: small enough that the main thread's dedup overlaps the workers' expansion. */
function chunkSize(levelSize: number, workers: number): number {
  return Math.max(64, Math.ceil(levelSize / (workers * 8)));
}

/**
 * The parallel search; `recipe` rebuilds `model` in each worker. It starts as the sequential
 * search, which hands over at the first level large enough to be worth the threads.
 */
export async function parallelBfs<S, A>(model: Model<S, A>, recipe: ModelRecipe, workerCount: number, options: CheckOptions): Promise<CheckResult<S, A>> {
  // Below this level size, starting threads costs more than they save.
  const start = bfsUntil(model, options, options.parallelFrom);
  if (!('handOff' in start)) return start;
  const { counters, position, table, links } = start.handOff;
  const search = new Search(model, options);
  search.restore(table, links, counters);
  const pool = new WorkerPool(workerCount);
  try {
    await Promise.all(Array.from({ length: workerCount }, (_, w) => pool.request(w, { type: 'init', recipe, deadlocks: options.deadlocks })));
    // The first level is sent; after it, each worker keeps the new states it found and expands
    // them at the next level itself, so states never travel through the main thread again.
    const first = batchOf(model as Model<S, unknown>, position.frontier);
    let level: Retained[] = [];
    let chunkIds = 0;
    let frontierStart = position.frontierStart;
    for (let depth = position.level; ; depth++) {
      const size = depth === position.level ? batchLength(first) : level.reduce((n, r) => n + r.count, 0);
      if (size === 0) break;
      if (depth >= options.depthMax) {
        const batch = depth === position.level ? first : await gather(pool, level);
        return probeBeyondDepth(search, Array.from({ length: size }, (_, i) => stateAt(model, batch, i)), frontierStart, depth);
      }
      // Pieces in order; every expansion is sent at once, and each piece is deduplicated as its
      // reply arrives while the workers go on with the later ones.
      const per = chunkSize(size, workerCount);
      const pieces: { worker: number; chunk: number; source: ToWorkerSource }[] = [];
      if (depth === position.level) {
        for (let from = 0; from < size; from += per) pieces.push({ worker: pieces.length % workerCount, chunk: chunkIds++, source: sliceBatch(first, from, Math.min(size, from + per)) });
      } else {
        for (const r of level) {
          for (let from = 0; from < r.count; from += per) pieces.push({ worker: r.worker, chunk: chunkIds++, source: { batch: r.batch, start: from, end: Math.min(r.count, from + per) } });
        }
      }
      const expanded = pieces.map((piece) => pool.request(piece.worker, { type: 'expand', chunk: piece.chunk, level: depth, source: piece.source }));
      const levelStartIds = links.length;
      let stateId = frontierStart;
      let successorIndex = search.transitions; // global position of the next successor
      let stop: { at: number; result: () => CheckResult<S, A> } | undefined;
      // Per piece: the global position of its first successor, and which of its successors are new.
      const bases: number[] = [];
      const masks: Uint8Array[] = [];
      let newCount = 0;
      const kept: Promise<FromWorker>[] = [];
      for (let c = 0; c < pieces.length; c++) {
        const reply = (await expanded[c]) as Extract<FromWorker, { type: 'expanded' }>;
        const n = reply.fps.length / 2;
        const mask = new Uint8Array(n);
        insertInOrder(table, reply.fps, reply.known ?? new Uint8Array(n), 0, n, mask);
        const base = successorIndex;
        let j = 0;
        for (let i = 0; i < reply.counts.length; i++, stateId++) {
          if (reply.deadlocks[i] === 1 && stop === undefined) {
            const at = base + j - 0.5;
            const id = stateId;
            const depthThen = newCount > 0 ? depth + 1 : depth;
            stop = { at, result: () => { search.transitions = Math.floor(at + 0.5); search.depth = depthThen; return deadlockOf(search, id, depth); } };
          }
          const start = j;
          for (const end = j + (reply.counts[i] as number); j < end; j++) {
            if (mask[j] === 0) continue;
            mask[j] = 0;
            if (stop !== undefined) continue;
            if (links.length >= options.statesMax) {
              const at = base + j;
              const depthThen = newCount > 0 ? depth + 1 : depth;
              stop = { at, result: () => { search.transitions = at + 1; search.depth = depthThen; return search.incomplete('statesMax'); } };
              continue;
            }
            links.push(stateId, j - start);
            mask[j] = 1;
            newCount++;
          }
        }
        successorIndex += n;
        bases.push(base);
        masks.push(mask);
        const piece = pieces[c]!;
        kept.push(pool.request(piece.worker, { type: 'keep', chunk: piece.chunk, mask, level: depth }));
      }
      // A violation among the new states, in the global order of the new states.
      const keptReplies = (await Promise.all(kept)) as Extract<FromWorker, { type: 'kept' }>[];
      let newOffset = 0;
      keptReplies.forEach((reply, c) => {
        if (reply.violation !== null) {
          const newIndex = newOffset + reply.violation.index;
          const at = (bases[c] as number) + nthSet(masks[c] as Uint8Array, reply.violation.index);
          if (stop === undefined || at < stop.at) {
            const name = reply.violation.name;
            stop = {
              at,
              result: () => {
                search.transitions = at + 1;
                search.depth = depth + 1;
                const id = levelStartIds + newIndex;
                links.length = id + 1;
                return violationOf(search, id, name, depth + 1);
              },
            };
          }
        }
        newOffset += reply.count;
      });
      search.transitions = successorIndex;
      // Witnesses reached by the level's new states (all of which precede any stop).
      for (const reply of keptReplies) search.markWitnesses(Object.keys(reply.witnesses));
      if (stop !== undefined) return stop.result();
      if (newCount > 0) search.depth = depth + 1;
      frontierStart = stateId;
      level = keptReplies.map((r, c) => ({ worker: pieces[c]!.worker, batch: pieces[c]!.chunk, count: r.count }));
      if (options.memoryExceeded()) return search.incomplete('memoryMax');
      const stats = search.stats();
      options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth: depth + 1, queued: newCount, elapsedMs: stats.elapsedMs });
    }
    return search.ok();
  } finally {
    await pool.close();
  }
}

/** The position of the `n`-th 1 (from 0) in `mask`. */
function nthSet(mask: Uint8Array, n: number): number {
  for (let j = 0, seen = 0; j < mask.length; j++) if (mask[j] === 1 && seen++ === n) return j;
  throw new Error(`mask has no ${n + 1}th new state`);
}

/** New states a worker keeps for the next level: the batch it stored under a piece's number. */
interface Retained {
  worker: number;
  batch: number;
  count: number;
}

/** A level's states, fetched from the workers that keep them (only at the depth bound). */
async function gather(pool: WorkerPool, level: readonly Retained[]): Promise<StateBatch> {
  const replies = await Promise.all(level.map((r) => pool.request(r.worker, { type: 'states', batch: r.batch })));
  return concatBatches(replies.map((r) => (r as Extract<FromWorker, { type: 'states' }>).states));
}

function violationOf<S, A>(search: Search<S, A>, id: number, name: string, depth: number): CheckResult<S, A> {
  search.hash(search.stateOf(id), 'a state');
  return search.violation(id, name, depth);
}

function deadlockOf<S, A>(search: Search<S, A>, id: number, depth: number): CheckResult<S, A> {
  return search.deadlock(id, search.stateOf(id), depth);
}
