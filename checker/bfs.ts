/**
 * Breadth-first search over 64-bit state fingerprints. Level by level, so the first violation
 * found is a shortest one; parent links (two ints per state) rebuild its path. Only the current
 * and next levels' states are kept as objects. With a checkpoint folder, the search saves itself
 * every interval and can be continued from the last save with the same result.
 */
import { InputError, messageOf } from '../lib/index.js';
import { nextCall, successorOf, type Model } from '../model/index.js';
import { readSnapshot, saveSnapshot, type SavedPosition } from './checkpoint.js';
import { compiledExpansion } from './compiled-expansion.js';
import type { Expansion } from './expansion.js';
import { newLevel, type Level } from './level.js';
import type { CheckOptions } from './options.js';
import type { CheckResult } from './result.js';
import { Search, type SearchCounters } from './search.js';
import type { FingerprintTable, ParentLinks } from './visited.js';

/** How often (in expanded states) the clock is read for progress and checkpoints. */
const POLL_EVERY = 4096;

/** Runs the search; model misbehaviour is thrown as ModelError, everything else is the result. */
export function bfs<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  return bfsUntil(model, options, Infinity) as CheckResult<S, A>;
}

/** Where a search handed over to another engine: at the start of a level, its states as objects. */
export interface HandOff<S> {
  handOff: { counters: SearchCounters; position: { level: number; frontier: S[] }; table: FingerprintTable; links: ParentLinks };
}

/** Where the search starts: from init(), or from a checkpoint. */
interface Start<S> extends SavedPosition {
  frontier: Level<S>;
  next: Level<S>;
}

/**
 * The search, or where it stood when a level of at least `handOffAt` states was about to be
 * expanded (the parallel search takes over there, so that small searches start no threads).
 * `nearing` is called once, at the first level of a quarter of that size.
 */
export function bfsUntil<S, A>(model: Model<S, A>, options: CheckOptions, handOffAt: number, nearing = (): void => {}): CheckResult<S, A> | HandOff<S> {
  const search = new Search(model, options);
  const start = options.resumeFrom ? resume(search, options) : begin(search, options);
  if ('verdict' in start) return start;
  let { level, frontierStart, expanded, frontier, next } = start;
  let lastReport = options.clock();
  let lastSave = lastReport;
  const poll = Math.min(POLL_EVERY, options.progressEvery);

  const expand = search.compiled && !options.coverage ? compiledExpansion(search, options) : objectExpansion(search, options);
  const crossed = (before: number, every: number): boolean => Math.floor(expanded / every) !== Math.floor(before / every);

  let near = false;
  for (; frontier.length > 0; level++) {
    if (level >= options.depthMax) {
      const states = frontier.slice(0);
      frontier.release(frontier.length - 1);
      return probeBeyondDepth(search, states, frontierStart, level);
    }
    if (!near && frontier.length >= handOffAt / 4) {
      near = true;
      nearing();
    }
    if (frontier.length >= handOffAt && next.length === 0) {
      const position = { level, frontier: frontier.slice(0) };
      // The level goes on as objects: its spill file, if any, goes now.
      frontier.release(frontier.length - 1);
      return { handOff: { counters: search.counters(), position, table: search.table, links: search.links } };
    }
    for (let i = 0; i < frontier.length; ) {
      const done = expand(frontier, i, frontierStart + i, level, next);
      if (typeof done !== 'number') return done;
      i += done;
      const before = expanded;
      expanded += done;
      if (!crossed(before, poll)) continue;
      const now = options.clock();
      const spent = options.memoryExceeded();
      // A search stopped by the memory budget is saved first, to be resumed with more.
      if (options.checkpoint && (spent || now - lastSave >= options.checkpoint.intervalMs)) {
        // At the end of a level the save starts the next one: a saved empty frontier would end the search.
        const live = i < frontier.length
          ? { position: { level, frontierStart: frontierStart + i, expanded }, frontier, from: i, next }
          : { position: { level: level + 1, frontierStart: frontierStart + i, expanded }, frontier: next, from: 0, next: null };
        saveSnapshot(options.checkpoint, { ...live, counters: search.counters(), table: search.table, links: search.links });
        lastSave = options.clock();
      }
      if (spent) return search.incomplete('memoryMax');
      if (crossed(before, options.progressEvery) || now - lastReport >= 1000) {
        lastReport = now;
        const stats = search.stats();
        options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth: level, queued: frontier.length - i + next.length, elapsedMs: stats.elapsedMs });
      }
    }
    frontierStart += frontier.length;
    frontier = next;
    next = newLevel(model, options.spill);
  }
  return search.ok();
}

