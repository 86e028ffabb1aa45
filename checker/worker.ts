/**
 * A worker thread of the parallel BFS. Per level it receives a contiguous slice of the level's
 * states (as JSON) and answers two questions from the main thread: the fingerprints of all
 * successors of its states (with successor counts and deadlocks), then, given which successors
 * were new, those new states' first broken invariant and witnesses, and the new states themselves
 * (as JSON, in order), which the main thread splits evenly into the next level's slices.
 */
import { parentPort } from 'node:worker_threads';
import { messageOf } from '../lib/index.js';
import type { Model } from '../model/index.js';
import { buildModel, type ModelRecipe } from './model-recipe.js';
import { resolveCheckOptions } from './options.js';
import { BatchBuilder, batchLength, stateAt, type StateBatch } from './state-batch.js';
import { Search } from './search.js';

export type ToWorker =
  | { type: 'init'; recipe: ModelRecipe; deadlocks: boolean }
  | { type: 'expand'; chunk: number; level: number; states: StateBatch }
  | { type: 'keep'; chunk: number; mask: Uint8Array; level: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'expanded'; fps: Uint32Array; counts: Int32Array; deadlocks: Uint8Array }
  | { type: 'kept'; states: StateBatch; violation: { index: number; name: string } | null; witnesses: Record<string, number> }
  | { type: 'error'; message: string; modelError: boolean };

const port = parentPort!;
let model: Model<unknown, unknown>;
let search: Search<unknown, unknown>;
/** This worker's chunks of the level, by chunk number, kept from expansion to keeping. */
const chunks = new Map<number, StateBatch>();
let deadlocks = true;

function expand(frontier: StateBatch, level: number): FromWorker {
  const size = batchLength(frontier);
  const counts = new Int32Array(size);
  const dead = new Uint8Array(size);
  let fps = new Uint32Array(Math.max(16, size * 8));
  let n = 0;
  for (let i = 0; i < size; i++) {
    const s = stateAt(model, frontier, i);
    const acts = search.actionsOf(s, level);
    counts[i] = acts.length;
    if (deadlocks && search.isDeadlock(s, acts, level)) dead[i] = 1;
    search.expanding(s);
    for (const a of acts) {
      search.successor(s, a, level + 1);
      if (2 * n + 2 > fps.length) {
        const grown = new Uint32Array(fps.length * 2);
        grown.set(fps);
        fps = grown;
      }
      fps[2 * n] = search.fp[0] as number;
      fps[2 * n + 1] = search.fp[1] as number;
      n++;
    }
  }
  return { type: 'expanded', fps: fps.slice(0, 2 * n), counts, deadlocks: dead };
}

function keep(frontier: StateBatch, mask: Uint8Array, level: number): FromWorker {
  const next = new BatchBuilder(model);
  let kept = 0;
  let j = 0;
  let violation: { index: number; name: string } | null = null;
  const witnesses: Record<string, number> = {};
  const names = Object.keys(model.sometimes ?? {});
  // Only the new successors are computed again: keeping all of them from `expand` costs more in
  // garbage collection than the recomputation does.
  const size = batchLength(frontier);
  for (let i = 0; i < size; i++) {
    const s = stateAt(model, frontier, i);
    for (const a of model.actions(s)) {
      if (mask[j++] !== 1) continue;
      const t = model.next(s, a);
      if (violation === null) {
        const broken = search.inspect(t, level + 1);
        if (broken !== undefined) violation = { index: kept, name: broken };
      }
      for (const w of names) {
        if (witnesses[w] === undefined && model.sometimes![w]!(t)) witnesses[w] = kept;
      }
      next.push(t);
      kept++;
    }
  }
  return { type: 'kept', states: next.build(), violation, witnesses };
}

port.on('message', async (msg: ToWorker) => {
  try {
    switch (msg.type) {
      case 'init':
        model = await buildModel(msg.recipe);
        deadlocks = msg.deadlocks;
        search = new Search(model, resolveCheckOptions({ deadlocks }));
        port.postMessage({ type: 'ready' } satisfies FromWorker);
        return;
      case 'expand': {
        chunks.set(msg.chunk, msg.states);
        const reply = expand(msg.states, msg.level) as Extract<FromWorker, { type: 'expanded' }>;
        port.postMessage(reply, [reply.fps.buffer as ArrayBuffer, reply.counts.buffer as ArrayBuffer, reply.deadlocks.buffer as ArrayBuffer]);
        return;
      }
      case 'keep': {
        const frontier = chunks.get(msg.chunk) as StateBatch;
        chunks.delete(msg.chunk);
        port.postMessage(keep(frontier, msg.mask, msg.level));
        return;
      }
    }
  } catch (err) {
    port.postMessage({ type: 'error', message: messageOf(err), modelError: (err as Error).name === 'ModelError' } satisfies FromWorker);
  }
});
