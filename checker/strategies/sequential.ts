/**
 * What the sequential strategies share: storing the initial states, and turning a stop of the
 * expansion loop into a result with the store's statistics and a counterexample from its links.
 */
import { assert } from '../../lib/index.js';
import { initialStatesOf } from '../../model/index.js';
import type { SearchContext } from '../context/context.js';
import { counterexampleResult, incompleteResult, statsOf } from '../context/results.js';
import type { Stop } from '../expand/stop.js';
import type { CheckResult, CheckStats } from '../result.js';
import type { SequentialStore } from '../store/sequential-store.js';

/** The statistics of a search whose store holds every state it found. */
export function storeStats<S, A>(ctx: SearchContext<S, A>, store: SequentialStore): CheckStats {
  return statsOf(ctx, store.size, ctx.counters.transitions, store.table.bytes, store.links.bytes);
}

/**
 * Stores the distinct initial states (ids 0, 1, … in init() order) and checks their invariants:
 * the states to expand first, or the violation that ends the search at step 0.
 */
export function storeRoots<S, A>(ctx: SearchContext<S, A>, store: SequentialStore): S[] | Stop<S> {
  const roots: S[] = [];
  const inits = initialStatesOf(ctx.model);
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i] as S;
    const h = ctx.hasher.state(s, 'init()');
    if (!store.add(h.hi, h.lo)) continue;
    store.links.push(-1 - i, -1);
    const broken = ctx.properties.inspect(s, 0);
    if (broken !== undefined) return { kind: 'violation', found: { id: store.size - 1, hi: h.hi, lo: h.lo, depth: 0 }, name: broken };
    roots.push(s);
  }
  return roots;
}

/** The result a stop of the expansion loop means for a sequential search. */
export function stoppedResult<S, A>(ctx: SearchContext<S, A>, store: SequentialStore, stop: Stop<S>): CheckResult<S, A> {
  const stats = (): CheckStats => storeStats(ctx, store);
  switch (stop.kind) {
    case 'violation':
      return counterexampleResult(ctx, store.links, stop.found, { kind: 'invariant', name: stop.name }, stats);
    case 'deadlock': {
      const h = ctx.hasher.state(stop.state, 'a state');
      return counterexampleResult(ctx, store.links, { id: stop.id, hi: h.hi, lo: h.lo, depth: stop.depth }, { kind: 'deadlock' }, stats);
    }
    case 'statesMax':
      return incompleteResult(ctx, 'statesMax', stats());
    case 'full':
      // Only a worker's share of a shared table fills; the sequential table grows.
      assert(false, 'the sequential store never fills');
  }
}
