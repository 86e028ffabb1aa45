/**
 * Depth-first search with an explicit stack (no recursion), bounded by depthMax. It finds deep
 * states with little memory for the frontier; its counterexamples are valid but not shortest.
 * Like SPIN's, a bounded DFS with a seen set can miss states first met beyond the bound and later
 * reachable above it, so hitting the bound makes the verdict `incomplete`.
 */
import type { Model } from '../model/index.js';
import type { CheckOptions } from './options.js';
import type { CheckResult } from './result.js';
import { Search } from './search.js';

interface Frame<S, A> {
  readonly state: S;
  readonly id: number;
  acts: A[] | undefined;
  k: number;
}

export function dfs<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  const search = new Search(model, options);
  const { table, links, fp } = search;
  const stack: Frame<S, A>[] = [];
  let cut = false;
  let expanded = 0;
  const roots = search.roots();
  if (!Array.isArray(roots)) return roots;
  roots.forEach((state, id) => stack.push({ state, id, acts: undefined, k: 0 }));
  stack.reverse(); // the first initial state on top: explored first
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame<S, A>;
    const depth = stack.length - 1;
    if (frame.acts === undefined) {
      frame.acts = search.actionsOf(frame.state, depth);
      if (frame.id % options.determinismSampleEvery === 0) search.verifyDeterministic(frame.state, frame.acts, depth);
      if (search.isDeadlock(frame.state, frame.acts, depth)) return search.deadlock(frame.id, frame.state, depth);
      if (++expanded % options.progressEvery === 0) {
        if (options.memoryExceeded()) return search.incomplete('memoryMax');
        const stats = search.stats();
        options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth, queued: stack.length, elapsedMs: stats.elapsedMs });
      }
    }
    if (frame.k >= frame.acts.length) {
      stack.pop();
      continue;
    }
    const k = frame.k++;
    search.expanding(frame.state);
    const t = search.successor(frame.state, frame.acts[k] as A, depth + 1);
    if (table.has(fp[0] as number, fp[1] as number)) continue;
    if (depth >= options.depthMax) {
      cut = true;
      continue;
    }
    table.add(fp[0] as number, fp[1] as number);
    if (links.length >= options.statesMax) return search.incomplete('statesMax');
    links.push(frame.id, k);
    if (depth + 1 > search.depth) search.depth = depth + 1;
    const broken = search.inspect(t, depth + 1);
    if (broken !== undefined) return search.violation(links.length - 1, broken, depth + 1);
    stack.push({ state: t, id: links.length - 1, acts: undefined, k: 0 });
  }
  return cut ? search.incomplete('depthMax') : search.ok();
}
