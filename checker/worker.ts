/**
 * A worker thread of the parallel BFS. It owns a share of each level: the states it was sent at
 * the hand-off, then the new states it found itself. It expands them, looks their successors up
 * in the seen set all workers share, and keeps the ones it added first, checked, as its share of
 * the next level (packed, and spilling to disk past its part of the queue budget, as the
 * sequential search's levels do). Between chunks of work it publishes its counts and obeys three
 * flags: pause (the main thread is about to grow the table), stop (another worker met an event,
 * or the memory budget is spent) and donate (a worker is idle: give it half of what is left).
 * Any event (a violation, a deadlock, the state bound) only stops the search: the main thread
 * then finds it again in the one sequential order.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { messageOf } from '../lib/index.js';
import { nextCall, successorOf, type Model } from '../model/index.js';
import { newLevel, PackedLevel, type Level, type SpillOptions } from './level.js';
import { buildModel } from './model-recipe.js';
import { resolveCheckOptions } from './options.js';
import { Search } from './search.js';
import { SharedFingerprintTable } from './shared-table.js';
import { MAX_LOAD } from './visited.js';
import { BatchBuilder, batchLength, stateAt, type StateBatch } from './state-batch.js';
import { insertInOrder, SuccessorFingerprints } from './successor-fingerprints.js';
import { countersOf, DONATE, GROW_AT, PAUSE, STATES_MAX, STOP, type FromWorker, type Outcome, type ToWorker } from './worker-protocol.js';

const port = parentPort!;
let model: Model<unknown, unknown>;
let search: Search<unknown, unknown>;
let table: SharedFingerprintTable;
let control: Int32Array;
let counters: Float64Array;
let me = 0;
let workerCount = 1;
let compiled = false;
let spill: SpillOptions | null = null;
/** A worker's states are sampled by their position in its shares: the first and every this many. */
const sampleEvery = resolveCheckOptions({}).determinismSampleEvery;
let sampled = 0;

/** A chunk of work ends after at most this many successors. */
const CHUNK_SUCCESSORS = 1 << 13;
/**
 * How many states this worker may add in one chunk: the room the table keeps past its grow
 * threshold (a fifth of it, leaving a twentieth free), split among the workers, which may all be
 * in a chunk when the threshold is crossed. A chunk aims at half of it.
 */
let chunkRoom = 0;
let chunkSuccessors = 0;

function useTable(shared: SharedArrayBuffer): void {
  table = new SharedFingerprintTable(shared);
  chunkRoom = Math.floor(((1 - MAX_LOAD - 0.05) * table.capacity) / workerCount);
  chunkSuccessors = Math.max(1, Math.min(CHUNK_SUCCESSORS, Math.floor(chunkRoom / 2)));
}

/** Part of a share: the first `end` states of a level (the rest were given to another worker). */
interface Part {
  readonly level: Level<unknown>;
  end: number;
}
/**
 * This level's share (with any states given to this worker while it runs), the next level's as it
 * is found, and the next level's share once this one is done (evened out among workers there).
 */
let current: Part[] = [];
let next: Level<unknown>;
let upcoming: Part[] = [];
let added = 0;
let run: LevelRun | undefined;

/** A level holding the states of a batch sent here. */
function partOf(batch: StateBatch): Part {
  const level = newLevel(model, spill);
  for (let i = 0; i < batchLength(batch); i++) {
    if (batch.kind === 'packed' && level instanceof PackedLevel) level.pushBytes(batch.bytes.subarray(batch.offsets[i], batch.offsets[i + 1]));
    else level.push(stateAt(model, batch, i));
  }
  return { level, end: level.length };
}

/**
 * Publishes this worker's counts and raises the pause flag once the table is due to grow; the
 * states all workers added so far.
 */
function publish(): number {
  const at = countersOf(me);
  counters[at] = added;
  counters[at + 1] = search.transitions;
  let total = 0;
  for (let w = 0; w < workerCount; w++) total += counters[countersOf(w)] as number;
  if (total >= (counters[GROW_AT] as number)) Atomics.store(control, PAUSE, 1);
  return total;
}

/** A worker's states live in its own heap, whose limit the process's memory budget does not see. */
function heapNearlyFull(): boolean {
  const heap = getHeapStatistics();
  return heap.used_heap_size > 0.9 * heap.heap_size_limit;
}

