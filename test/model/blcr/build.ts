// Goal: shared helpers for the blcr model tests (not a test file itself).
// Method: build models from the registry entry's defaults plus overrides; a tiny BFS to reach states.
import type { Model } from '../../../model/contract.js';
import { blcrEntry, defaultParams, type BlcrAction, type BlcrState } from '../../../model/blcr/index.js';

export type Overrides = Record<string, string | number | boolean>;

/** The blcr model for the defaults overlaid with `over`. */
export function blcr(over: Overrides = {}): Model<BlcrState, BlcrAction> {
  return blcrEntry.create({ ...defaultParams(), ...over }) as Model<BlcrState, BlcrAction>;
}

/** The first state (BFS order) satisfying `pred`, or undefined when none is reachable. */
export function reach(model: Model<BlcrState, BlcrAction>, pred: (s: BlcrState) => boolean, limit = 200_000): BlcrState | undefined {
  const seen = new Set<string>();
  const queue: BlcrState[] = [];
  for (const s of model.init()) {
    seen.add(JSON.stringify(s));
    queue.push(s);
  }
  for (let i = 0; i < queue.length && i < limit; i++) {
    const s = queue[i]!;
    if (pred(s)) return s;
    for (const a of model.actions(s)) {
      const n = model.next(s, a);
      const key = JSON.stringify(n);
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(n);
      }
    }
  }
  return undefined;
}

/** A deep copy that the test may edit freely. */
export function thaw<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

export { deepFreeze } from '../../helpers/search.js';
