/**
 * At the depth bound: the states there are not expanded, but a deadlock among them is still
 * reported, and the search is incomplete only if one of them has a successor never seen.
 */
import { isDeadlock, nextCall, successorOf } from '../../model/index.js';
import { actionsOf, type SearchContext } from '../context/context.js';
import type { Part } from '../store/level.js';
import type { StateStore } from '../store/state-store.js';

export interface Probed<S> {
  /** The first state that deadlocks: its position across the parts. */
  readonly deadlock: { readonly at: number; readonly state: S } | undefined;
  readonly unseen: boolean;
}

export function probeBeyondDepth<S, A>(ctx: SearchContext<S, A>, store: StateStore, parts: readonly Part<S>[], depth: number): Probed<S> {
  const { model, hasher } = ctx;
  let unseen = false;
  let at = 0;
  for (const { level, end } of parts) {
    for (let i = 0; i < end; i++, at++) {
      const s = level.get(i);
      const acts = actionsOf(ctx, s, depth);
      if (ctx.options.deadlocks && isDeadlock(model, s, acts, depth)) return { deadlock: { at, state: s }, unseen };
      for (let k = 0; k < acts.length && !unseen; k++) {
        const a = acts[k] as A;
        const h = hasher.state(successorOf(model, s, a, depth + 1), nextCall(model, a, depth + 1));
        unseen = !store.has(h.hi, h.lo);
      }
    }
  }
  return { deadlock: undefined, unseen };
}
