/**
 * Seeded random walks, as TLC's simulation mode: from an initial state, repeatedly compute every
 * successor, check each one's invariants, and continue from one picked at random, up to depthMax
 * steps (100 unless given) per walk. Deep states are reached cheaply; nothing is proven, so a walk
 * budget that finds nothing ends `incomplete` (reason `sampled`).
 */
import { createPrng, hexOf } from '../lib/index.js';
import type { Model } from '../model/index.js';
import { replayIndices } from './counterexample.js';
import type { CheckOptions } from './options.js';
import type { CheckResult } from './result.js';
import { Search } from './search.js';

const WALK_STEPS_DEFAULT = 100;

export function randomWalk<S, A>(model: Model<S, A>, options: CheckOptions): CheckResult<S, A> {
  const search = new Search(model, options);
  const { table, links, fp } = search;
  const prng = createPrng(options.seed);
  const walkSteps = options.depthMax === Number.MAX_SAFE_INTEGER ? WALK_STEPS_DEFAULT : options.depthMax;
  const inits = search.initialStates();
  const remember = (s: S, where: string): void => {
    search.hash(s, where);
    // Seen states are counted for the statistics only; walks never prune on them.
    if (table.add(fp[0] as number, fp[1] as number)) links.push(-1, -1);
  };
  const found = (initial: number, indices: number[], kind: 'invariant' | 'deadlock', name: string): CheckResult<S, A> => {
    const path = replayIndices(model, initial, indices, hexOf(fp[0] as number, fp[1] as number), search.identify);
    return { verdict: kind === 'deadlock' ? 'deadlock' : 'violation', stats: search.stats(), violation: { kind, name, depth: indices.length, path } };
  };

  // As the other strategies do, a sample of the states visited asks the model its questions twice.
  let expanded = 0;
  for (let walk = 0; walk < options.walksMax; walk++) {
    const initial = prng.int(0, inits.length - 1);
    let s = inits[initial] as S;
    remember(s, 'init()');
    const broken = search.inspect(s, 0);
    if (broken !== undefined) return found(initial, [], 'invariant', broken);
    const indices: number[] = [];
    for (let step = 0; step < walkSteps; step++) {
      const acts = search.actionsOf(s, step);
      if (expanded++ % options.determinismSampleEvery === 0) search.verifyDeterministic(s, acts, step);
      if (search.isDeadlock(s, acts, step)) {
        search.hash(s, 'a state');
        return found(initial, indices, 'deadlock', 'deadlock');
      }
      if (acts.length === 0) break;
      search.expanding(s);
      const successors: S[] = [];
      for (let k = 0; k < acts.length; k++) {
        const t = search.successor(s, acts[k] as A, step + 1);
        if (table.add(fp[0] as number, fp[1] as number)) links.push(-1, -1);
        const bad = search.inspect(t, step + 1);
        if (bad !== undefined) return found(initial, [...indices, k], 'invariant', bad);
        successors.push(t);
      }
      const k = prng.int(0, acts.length - 1);
      indices.push(k);
      s = successors[k] as S;
      if (indices.length > search.depth) search.depth = indices.length;
    }
    if (options.memoryExceeded()) return search.incomplete('memoryMax');
    if ((walk + 1) % 64 === 0) {
      const stats = search.stats();
      options.onProgress({ distinctStates: stats.distinctStates, transitions: stats.transitions, depth: stats.depth, queued: options.walksMax - walk - 1, elapsedMs: stats.elapsedMs });
    }
  }
  return search.incomplete('sampled');
}
