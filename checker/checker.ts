/**
 * The checker's immutable builder (STYLE.md 8): each method returns a new builder; the terminal
 * verb names the strategy.
 */
import { InputError } from '../lib/index.js';
import type { Model } from '../model/index.js';
import { bfs } from './bfs.js';
import { resolveCheckOptions, type CheckOptions } from './options.js';
import type { ProgressReport } from './progress.js';
import type { CheckResult } from './result.js';

export interface Checker<S, A> {
  statesMax(n: number): Checker<S, A>;
  depthMax(n: number): Checker<S, A>;
  deadlocks(on: boolean): Checker<S, A>;
  onProgress(report: (p: ProgressReport) => void, every?: number): Checker<S, A>;
  clock(now: () => number): Checker<S, A>;
  /** Breadth-first: exhaustive, shortest counterexamples. */
  bfs(): CheckResult<S, A>;
}

/** The strategies `sim check --strategy` accepts now; others are refused as bad input. */
export const strategies = ['bfs'] as const;

/** A checker for `model` with default options. */
export function checker<S, A>(model: Model<S, A>, partial: Partial<CheckOptions> = {}): Checker<S, A> {
  const withOption = (extra: Partial<CheckOptions>): Checker<S, A> => checker(model, { ...partial, ...extra });
  return {
    statesMax: (n) => withOption({ statesMax: n }),
    depthMax: (n) => withOption({ depthMax: n }),
    deadlocks: (on) => withOption({ deadlocks: on }),
    onProgress: (report, every) => withOption({ onProgress: report, ...(every ? { progressEvery: every } : {}) }),
    clock: (now) => withOption({ clock: now }),
    bfs: () => bfs(model, resolveCheckOptions(partial)),
  };
}

/** Refuses strategies that are not built yet with one clear line. */
export function resolveStrategy(name: string): 'bfs' {
  if (name === 'bfs') return name;
  if (name === 'dfs' || name === 'random') {
    throw new InputError(`--strategy ${name} is not available yet; the strategies are: ${strategies.join(', ')}`);
  }
  throw new InputError(`unknown --strategy '${name}'; the strategies are: ${strategies.join(', ')}`);
}
