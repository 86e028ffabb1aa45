/**
 * Seeded random walks, as TLC's simulation mode: from an initial state, repeatedly compute every
 * successor, check each one's invariants, and continue from one picked at random, up to depthMax
 * steps (100 unless given) per walk. Deep states are reached cheaply; nothing is proven, so a walk
 * budget that finds nothing ends `incomplete` (reason `sampled`).
 */
import { createPrng, hexOf, type Prng } from '../../lib/index.js';
import { initialStatesOf, isDeadlock, replayActions, type Model } from '../../model/index.js';
import { auditDeterminism } from '../context/audits.js';
import { actionsOf, realPath, searchContext, successorIn, type SearchContext } from '../context/context.js';
import type { StateHash } from '../context/hasher.js';
import { incompleteResult } from '../context/results.js';
import { auditSymmetryIn, checksSymmetry } from '../context/symmetry-audit.js';
import type { CheckOptions } from '../options.js';
import type { CheckResult } from '../result.js';
import { SequentialStore } from '../store/sequential-store.js';
import { storeStats } from './sequential.js';

const WALK_STEPS_DEFAULT = 100;

/** Where a walk is: its initial state's index, the action indices taken, the state reached. */
interface Walk<S> {
  readonly initial: number;
  readonly indices: number[];
  state: S;
}

export function randomWalk<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  const ctx = searchContext(model, options);
  // Seen states are counted for the statistics only; walks never prune on them.
  const store = SequentialStore.empty(options);
  const prng = createPrng(options.seed);
  const walkSteps = options.depthMax === Number.MAX_SAFE_INTEGER ? WALK_STEPS_DEFAULT : options.depthMax;
  const inits = initialStatesOf(ctx.model);
  // As the other strategies do, a sample of the states visited asks the model its questions twice.
  const expanded = { count: 0 };
  for (let w = 0; w < options.walksMax; w++) {
    const initial = prng.int(0, inits.length - 1);
    const walk: Walk<S> = { initial, indices: [], state: inits[initial] as S };
    const h = remember(ctx, store, ctx.hasher.state(walk.state, 'init()'));
    const broken = ctx.properties.inspect(walk.state, 0);
    if (broken !== undefined) return found(ctx, store, walk, h, 'invariant', broken);
    for (let step = 0; step < walkSteps; step++) {
      const next = stepOf(ctx, store, walk, step, prng, expanded);
      if (next === 'end') break;
      if (next !== undefined) return next;
    }
    if (options.memoryExceeded()) return incompleteResult(ctx, 'memoryMax', storeStats(ctx, store));
    if ((w + 1) % 64 === 0) {
      const stats = storeStats(ctx, store);
      options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth: stats.depth, queued: options.walksMax - w - 1, elapsedMs: stats.elapsedMs });
    }
  }
  return incompleteResult(ctx, 'sampled', storeStats(ctx, store));
}

/** Counts a state for the statistics (seen states get an id without a link to follow). */
function remember<S, A>(ctx: SearchContext<S, A>, store: SequentialStore, h: StateHash): StateHash {
  if (store.add(h.hi, h.lo)) store.links.push(-1, -1);
  return h;
}

/**
 * One step of a walk: every successor computed and checked, then one picked. The result that ends
 * the search, 'end' where the walk cannot go on, or undefined.
 */
function stepOf<S, A>(
  ctx: SearchContext<S, A>,
  store: SequentialStore,
  walk: Walk<S>,
  step: number,
  prng: Prng,
  expanded: { count: number },
): CheckResult<S, A> | 'end' | undefined {
  const { model, hasher } = ctx;
  const s = walk.state;
  const acts = actionsOf(ctx, s, step);
  if (checksSymmetry(ctx, expanded.count)) auditSymmetryIn(ctx, s, acts, step);
  if (expanded.count++ % ctx.options.determinismSampleEvery === 0) auditDeterminism(model, s, acts, step);
  if (ctx.options.deadlocks && isDeadlock(model, s, acts, step)) return found(ctx, store, walk, hasher.state(s, 'a state'), 'deadlock', 'deadlock');
  if (acts.length === 0) return 'end';
  hasher.parent(s);
  const successors: S[] = [];
  for (let k = 0; k < acts.length; k++) {
    const t = successorIn(ctx, s, acts[k] as A, step + 1);
    const h = remember(ctx, store, hasher.successor(t, acts[k] as A, step + 1));
    const bad = ctx.properties.inspect(t, step + 1);
    if (bad !== undefined) return found(ctx, store, { ...walk, indices: [...walk.indices, k] }, h, 'invariant', bad);
    successors.push(t);
  }
  const k = prng.int(0, acts.length - 1);
  walk.indices.push(k);
  walk.state = successors[k] as S;
  if (walk.indices.length > ctx.counters.depth) ctx.counters.depth = walk.indices.length;
  return undefined;
}

/** The violation or deadlock at the end of `walk`, whose last state hashes to `h`. */
function found<S, A>(ctx: SearchContext<S, A>, store: SequentialStore, walk: Walk<S>, h: StateHash, kind: 'invariant' | 'deadlock', name: string): CheckResult<S, A> {
  const path = realPath(ctx, replayActions(ctx.model, walk.initial, walk.indices, hexOf(h.hi, h.lo), ctx.hasher.identify));
  return { verdict: kind === 'deadlock' ? 'deadlock' : 'violation', stats: storeStats(ctx, store), violation: { kind, name, depth: walk.indices.length, path } };
}
