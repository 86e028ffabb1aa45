/** checker/: exhaustive search over the model contract. */
export { checker, resolveStrategy, strategies, type Checker, type Strategy } from './checker.js';
export { collisionProbability } from './search.js';
export type { ModelRecipe } from './model-recipe.js';
export { checkLiveness, type LivenessResult, type LivenessViolation } from './liveness.js';
export { resolveCheckOptions, type CheckOptions } from './options.js';
export type { CheckResult, CheckStats, Coverage, IncompleteReason, Path, PathStep, Violation } from './result.js';
export type { ProgressReport } from './progress.js';
export { FingerprintTable } from './visited.js';
export { openSnapshot, removeSnapshot, SNAPSHOT, type SavedSnapshot } from './checkpoint.js';
export { pathOfActions, replayIndices } from './counterexample.js';
export { exploreStateGraph, includePath, type StateGraph, type GraphNode, type GraphEdge } from './state-graph.js';
export { stateGraphDot, type DotOptions } from './dot.js';
export { junitReport, type JunitOptions } from './junit.js';
