// Goal: search helpers the model tests share (not a test file itself).
// Method: a bounded BFS that stops at the first state satisfying a predicate, and a deep freeze.
import type { Model } from '../../model/contract.js';

/** Breadth-first search for a state satisfying `pred`; returns its depth or -1 when none within `statesMax`. */
export function findState<S, A>(model: Model<S, A>, pred: (s: S) => boolean, statesMax = 400_000): number {
  const seen = new Set<string>();
  let frontier = model.init();
  for (const s of frontier) seen.add(JSON.stringify(s));
  for (let depth = 0; frontier.length > 0 && seen.size < statesMax; depth++) {
    const nextFrontier: S[] = [];
    for (const s of frontier) {
      if (pred(s)) return depth;
      for (const a of model.actions(s)) {
        const t = model.next(s, a);
        const key = JSON.stringify(t);
        if (!seen.has(key)) {
          seen.add(key);
          nextFrontier.push(t);
        }
      }
    }
    frontier = nextFrontier;
  }
  return -1;
}

/** Object.freeze applied to every nested object and array. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** `model` without its representative: a search of it checks every state (for tests about other things than symmetry). */
export function everyState<S, A>({ representative: _r, ...model }: Model<S, A>): Model<S, A> {
  return model;
}
