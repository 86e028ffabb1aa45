/**
 * Breadth-first search over 64-bit state fingerprints. Level by level, so the first violation
 * found is a shortest one; parent links (two ints per state) rebuild its path. Only the current
 * and next levels' states are kept as objects. With a checkpoint folder, the search saves itself
 * every interval and can be continued from the last save with the same result.
 */
import { nextCall, successorOf, type Model } from '../model/index.js';
import { saveCheckpoint, type BfsPosition, type Snapshot } from './checkpoint.js';
import { compiledExpansion } from './compiled-expansion.js';
import type { Expansion } from './expansion.js';
import { newLevel, type Level } from './level.js';
import type { CheckOptions } from './options.js';
import type { CheckResult } from './result.js';
import { Search } from './search.js';

/** How often (in expanded states) the clock is read for progress and checkpoints. */
const POLL_EVERY = 4096;

/** Runs the search; model misbehaviour is thrown as ModelError, everything else is the result. */
export function bfs<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  return bfsUntil(model, options, Infinity) as CheckResult<S, A>;
}

/** Where a search handed over to another engine: at the start of a level. */
export interface HandOff<S> {
  handOff: Snapshot<S>;
}

/**
 * The search, or where it stood when a level of at least `handOffAt` states was about to be
 * expanded (the parallel search takes over there, so that small searches start no threads).
 * `nearing` is called once, at the first level of a quarter of that size.
 */
export function bfsUntil<S, A>(model: Model<S, A>, options: CheckOptions, handOffAt: number, nearing = (): void => {}): CheckResult<S, A> | HandOff<S> {
  const search = new Search(model, options);
  const start = options.resumeFrom ? resume(search, options) : begin(search);
  if ('verdict' in start) return start;
  let { level, frontierStart, expanded } = start;
  const levelOf = (states: readonly S[]): Level<S> => {
    const l = newLevel(model, options.spill);
    for (const s of states) l.push(s);
    return l;
  };
  let frontier = levelOf(start.frontier);
  let next = levelOf(start.next);
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
      const position = { level, frontierStart, frontier: frontier.slice(0), next: [], expanded };
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
      if (options.memoryExceeded()) return search.incomplete('memoryMax');
      const now = options.clock();
      if (options.checkpoint && now - lastSave >= options.checkpoint.intervalMs) {
        // At the end of a level the save starts the next one: a saved empty frontier would end the search.
        const position =
          i < frontier.length
            ? { level, frontierStart: frontierStart + i, frontier: frontier.slice(i), next: next.slice(0), expanded }
            : { level: level + 1, frontierStart: frontierStart + i, frontier: next.slice(0), next: [], expanded };
        saveCheckpoint(options.checkpoint.dir, { counters: search.counters(), position, table: search.table, links: search.links });
        lastSave = options.clock();
      }
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
function begin<S, A>(search: Search<S, A>): BfsPosition<S> | CheckResult<S, A> {
  const roots = search.roots();
  return Array.isArray(roots) ? { level: 0, frontierStart: 0, frontier: roots, next: [], expanded: 0 } : roots;
}

/** Where a saved search stood, with its table, links and counters restored. */
function resume<S, A>(search: Search<S, A>, options: CheckOptions): BfsPosition<S> {
  const saved = options.resumeFrom!;
  search.restore(saved.table, saved.links, saved.counters);
  return saved.position as BfsPosition<S>;
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
