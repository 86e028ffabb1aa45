/**
 * The checker's immutable builder (STYLE.md 8): each method returns a new builder; the terminal
 * verb names the strategy.
 */
import { InputError } from '../lib/index.js';
import type { Model, ModelRecipe } from '../model/index.js';
import type { SavedSnapshot } from './checkpoint/checkpoint.js';
import { withLiveness } from './liveness/liveness.js';
import { resolveCheckOptions, type CheckOptions } from './options.js';
import { parallelBfs } from './parallel/coordinator.js';
import type { ProgressReport } from './progress.js';
import type { CheckResult } from './result.js';
import { bfs } from './strategies/bfs.js';
import { dfs } from './strategies/dfs.js';
import { randomWalk } from './strategies/random-walk.js';

export interface Checker<S, A> {
  statesMax(n: number): Checker<S, A>;
  depthMax(n: number): Checker<S, A>;
  deadlocks(on: boolean): Checker<S, A>;
  onProgress(report: (p: ProgressReport) => void, every?: number): Checker<S, A>;
  clock(now: () => number): Checker<S, A>;
  coverage(on: boolean): Checker<S, A>;
  /** Stops the search as `incomplete` once `exceeded()` says the memory budget is spent. */
  memoryLimit(exceeded: () => boolean): Checker<S, A>;
  /** Saves the BFS into `dir` every `intervalMs`; `identity` names the check (a snapshot of another is refused). */
  checkpoint(dir: string, intervalMs: number, identity?: string): Checker<S, A>;
  /** Lets packed BFS levels spill to files in `dir` once they hold `memoryBytesMax` bytes. */
  spill(dir: string, memoryBytesMax: number): Checker<S, A>;
  /** Parallel BFS: worker threads take over at the first level of at least `states` states. */
  parallelFrom(states: number): Checker<S, A>;
  /** Continues a saved BFS (see checkpoint/checkpoint.ts). */
  resumeFrom(snapshot: SavedSnapshot): Checker<S, A>;
  /** After a complete breadth-first search, checks the model's liveness properties under fairness; a failure is the result. */
  liveness(on: boolean): Checker<S, A>;
  /** For a model with `representative`: store one state per symmetry class (on by default). */
  symmetry(on: boolean): Checker<S, A>;
  /** Breadth-first: exhaustive, shortest counterexamples. */
  bfs(): CheckResult<S, A>;
  /** Breadth-first over `workers` threads, each rebuilding the model from `recipe`; the same result as bfs(). */
  bfsParallel(workers: number, recipe: ModelRecipe): Promise<CheckResult<S, A>>;
  /** Depth-first with an explicit stack, bounded by depthMax. */
  dfs(): CheckResult<S, A>;
  /** `walks` seeded random walks of depthMax steps (100 by default). */
  randomWalk(seed: number, walks?: number): CheckResult<S, A>;
}

/** The strategies `sim check --strategy` accepts now; others are refused as bad input. */
export const strategies = ['bfs', 'dfs', 'random'] as const;
export type Strategy = (typeof strategies)[number];

/** A checker for `model` with default options. */
export function checker<S, A>(model: Model<S, A>, partial: Partial<CheckOptions> = {}): Checker<S, A> {
  const withOption = (extra: Partial<CheckOptions>): Checker<S, A> => checker(model, { ...partial, ...extra });
  return {
    statesMax: (n) => withOption({ statesMax: n }),
    depthMax: (n) => withOption({ depthMax: n }),
    deadlocks: (on) => withOption({ deadlocks: on }),
    onProgress: (report, every) => withOption({ onProgress: report, ...(every ? { progressEvery: every } : {}) }),
    clock: (now) => withOption({ clock: now }),
    coverage: (on) => withOption({ coverage: on }),
    memoryLimit: (exceeded) => withOption({ memoryExceeded: exceeded }),
    checkpoint: (dir, intervalMs, identity = '') => withOption({ checkpoint: { dir, intervalMs, identity } }),
    resumeFrom: (snapshot) => withOption({ resumeFrom: snapshot }),
    parallelFrom: (states) => withOption({ parallelFrom: states }),
    spill: (dir, memoryBytesMax) => withOption({ spill: { dir, memoryBytesMax } }),
    liveness: (on) => withOption({ liveness: on }),
    symmetry: (on) => withOption({ symmetry: on }),
    bfs: () => {
      const options = resolvedFor(model, partial);
      return withLiveness(model, options, bfs(model, options));
    },
    dfs: () => dfs(model, resolveCheckOptions(partial)),
    bfsParallel: async (workers, recipe) => {
      const options = resolvedFor(model, partial);
      return withLiveness(model, options, await parallelBfs(model, recipe, workers, options));
    },
    randomWalk: (seed, walks) => randomWalk(model, resolveCheckOptions({ ...partial, seed, ...(walks === undefined ? {} : { walksMax: walks }) })),
  };
}

/**
 * The options of a breadth-first search of `model`. Liveness under symmetry is refused: fairness
 * is per actor and representative() renames actors, so a fair lasso of representatives need not
 * stand for a fair path of the model (TLC's false alarms there are a known trap).
 */
function resolvedFor<S, A>(model: Model<S, A>, partial: Partial<CheckOptions>): CheckOptions {
  const options = resolveCheckOptions(partial);
  const live = options.liveness && Object.keys(model.liveness ?? {}).length > 0;
  if (live && options.symmetry && typeof model.representative === 'function') {
    throw new InputError(`model ${model.name}: liveness is not checked under symmetry (fairness names actors that representative() renames); add --no-symmetry to check it, or --no-liveness`);
  }
  return options;
}

/** The strategy named by `--strategy`, or one clear line naming the known ones. */
export function resolveStrategy(name: string): Strategy {
  if ((strategies as readonly string[]).includes(name)) return name as Strategy;
  throw new InputError(`unknown --strategy '${name}'; the strategies are: ${strategies.join(', ')}`);
}
