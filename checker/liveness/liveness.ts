/**
 * Liveness under weak fairness: `trigger` leads to `goal` (or `goal` eventually, from the initial
 * states), with the named actors weakly fair. Fairness is per kind of action of an actor (its
 * `type`): a fair actor's action kind that stays enabled is eventually taken, so an actor busy
 * with one activity (polling, say) cannot starve another of its own activities forever.
 * The whole reachable graph is built; then, among states where `goal` does not hold, a strongly
 * connected component that a fair run can cycle in forever (each fair actor is taken inside it or
 * disabled somewhere in it), or a state where the run may stutter forever (no fair actor enabled),
 * is a place a run can avoid `goal` forever. A violation is a lasso: a shortest path to a trigger
 * state from which such a place is reachable without `goal`, then a cycle that meets every fairness
 * obligation (or a stutter).
 */
import type { LivenessProperty, Model } from '../../model/index.js';
import { searchContext } from '../context/context.js';
import type { CheckOptions } from '../options.js';
import type { CheckResult, Path } from '../result.js';
import { buildGraph } from './graph.js';
import { findLasso } from './lasso.js';

export interface LivenessViolation<S, A> {
  name: string;
  path: Path<S, A>;
  /** The step at which the trigger holds (0: the initial state). */
  triggerStep: number;
  /** The state after this step is the state after the last step: the cycle repeats from here. */
  loopStart: number;
  /** The run stays at the last state forever: no fair actor is enabled there. */
  stutter: boolean;
}

export type LivenessResult<S, A> =
  | { verdict: 'ok'; distinctStates: number; transitions: number }
  | { verdict: 'incomplete'; distinctStates: number; transitions: number }
  | { verdict: 'violation'; distinctStates: number; transitions: number; violation: LivenessViolation<S, A> };

/** Checks every liveness property of the model; the first violated one (declaration order) is returned. */
export function checkLiveness<S, A>(model: Model<S, A>, options: CheckOptions): LivenessResult<S, A> {
  const properties = Object.entries(model.liveness ?? {}) as [string, LivenessProperty<S>][];
  const ctx = searchContext(model, options);
  const g = buildGraph(ctx, properties);
  // A graph cut short by the state bound is not counted.
  const counts = { distinctStates: g?.n ?? 0, transitions: ctx.counters.transitions };
  if (g === undefined) return { verdict: 'incomplete', ...counts };
  for (const [i, [name, property]] of properties.entries()) {
    const violation = findLasso(model, g, name, property, g.trigger[i] as Uint8Array, g.goal[i] as Uint8Array, ctx.hasher.identify);
    if (violation) return { verdict: 'violation', ...counts, violation };
  }
  return { verdict: 'ok', ...counts };
}


/**
 * After a complete breadth-first search (with the liveness option on): the model's liveness
 * properties, checked on the whole graph (a second search over the same states). A failing one
 * becomes the check's violation, a lasso; any other result stands as it is.
 */
export function withLiveness<S, A>(model: Model<S, A>, options: CheckOptions, result: CheckResult<S, A>): CheckResult<S, A> {
  if (!options.liveness || result.verdict !== 'ok' || Object.keys(model.liveness ?? {}).length === 0) return result;
  const live = checkLiveness(model, options);
  if (live.verdict !== 'violation') return result;
  const v = live.violation;
  return {
    verdict: 'violation',
    stats: result.stats,
    violation: { kind: 'liveness', name: v.name, depth: v.path.steps.length, path: v.path, lasso: { triggerStep: v.triggerStep, loopStart: v.loopStart, stutter: v.stutter } },
  };
}