/** Through the contract, one state at a time: actions(), then next() and a fingerprint per action. */
function objectExpansion<S, A>(search: Search<S, A>, options: CheckOptions): Expansion<S, A> {
  const { fp } = search;
  return (frontier, i, id, level, next) => {
    const { table } = search;
    const s = frontier.get(i);
    frontier.release(i);
    const acts = search.actionsOf(s, level);
    if (id % options.determinismSampleEvery === 0) search.verifyDeterministic(s, acts, level);
    if (search.isDeadlock(s, acts, level)) return search.deadlock(id, s, level);
    search.expanding(s);
    for (let k = 0; k < acts.length; k++) {
      const t = search.successor(s, acts[k] as A, level + 1);
      if (!table.add(fp[0] as number, fp[1] as number)) continue;
      if (search.links.length >= options.statesMax) return search.incomplete('statesMax');
      search.links.push(id, k);
      // The first states, and a sample after, check the model's packing round trip.
      if (search.links.length <= 1024 || search.links.length % options.determinismSampleEvery === 0) search.verifyPacking(t, level + 1);
      search.depth = level + 1;
      const broken = search.inspect(t, level + 1);
      if (broken !== undefined) return search.violation(search.links.length - 1, broken, level + 1);
      next.push(t, search.bytes);
    }
    return 1;
  };
}

/** The initial states, stored and checked: level 0. */
function begin<S, A>(search: Search<S, A>, options: CheckOptions): Start<S> | CheckResult<S, A> {
  const roots = search.roots();
  if (!Array.isArray(roots)) return roots;
  const frontier = newLevel(search.model, options.spill);
  for (const s of roots) frontier.push(s);
  return { level: 0, frontierStart: 0, expanded: 0, frontier, next: newLevel(search.model, options.spill) };
}

/**
 * Where a saved search stood, with its table, links and counters restored. Every saved state
 * must be one the table has seen: a snapshot of another model or of other parameters fails here
 * even where its header does not say so.
 */
function resume<S, A>(search: Search<S, A>, options: CheckOptions): Start<S> {
  const saved = readSnapshot(options.resumeFrom!, () => newLevel(search.model, options.spill));
  search.restore(saved.table, saved.links, saved.counters);
  for (const [name, level] of [['frontier', saved.frontier], ['next level', saved.next]] as const) {
    for (let i = 0; i < level.length; i++) {
      const where = `checkpoint ${options.resumeFrom!.file}: state ${i} of its ${name}`;
      try {
        search.hash(level.get(i), 'a saved state');
      } catch (err) {
        throw new InputError(`${where} is not a state of this model (${messageOf(err)})`);
      }
      // Compiled successors read the saved bytes themselves: they must be the ones encode() gives.
      if (search.compiled && !sameBytes(search.bytes as Uint8Array, level.savedAt(i))) throw new InputError(`${where} is not packed as this model packs it`);
      if (!saved.table.has(search.fp[0] as number, search.fp[1] as number)) throw new InputError(`${where} is not in its seen table`);
    }
  }
  return { ...saved.position, frontier: saved.frontier, next: saved.next };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * At the depth bound: deadlocks there are still reported, and the search is incomplete only if a
 * state there has a successor never seen.
 */
export function probeBeyondDepth<S, A>(search: Search<S, A>, frontier: readonly S[], frontierStart: number, level: number): CheckResult<S, A> {
  const { model, table, fp } = search;
  let unseen = false;
  for (let i = 0; i < frontier.length; i++) {
    const s = frontier[i] as S;
    const acts = search.actionsOf(s, level);
    if (search.isDeadlock(s, acts, level)) return search.deadlock(frontierStart + i, s, level);
    for (let k = 0; k < acts.length && !unseen; k++) {
      const a = acts[k] as A;
      search.hash(successorOf(model, s, a, level + 1), nextCall(model, a, level + 1));
      unseen = !table.has(fp[0] as number, fp[1] as number);
    }
  }
  return unseen ? search.incomplete('depthMax') : search.ok();
}
