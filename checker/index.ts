/** checker/: exhaustive search over the model contract (see README.md for the map). */
export { checker, resolveStrategy, strategies, type Checker, type Strategy } from './checker.js';
export { collisionProbability } from './context/results.js';
export { checkLiveness, type LivenessResult, type LivenessViolation } from './liveness/liveness.js';
export { resolveCheckOptions, type CheckOptions } from './options.js';
export type { CheckResult, CheckStats, Coverage, IncompleteReason, Path, PathStep, Violation } from './result.js';
export type { ProgressReport } from './progress.js';
export { FingerprintTable } from './store/fingerprint-table.js';
export type { SpillOptions } from './store/packed-level.js';
export { openSnapshot, removeSnapshot, SNAPSHOT, type SavedSnapshot } from './checkpoint/checkpoint.js';
export { exploreStateGraph, includePath, type StateGraph, type GraphNode, type GraphEdge } from './state-graph.js';
