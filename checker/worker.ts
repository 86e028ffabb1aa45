/**
 * A worker thread of the parallel BFS. It owns a share of each level: the states it was sent at
 * the hand-off, then the new states it found itself. It expands them, looks their successors up
 * in the seen set all workers share, and keeps the ones it added first, checked, as its share of
 * the next level. Between chunks of work it publishes its counts and obeys two flags: pause (the
 * main thread is about to grow the table) and stop (another worker met an event, or the memory
 * budget is spent). Any event (a violation, a deadlock, the state bound) only stops the search:
 * the main thread then finds it again in the one sequential order.
 */
import { parentPort } from 'node:worker_threads';
import { messageOf } from '../lib/index.js';
import type { Model } from '../model/index.js';
import { buildModel } from './model-recipe.js';
import { resolveCheckOptions } from './options.js';
import { Search } from './search.js';
import { SharedFingerprintTable } from './shared-table.js';
import { BatchBuilder, batchLength, sliceBatch, stateAt, type StateBatch } from './state-batch.js';
import { insertInOrder, SuccessorFingerprints } from './successor-fingerprints.js';
import { CHUNK_SUCCESSORS, countersOf, GROW_AT, PAUSE, STATES_MAX, STOP, type FromWorker, type Outcome, type ToWorker } from './worker-protocol.js';

/** New states are kept in batches of at most this many, so that a level is freed as it is expanded. */
const BATCH_STATES = 1 << 16;

const port = parentPort!;
let model: Model<unknown, unknown>;
let search: Search<unknown, unknown>;
let table: SharedFingerprintTable;
let control: Int32Array;
let counters: Float64Array;
let me = 0;
let workerCount = 1;
let compiled = false;
/** A worker's states are sampled by their position in its shares: the first and every this many. */
const sampleEvery = resolveCheckOptions({}).determinismSampleEvery;
let sampled = 0;

/** This level's share, and the next level's as it is found. */
let current: StateBatch[] = [];
let next: StateBatch[] = [];
let building: BatchBuilder<unknown>;
let buildingCount = 0;
let added = 0;
let run: LevelRun | undefined;

function keepNew(s: unknown, bytes: Uint8Array | undefined): void {
  if (bytes) building.pushBytes(bytes);
  else building.push(s);
  added++;
  if (++buildingCount === BATCH_STATES) {
    next.push(building.build());
    building = new BatchBuilder(model, true);
    buildingCount = 0;
  }
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

/** Where this worker is in its share of a level, so that it can pause between chunks and go on. */
class LevelRun {
  private batch = 0;
  private index = 0;
  private readonly collector = new SuccessorFingerprints(true);
  private counts = new Int32Array(1024);
  private fresh = new Uint8Array(0);
  private newStates = 0;
  private eventMet = false;

  constructor(private readonly depth: number) {}

  /** Runs chunks until the share is done or a flag or an event says to stop. */
  go(): FromWorker {
    const before = added;
    for (;;) {
      if (this.batch === current.length) return this.reply('done', before);
      const states = current[this.batch] as StateBatch;
      if (compiled && states.kind === 'packed') this.compiledChunk(states);
      else this.objectChunk(states);
      if (this.index === batchLength(states)) {
        current[this.batch] = { kind: 'objects', states: [] };
        this.batch++;
        this.index = 0;
      }
      const total = publish();
      if (this.eventMet || total > (counters[STATES_MAX] as number)) {
        Atomics.store(control, STOP, 1);
        return this.reply('event', before);
      }
      if (Atomics.load(control, STOP) === 1) return this.reply('stopped', before);
      if (Atomics.load(control, PAUSE) === 1) return this.reply('paused', before);
    }
  }

  private reply(outcome: Outcome, before: number): FromWorker {
    this.newStates += added - before;
    if (outcome === 'done') {
      if (buildingCount > 0) next.push(building.build());
      current = next;
      next = [];
      building = new BatchBuilder(model, true);
      buildingCount = 0;
    }
    return { type: 'level', outcome, newStates: this.newStates, witnesses: search.counters().reachedWitnesses };
  }

  /** Through actions() and next(), one state at a time. */
  private objectChunk(states: StateBatch): void {
    const { depth } = this;
    const { fp } = search;
    const size = batchLength(states);
    for (let successors = 0; this.index < size && successors < CHUNK_SUCCESSORS; this.index++) {
      const s = stateAt(model, states, this.index);
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
        if (added % sampleEvery === 0) search.verifyPacking(t, depth + 1);
        if (search.inspect(t, depth + 1) !== undefined) {
          this.eventMet = true;
          return;
        }
        keepNew(t, model.encode ? model.encode(t) : undefined);
      }
    }
  }

  /** Through the compiled successor function: bytes in, bytes out, lookups read ahead. */
  private compiledChunk(states: Extract<StateBatch, { kind: 'packed' }>): void {
    const { depth, collector } = this;
    const decode = model.decode as (bytes: Uint8Array) => unknown;
    const size = batchLength(states);
    const from = this.index;
    collector.clear();
    let to = from;
    for (; to < size && collector.length < CHUNK_SUCCESSORS; to++) {
      if (to - from === this.counts.length) {
        const grown = new Int32Array(2 * this.counts.length);
        grown.set(this.counts);
        this.counts = grown;
      }
      this.counts[to - from] = collector.expand(search, states.bytes.subarray(states.offsets[to], states.offsets[to + 1]), depth, sampled++ % sampleEvery === 0);
    }
    search.transitions += collector.length;
    if (this.fresh.length < collector.length) this.fresh = new Uint8Array(collector.fps.length / 2);
    insertInOrder(table, collector.fps, collector.known, 0, collector.length, this.fresh);
    this.index = to;
    let j = 0;
    for (let i = from; i < to; i++) {
      const count = this.counts[i - from] as number;
      if (count === 0 && search.isDeadlock(decode(states.bytes.subarray(states.offsets[i], states.offsets[i + 1])), [], depth)) {
        this.eventMet = true;
        return;
      }
      for (const end = j + count; j < end; j++) {
        if (this.fresh[j] === 0) continue;
        const t = collector.bytesOf(j);
        const s = decode(t);
        if (added % sampleEvery === 0) search.verifyPacking(s, depth + 1);
        if (search.inspect(s, depth + 1) !== undefined) {
          this.eventMet = true;
          return;
        }
        keepNew(s, t);
      }
    }
  }
}

