/** Check options: partial at the edge, resolved and validated once (STYLE.md 7). */
import { InputError } from '../lib/index.js';
import type { CheckpointOptions, SavedSnapshot } from './checkpoint/checkpoint.js';
import type { SpillOptions } from './store/packed-level.js';
import type { ProgressReport } from './progress.js';

export interface CheckOptions {
  /** Stop as `incomplete` once this many distinct states are stored. */
  statesMax: number;
  /** Do not expand states at this BFS level; `incomplete` if they had unseen successors. */
  depthMax: number;
  /** Report a state with no enabled action that is not `final`. */
  deadlocks: boolean;
  /** Receives progress data every `progressEvery` expanded states; never prints. */
  onProgress: (report: ProgressReport) => void;
  progressEvery: number;
  /** Milliseconds from some origin; the CLI passes the real clock, tests may pass none. */
  clock: () => number;
  /** Re-run actions()/next() on every n-th expanded state to catch a nondeterministic model. */
  determinismSampleEvery: number;
  /** Count fired and enabled action types. */
  coverage: boolean;
  /** Polled now and then; true stops the search as `incomplete` (the CLI's memory budget). */
  memoryExceeded: () => boolean;
  /** Random walks: how many, and the seed they are drawn from. */
  walksMax: number;
  seed: number;
  /** Save the search into a folder every interval (BFS only). */
  checkpoint: CheckpointOptions | null;
  /** Let packed BFS levels spill to disk past a memory budget (the CLI names the folder). */
  spill: SpillOptions | null;
  /** Continue a saved search instead of starting from init(). */
  resumeFrom: SavedSnapshot | null;
  /** Parallel BFS: the level size from which worker threads take over from the main thread (0: by the model, see parallelFromFor). */
  parallelFrom: number;
  /** After a complete breadth-first search, check the model's liveness properties too. */
  liveness: boolean;
  /** Store one representative per symmetry class, for a model with `representative` (--no-symmetry: off). */
  symmetry: boolean;
}

export const defaultCheckOptions: CheckOptions = {
  statesMax: Number.MAX_SAFE_INTEGER,
  depthMax: Number.MAX_SAFE_INTEGER,
  deadlocks: true,
  onProgress: () => {},
  progressEvery: 1 << 15,
  clock: () => 0,
  determinismSampleEvery: 1009,
  coverage: false,
  memoryExceeded: () => false,
  walksMax: 1000,
  seed: 0,
  checkpoint: null,
  spill: null,
  resumeFrom: null,
  parallelFrom: 0,
  liveness: false,
  symmetry: true,
};

function positiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new InputError(`${name} must be a non-negative integer; got ${value}`);
}

/** Complete, validated options from a partial set. */
export function resolveCheckOptions(partial: Partial<CheckOptions>): CheckOptions {
  const options = { ...defaultCheckOptions, ...partial };
  positiveInteger('statesMax', options.statesMax);
  positiveInteger('depthMax', options.depthMax);
  if (options.statesMax < 1) throw new InputError('statesMax must be at least 1');
  positiveInteger('determinismSampleEvery', options.determinismSampleEvery);
  positiveInteger('walksMax', options.walksMax);
  positiveInteger('seed', options.seed);
  positiveInteger('parallelFrom', options.parallelFrom);
  return options;
}
