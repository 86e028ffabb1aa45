/** What a check returns: a union on `verdict`, always with statistics (STYLE.md 8). */
import type { Path } from '../model/index.js';

export type { Path, PathStep } from '../model/index.js';

export interface CheckStats {
  /** Distinct states stored: with symmetry, distinct classes (one representative each). */
  distinctStates: number;
  /** The search stored representatives (the model has one and symmetry was not turned off). */
  symmetry: boolean;
  /** Successor computations, duplicates and self-loops included. */
  transitions: number;
  /** Largest BFS level reached; the initial states are level 0. */
  depth: number;
  elapsedMs: number;
  statesPerSecond: number;
  /** Bytes the fingerprint table holds, divided by distinct states. */
  seenBytesPerState: number;
  /** Bytes of the parent links kept for counterexamples, divided by distinct states. */
  parentBytesPerState: number;
  /** Estimated chance that a fingerprint collision hid a state (as TLC prints it). */
  collisionProbability: number;
  /** Per action type, how often it fired; present when coverage was asked for. */
  coverage?: Coverage;
}

export interface Coverage {
  fired: { type: string; count: number }[];
  /** Action types the model declares (`actionTypes`) or fired, that were never enabled. */
  neverEnabled: string[];
}

export interface Violation<S = unknown, A = unknown> {
  kind: 'invariant' | 'deadlock' | 'liveness';
  /** The invariant's name, or `deadlock`. */
  name: string;
  /** Number of steps from the initial state. */
  depth: number;
  path: Path<S, A>;
  /** For a liveness violation: the lasso (see LivenessViolation). */
  lasso?: { triggerStep: number; loopStart: number; stutter: boolean };
}

export type CheckResult<S = unknown, A = unknown> =
  | { verdict: 'ok'; stats: CheckStats; unreachedWitnesses: string[] }
  | { verdict: 'violation' | 'deadlock'; stats: CheckStats; violation: Violation<S, A> }
  | { verdict: 'incomplete'; stats: CheckStats; reason: IncompleteReason; unreachedWitnesses: string[] };

/** What stopped a search early: a bound, the memory budget, or a strategy that only samples. */
export type IncompleteReason = 'statesMax' | 'depthMax' | 'memoryMax' | 'sampled';
