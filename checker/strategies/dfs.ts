/**
 * Depth-first search with an explicit stack (no recursion), bounded by depthMax. It finds deep
 * states with little memory for the frontier; its counterexamples are valid but not shortest.
 * Like SPIN's, a bounded DFS with a seen set can miss states first met beyond the bound and later
 * reachable above it, so hitting the bound makes the verdict `incomplete`.
 */
import { isDeadlock, type Model } from '../../model/index.js';
import { auditDeterminism } from '../context/audits.js';
import { actionsOf, searchContext, successorIn, type SearchContext } from '../context/context.js';
import { incompleteResult, okResult } from '../context/results.js';
import { auditSymmetryIn, checksSymmetry } from '../context/symmetry-audit.js';
import type { CheckOptions } from '../options.js';
import type { CheckResult } from '../result.js';
import { SequentialStore } from '../store/sequential-store.js';
import { stoppedResult, storeRoots, storeStats } from './sequential.js';

interface Frame<S, A> {
  readonly state: S;
  readonly id: number;
  acts: A[] | undefined;
  k: number;
}

export function dfs<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  const ctx = searchContext(model, options);
  const store = SequentialStore.empty(options);
  const roots = storeRoots(ctx, store);
  if (!Array.isArray(roots)) return stoppedResult(ctx, store, roots);
  const stack: Frame<S, A>[] = roots.map((state, id) => ({ state, id, acts: undefined, k: 0 }));
  stack.reverse(); // the first initial state on top: explored first
  let cut = false;
  let expanded = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame<S, A>;
    const depth = stack.length - 1;
    if (frame.acts === undefined) {
      const ended = enter(ctx, store, frame, depth);
      if (ended !== undefined) return ended;
      if (++expanded % options.progressEvery === 0) {
        if (options.memoryExceeded()) return incompleteResult(ctx, 'memoryMax', storeStats(ctx, store));
        const stats = storeStats(ctx, store);
        options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth, queued: stack.length, elapsedMs: stats.elapsedMs });
      }
    }
    const acts = frame.acts as A[];
    if (frame.k >= acts.length) {
      stack.pop();
      continue;
    }
    const k = frame.k++;
    ctx.hasher.parent(frame.state);
    const t = successorIn(ctx, frame.state, acts[k] as A, depth + 1);
    const h = ctx.hasher.successor(t, acts[k] as A, depth + 1);
    if (store.has(h.hi, h.lo)) continue;
    if (depth >= options.depthMax) {
      cut = true;
      continue;
    }
    store.add(h.hi, h.lo);
    const id = store.admit(frame.id, k);
    if (id < 0) return incompleteResult(ctx, 'statesMax', storeStats(ctx, store));
    if (depth + 1 > ctx.counters.depth) ctx.counters.depth = depth + 1;
    const broken = ctx.properties.inspect(t, depth + 1);
    if (broken !== undefined) return stoppedResult(ctx, store, { kind: 'violation', found: { id, hi: h.hi, lo: h.lo, depth: depth + 1 }, name: broken });
    stack.push({ state: t, id, acts: undefined, k: 0 });
  }
  return cut ? incompleteResult(ctx, 'depthMax', storeStats(ctx, store)) : okResult(ctx, storeStats(ctx, store));
}

/** A state's first visit: its actions, audited on a sample; the result if it deadlocks. */
function enter<S, A>(ctx: SearchContext<S, A>, store: SequentialStore, frame: Frame<S, A>, depth: number): CheckResult<S, A> | undefined {
  frame.acts = actionsOf(ctx, frame.state, depth);
  if (checksSymmetry(ctx, frame.id)) auditSymmetryIn(ctx, frame.state, frame.acts, depth);
  if (store.auditsExpansion(frame.id, false)) auditDeterminism(ctx.model, frame.state, frame.acts, depth);
  if (ctx.options.deadlocks && isDeadlock(ctx.model, frame.state, frame.acts, depth)) return stoppedResult(ctx, store, { kind: 'deadlock', id: frame.id, state: frame.state, depth });
  return undefined;
}
