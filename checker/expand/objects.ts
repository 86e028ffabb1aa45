/**
 * The expansion loop through the model contract, one state at a time: actions(), then next() and
 * a fingerprint per action; each successor the seen set did not hold is taken in by the store,
 * checked, and queued on the next level.
 */
import { isDeadlock } from '../../model/index.js';
import { auditDeterminism, auditPacking } from '../context/audits.js';
import { actionsOf, successorIn, type SearchContext } from '../context/context.js';
import { auditSymmetryIn, checksSymmetry } from '../context/symmetry-audit.js';
import type { Level } from '../store/level.js';
import { STATES_MAX, type StateStore } from '../store/state-store.js';
import { STOP_FULL, STOP_STATES_MAX, type Stop } from './stop.js';

/**
 * Expands `frontier` from `from` (state id `fromId`, at `depth`) up to `end`, ending early once
 * `successorsMax` successors were computed; the number of states expanded, or why it stopped.
 */
export function expandObjects<S, A>(
  ctx: SearchContext<S, A>,
  store: StateStore,
  frontier: Level<S>,
  from: number,
  end: number,
  fromId: number,
  depth: number,
  next: Level<S>,
  successorsMax: number,
): number | Stop<S> {
  const { model, hasher, properties, counters } = ctx;
  const deadlocks = ctx.options.deadlocks;
  let successors = 0;
  let i = from;
  for (; i < end && successors < successorsMax; i++) {
    const id = fromId + i - from;
    const s = frontier.get(i);
    frontier.release(i);
    const acts = actionsOf(ctx, s, depth);
    // First: a representative that is no JSON is named there, not as next()'s.
    if (checksSymmetry(ctx, id)) auditSymmetryIn(ctx, s, acts, depth);
    if (store.auditsExpansion(id, false)) auditDeterminism(model, s, acts, depth);
    if (deadlocks && isDeadlock(model, s, acts, depth)) return { kind: 'deadlock', id, state: s, depth };
    hasher.parent(s);
    successors += acts.length;
    for (let k = 0; k < acts.length; k++) {
      const a = acts[k] as A;
      const t = successorIn(ctx, s, a, depth + 1);
      const h = hasher.successor(t, a, depth + 1);
      if (!store.add(h.hi, h.lo)) continue;
      const tid = store.admit(id, k);
      if (tid < 0) return tid === STATES_MAX ? STOP_STATES_MAX : STOP_FULL;
      if (store.auditsPacking(tid)) auditPacking(model, t, depth + 1);
      counters.depth = depth + 1;
      const broken = properties.inspect(t, depth + 1);
      if (broken !== undefined) return { kind: 'violation', found: { id: tid, hi: h.hi, lo: h.lo, depth: depth + 1 }, name: broken };
      next.push(t, h.bytes);
    }
  }
  return i - from;
}