/** Where this worker is in its share of a level, so that it can pause between chunks and go on. */
class LevelRun {
  private part = 0;
  private index = 0;
  private readonly collector = new SuccessorFingerprints();
  private counts = new Int32Array(1024);
  private fresh = new Uint8Array(0);
  private newStates = 0;
  private eventMet = false;
  /** A state had more new successors than the chunk had room for. */
  private full = false;
  private chunkAdded = 0;

  constructor(private readonly depth: number) {}

  /** Runs chunks until the share is done or a flag or an event says to stop. */
  go(): FromWorker {
    const before = added;
    for (;;) {
      if (this.part === current.length) return this.reply('done', before);
      const part = current[this.part] as Part;
      this.chunkAdded = 0;
      if (compiled && part.level instanceof PackedLevel) this.compiledChunk(part.level, part.end);
      else this.objectChunk(part.level, part.end);
      if (this.index === part.end) {
        part.level.release(part.level.length - 1);
        this.part++;
        this.index = 0;
      }
      const total = publish();
      if (this.full) {
        Atomics.store(control, STOP, 1);
        return this.reply('full', before);
      }
      if (this.eventMet || total > (counters[STATES_MAX] as number)) {
        Atomics.store(control, STOP, 1);
        return this.reply('event', before);
      }
      if (Atomics.load(control, STOP) === 1) return this.reply('stopped', before);
      if (heapNearlyFull()) {
        Atomics.store(control, STOP, 1);
        return this.reply('memory', before);
      }
      if (Atomics.load(control, PAUSE) === 1) return this.reply('paused', before);
      const left = this.left();
      if (left >= DONATE_MIN && Atomics.load(control, DONATE) === 1 && Atomics.compareExchange(control, DONATE, 1, 0) === 1) {
        return this.reply('donated', before, takeFromEnd(current, Math.floor(left / 2)));
      }
    }
  }

  /** States of this level's share not expanded yet. */
  private left(): number {
    let n = 0;
    for (let p = this.part; p < current.length; p++) n += (current[p] as Part).end - (p === this.part ? this.index : 0);
    return n;
  }

  private reply(outcome: Outcome, before: number, donated?: StateBatch): FromWorker {
    this.newStates += added - before;
    if (outcome === 'done' && next.length > 0) {
      upcoming.push({ level: next, end: next.length });
      next = newLevel(model, spill);
    }
    return { type: 'level', outcome, newStates: this.newStates, witnesses: search.counters().reachedWitnesses, ...(donated ? { donated } : {}) };
  }

  /** Keeps a new state (with its packed form, when the caller has it) for the next level. */
  private keep(s: unknown, bytes?: Uint8Array): void {
    if (added % sampleEvery === 0) search.verifyPacking(s, this.depth + 1);
    if (search.inspect(s, this.depth + 1) !== undefined) this.eventMet = true;
    else next.push(s, bytes);
    added++;
  }

  /** Through actions() and next(), one state at a time. */
  private objectChunk(level: Level<unknown>, end: number): void {
    const { depth } = this;
    const { fp } = search;
    for (let successors = 0; this.index < end && successors < chunkSuccessors; this.index++) {
      const s = level.get(this.index);
      level.release(this.index);
      const acts = search.actionsOf(s, depth);
      if (sampled++ % sampleEvery === 0) search.verifyDeterministic(s, acts, depth);
      if (search.isDeadlock(s, acts, depth)) {
        this.eventMet = true;
        return;
      }
      search.expanding(s);
      successors += acts.length;
      for (let k = 0; k < acts.length; k++) {
        const t = search.successor(s, acts[k], depth + 1);
        if (!table.add(fp[0] as number, fp[1] as number)) continue;
        this.keep(t);
        if (this.eventMet) return;
        if (++this.chunkAdded === chunkRoom) {
          this.full = true;
          return;
        }
      }
    }
  }

