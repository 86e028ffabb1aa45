/**
 * A worker thread of the parallel BFS. Per level it gets pieces of the level: states sent (the
 * first level) or ranges of the states it kept itself at the level before. For each piece it
 * answers two questions from the main thread: the fingerprints of all successors (with successor
 * counts and deadlocks), then, given which successors were new, those new states' first broken
 * invariant and witnesses and their number; it keeps the new states for the next level.
 */
import { parentPort } from 'node:worker_threads';
import { messageOf } from '../lib/index.js';
import type { Model } from '../model/index.js';
import { SuccessorFingerprints } from './successor-fingerprints.js';
import { buildModel, type ModelRecipe } from './model-recipe.js';
import { resolveCheckOptions } from './options.js';
import { BatchBuilder, batchLength, sliceBatch, stateAt, type StateBatch } from './state-batch.js';
import { Search } from './search.js';

/** The states of a piece: sent, or a range of a batch the worker kept at the previous level. */
export type ToWorkerSource = StateBatch | { readonly batch: number; readonly start: number; readonly end: number };

export type ToWorker =
  | { type: 'init'; recipe: ModelRecipe; deadlocks: boolean }
  | { type: 'expand'; chunk: number; level: number; source: ToWorkerSource }
  | { type: 'keep'; chunk: number; mask: Uint8Array; level: number }
  | { type: 'states'; batch: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'expanded'; fps: Uint32Array; counts: Int32Array; deadlocks: Uint8Array; known: Uint8Array | null }
  | { type: 'kept'; count: number; violation: { index: number; name: string } | null; witnesses: Record<string, number> }
  | { type: 'states'; states: StateBatch }
  | { type: 'error'; message: string; modelError: boolean };

const port = parentPort!;
let model: Model<unknown, unknown>;
let search: Search<unknown, unknown>;
/** This worker's pieces of the level, by piece number, kept from expansion to keeping. */
const chunks = new Map<number, StateBatch>();
/** The new states of this worker's pieces, by piece number: its share of the next level. */
const keptBatches = new Map<number, StateBatch>();

/** The states a piece names; a kept batch is let go once its last range is taken. */
function statesOf(source: ToWorkerSource): StateBatch {
  if ('kind' in source) return source;
  const batch = keptBatches.get(source.batch) as StateBatch;
  if (source.end === batchLength(batch)) keptBatches.delete(source.batch);
  return source.start === 0 && source.end === batchLength(batch) ? batch : sliceBatch(batch, source.start, source.end);
}
let deadlocks = true;
let compiled = false;
/** Reused from piece to piece, so that its arrays grow once. */
const collector = new SuccessorFingerprints();
/** A worker's chunks are sampled by position (ids are the main thread's): the first state and every this many. */
const sampleEvery = resolveCheckOptions({}).determinismSampleEvery;

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
  return { type: 'expanded', fps: fps.slice(0, 2 * n), counts, deadlocks: dead, known: null };
}

/**
 * The compiled route: successors() on the packed states, hashed as bytes. A successor equal to its
 * parent or to a recent sibling is marked known, so the main thread skips its lookup.
 */
function expandCompiled(frontier: Extract<StateBatch, { kind: 'packed' }>, level: number): FromWorker {
  const size = batchLength(frontier);
  const counts = new Int32Array(size);
  const dead = new Uint8Array(size);
  collector.clear();
  for (let i = 0; i < size; i++) {
    const bytes = frontier.bytes.subarray(frontier.offsets[i], frontier.offsets[i + 1]);
    counts[i] = collector.expand(search, bytes, level, i % sampleEvery === 0);
    if (counts[i] === 0 && deadlocks && !search.isFinal(model.decode!(bytes), level)) dead[i] = 1;
  }
  return { type: 'expanded', fps: collector.fps.slice(0, 2 * collector.length), counts, deadlocks: dead, known: collector.known.slice(0, collector.length) };
}

/** What keeping a piece gives: its new states (stay here), their number, a violation, witnesses. */
interface Keeping {
  states: StateBatch;
  count: number;
  violation: { index: number; name: string } | null;
  witnesses: Record<string, number>;
}