/** At the depth bound: whether a state of this share deadlocks, and whether one has an unseen successor. */
function probe(depth: number): FromWorker {
  const { fp } = search;
  let unseen = false;
  for (const states of current) {
    for (let i = 0; i < batchLength(states); i++) {
      const s = stateAt(model, states, i);
      const acts = search.actionsOf(s, depth);
      if (search.isDeadlock(s, acts, depth)) return { type: 'probed', deadlock: true, unseen };
      for (let k = 0; k < acts.length && !unseen; k++) {
        search.hash(model.next(s, acts[k]), `next() at step ${depth + 1}`);
        unseen = !table.has(fp[0] as number, fp[1] as number);
      }
    }
  }
  return { type: 'probed', deadlock: false, unseen };
}

/** The last `count` states of this worker's share of the level, taken out of it (to even the shares out). */
function give(count: number): StateBatch {
  const out = new BatchBuilder(model, false);
  const taken: StateBatch[] = [];
  while (count > 0) {
    const last = current.pop() as StateBatch;
    const size = batchLength(last);
    const from = Math.max(0, size - count);
    if (from > 0) current.push(sliceBatch(last, 0, from));
    taken.push(sliceBatch(last, from, size));
    count -= size - from;
  }
  for (const part of taken.reverse()) {
    for (let i = 0; i < batchLength(part); i++) {
      if (part.kind === 'packed') out.pushBytes(part.bytes.subarray(part.offsets[i], part.offsets[i + 1]));
      else out.push(stateAt(model, part, i));
    }
  }
  return out.build();
}

function answer(msg: ToWorker): FromWorker | undefined {
  switch (msg.type) {
    case 'init':
      return undefined;
    case 'frontier':
      current = [msg.states];
      table = new SharedFingerprintTable(msg.table);
      return { type: 'ready' };
    case 'level':
      run = new LevelRun(msg.depth);
      return run.go();
    case 'resume':
      return (run as LevelRun).go();
    case 'rehash': {
      const bigger = new SharedFingerprintTable(msg.bigger);
      table.rehashInto(bigger, me, workerCount);
      table = bigger;
      return { type: 'rehashed' };
    }
    case 'probe':
      return probe(msg.depth);
    case 'give':
      return { type: 'given', states: give(msg.count) };
    case 'take':
      current.push(msg.states);
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
      building = new BatchBuilder(model, true);
      port.postMessage({ type: 'ready' } satisfies FromWorker);
      return;
    }
    const reply = answer(msg);
    if (reply) port.postMessage(reply);
  } catch (err) {
    port.postMessage({ type: 'error', message: messageOf(err), modelError: (err as Error).name === 'ModelError' } satisfies FromWorker);
  }
});
