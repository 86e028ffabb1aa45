/**
 * Breadth-first search over 64-bit state fingerprints. Level by level, so the first violation
 * found is a shortest one; parent links (two ints per state) rebuild its path. Only the current
 * and next levels' states are kept as objects. With a checkpoint folder, the search saves itself
 * every interval and can be continued from the last save with the same result.
 */
import type { Model } from '../model/index.js';
import { saveCheckpoint, type BfsPosition } from './checkpoint.js';
import { newLevel, type Level } from './level.js';
import type { CheckOptions } from './options.js';
import type { CheckResult } from './result.js';
import { Search } from './search.js';

/** How often (in expanded states) the clock is read for progress and checkpoints. */
const POLL_EVERY = 4096;

/** Runs the search; model misbehaviour is thrown as ModelError, everything else is the result. */
export function bfs<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  const search = new Search(model, options);
  const start = options.resumeFrom ? resume(search, options) : begin(search);
  if ('verdict' in start) return start;
  const { table, fp } = search;
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

  for (; frontier.length > 0; level++) {
    if (level >= options.depthMax) return probeBeyondDepth(search, frontier.slice(0), frontierStart, level);
    for (let i = 0; i < frontier.length; i++) {
      const s = frontier.get(i);
      frontier.release(i);
      const id = frontierStart + i;
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
      if (++expanded % poll !== 0) continue;
      if (options.memoryExceeded()) return search.incomplete('memoryMax');
      const now = options.clock();
      if (options.checkpoint && now - lastSave >= options.checkpoint.intervalMs) {
        const position = { level, frontierStart: id + 1, frontier: frontier.slice(i + 1), next: next.slice(0), expanded };
        saveCheckpoint(options.checkpoint.dir, { counters: search.counters(), position, table, links: search.links });
        lastSave = options.clock();
      }
      if (expanded % options.progressEvery === 0 || now - lastReport >= 1000) {
        lastReport = now;
        const stats = search.stats();
        options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth: level, queued: frontier.length - i - 1 + next.length, elapsedMs: stats.elapsedMs });
      }
    }
    frontierStart += frontier.length;
    frontier = next;
    next = newLevel(model, options.spill);
  }
  return search.ok();
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
function probeBeyondDepth<S, A>(search: Search<S, A>, frontier: readonly S[], frontierStart: number, level: number): CheckResult<S, A> {
  const { model, table, fp } = search;
  let unseen = false;
  for (let i = 0; i < frontier.length; i++) {
    const s = frontier[i] as S;
    const acts = search.actionsOf(s, level);
    if (search.isDeadlock(s, acts, level)) return search.deadlock(frontierStart + i, s, level);
    for (let k = 0; k < acts.length && !unseen; k++) {
      search.hash(model.next(s, acts[k] as A), `next() at step ${level + 1}`);
      unseen = !table.has(fp[0] as number, fp[1] as number);
    }
  }
  return unseen ? search.incomplete('depthMax') : search.ok();
}