  /** Through the compiled successor function: bytes in, bytes out, lookups read ahead. */
  private compiledChunk(level: PackedLevel<unknown>, end: number): void {
    const { depth, collector } = this;
    const decode = model.decode as (bytes: Uint8Array) => unknown;
    const from = this.index;
    collector.clear();
    let to = from;
    for (; to < end && collector.length < chunkSuccessors; to++) {
      if (to - from === this.counts.length) {
        const grown = new Int32Array(2 * this.counts.length);
        grown.set(this.counts);
        this.counts = grown;
      }
      this.counts[to - from] = collector.expand(search, level.bytesAt(to), depth, sampled++ % sampleEvery === 0);
    }
    search.transitions += collector.length;
    if (collector.length > chunkRoom) {
      this.full = true;
      return;
    }
    if (this.fresh.length < collector.length) this.fresh = new Uint8Array(collector.fps.length / 2);
    insertInOrder(table, collector.fps, collector.known, 0, collector.length, this.fresh);
    this.index = to;
    let j = 0;
    for (let i = from; i < to; i++) {
      const count = this.counts[i - from] as number;
      if (count === 0 && search.isDeadlock(decode(level.bytesAt(i)), [], depth)) {
        this.eventMet = true;
        return;
      }
      for (const stop = j + count; j < stop; j++) {
        if (this.fresh[j] === 0) continue;
        const t = collector.bytesOf(j);
        this.keep(decode(t), t);
        if (this.eventMet) return;
      }
    }
  }
}

/** At the depth bound: whether a state of this share deadlocks, and whether one has an unseen successor. */
function probe(depth: number): FromWorker {
  const { fp } = search;
  let unseen = false;
  for (const { level, end } of upcoming) {
    for (let i = 0; i < end; i++) {
      const s = level.get(i);
      const acts = search.actionsOf(s, depth);
      if (search.isDeadlock(s, acts, depth)) return { type: 'probed', deadlock: true, unseen };
      for (let k = 0; k < acts.length && !unseen; k++) {
        const a = acts[k];
        search.hash(successorOf(model, s, a, depth + 1), nextCall(model, a, depth + 1));
        unseen = !table.has(fp[0] as number, fp[1] as number);
      }
    }
  }
  return { type: 'probed', deadlock: false, unseen };
}

/** Fewer states than this left in a share are not worth giving away. */
const DONATE_MIN = 256;

/** The last `count` states of `parts`, taken out of them (for another worker). */
function takeFromEnd(parts: Part[], count: number): StateBatch {
  const out = new BatchBuilder(model);
  const taken: { level: Level<unknown>; from: number; to: number }[] = [];
  while (count > 0) {
    const part = parts[parts.length - 1] as Part;
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

function answer(msg: Exclude<ToWorker, { type: 'init' }>): FromWorker {
  switch (msg.type) {
    case 'frontier':
      upcoming = [partOf(msg.states)];
      useTable(msg.table);
      return { type: 'ready' };
    case 'level':
      current = upcoming;
      upcoming = [];
      run = new LevelRun(msg.depth);
      return run.go();
    case 'resume':
      return (run as LevelRun).go();
    case 'help':
      current.push(partOf(msg.states));
      return (run as LevelRun).go();
    case 'rehash': {
      const bigger = new SharedFingerprintTable(msg.bigger);
      table.rehashInto(bigger, me, workerCount);
      useTable(msg.bigger);
      return { type: 'rehashed' };
    }
    case 'probe':
      return probe(msg.depth);
    case 'give':
      return { type: 'given', states: takeFromEnd(upcoming, msg.count) };
    case 'take':
      upcoming.push(partOf(msg.states));
      return { type: 'taken' };
  }
}

port.on('message', async (msg: ToWorker) => {
  try {
    if (msg.type === 'init') {
      model = await buildModel(msg.recipe);
      search = new Search(model, resolveCheckOptions({ deadlocks: msg.deadlocks }));
      compiled = search.compiled;
      control = new Int32Array(msg.control);
      counters = new Float64Array(msg.counters);
      me = msg.index;
      workerCount = msg.workers;
      spill = msg.spill;
      next = newLevel(model, spill);
      port.postMessage({ type: 'ready' } satisfies FromWorker);
      return;
    }
    port.postMessage(answer(msg));
  } catch (err) {
    port.postMessage({ type: 'error', message: messageOf(err), modelError: (err as Error).name === 'ModelError' } satisfies FromWorker);
  }
});