/** Checks and stores a piece's new states, in order: the first broken invariant, the witnesses. */
class Keeper {
  private readonly next: BatchBuilder<unknown>;
  private readonly names = Object.keys(model.sometimes ?? {});
  private count = 0;
  private violation: Keeping['violation'] = null;
  private readonly witnesses: Record<string, number> = {};

  /** `resident`: unpacked states stay objects (they are expanded here at the next level). */
  constructor(private readonly level: number, resident: boolean) {
    this.next = new BatchBuilder(model, resident);
  }

  /** Keeps the new state `s`; `bytes` is its packed form when the caller has it. */
  keep(s: unknown, bytes?: Uint8Array): void {
    if (this.violation === null) {
      const broken = search.inspect(s, this.level + 1);
      if (broken !== undefined) this.violation = { index: this.count, name: broken };
    }
    for (const w of this.names) {
      if (this.witnesses[w] === undefined && model.sometimes![w]!(s)) this.witnesses[w] = this.count;
    }
    if (bytes) this.next.pushBytes(bytes);
    else this.next.push(s);
    this.count++;
  }

  done(): Keeping {
    return { states: this.next.build(), count: this.count, violation: this.violation, witnesses: this.witnesses };
  }
}

function keepCompiled(frontier: Extract<StateBatch, { kind: 'packed' }>, mask: Uint8Array, level: number): Keeping {
  const keeper = new Keeper(level, false);
  let j = 0;
  const keepOne = (t: Uint8Array): void => {
    if (mask[j++] === 1) keeper.keep(model.decode!(t), t);
  };
  const size = batchLength(frontier);
  for (let i = 0; i < size; i++) model.successors!(frontier.bytes.subarray(frontier.offsets[i], frontier.offsets[i + 1]), keepOne);
  return keeper.done();
}

function keep(frontier: StateBatch, mask: Uint8Array, level: number): Keeping {
  const keeper = new Keeper(level, true);
  let j = 0;
  // Only the new successors are computed again: keeping all of them from `expand` costs more in
  // garbage collection than the recomputation does.
  const size = batchLength(frontier);
  for (let i = 0; i < size; i++) {
    const s = stateAt(model, frontier, i);
    for (const a of model.actions(s)) {
      if (mask[j++] === 1) keeper.keep(model.next(s, a));
    }
  }
  return keeper.done();
}

port.on('message', async (msg: ToWorker) => {
  try {
    switch (msg.type) {
      case 'init':
        model = await buildModel(msg.recipe);
        deadlocks = msg.deadlocks;
        search = new Search(model, resolveCheckOptions({ deadlocks }));
        compiled = search.compiled;
        port.postMessage({ type: 'ready' } satisfies FromWorker);
        return;
      case 'expand': {
        const states = statesOf(msg.source);
        chunks.set(msg.chunk, states);
        const reply = (compiled && states.kind === 'packed' ? expandCompiled(states, msg.level) : expand(states, msg.level)) as Extract<FromWorker, { type: 'expanded' }>;
        const buffers = [reply.fps.buffer, reply.counts.buffer, reply.deadlocks.buffer, ...(reply.known ? [reply.known.buffer] : [])] as ArrayBuffer[];
        port.postMessage(reply, buffers);
        return;
      }
      case 'keep': {
        const frontier = chunks.get(msg.chunk) as StateBatch;
        chunks.delete(msg.chunk);
        const { states, ...reply } = compiled && frontier.kind === 'packed' ? keepCompiled(frontier, msg.mask, msg.level) : keep(frontier, msg.mask, msg.level);
        keptBatches.set(msg.chunk, states);
        port.postMessage({ type: 'kept', ...reply } satisfies FromWorker);
        return;
      }
      case 'states': {
        const batch = keptBatches.get(msg.batch) as StateBatch;
        const states: StateBatch = batch.kind === 'objects' ? { kind: 'json', states: batch.states.map((s) => JSON.stringify(s)) } : batch;
        port.postMessage({ type: 'states', states } satisfies FromWorker);
        return;
      }
    }
  } catch (err) {
    port.postMessage({ type: 'error', message: messageOf(err), modelError: (err as Error).name === 'ModelError' } satisfies FromWorker);
  }
});
