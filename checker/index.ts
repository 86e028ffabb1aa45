/** checker/: exhaustive search over the model contract. */
export { checker, resolveStrategy, strategies, type Checker } from './checker.js';
export { resolveCheckOptions, type CheckOptions } from './options.js';
export type { CheckResult, CheckStats, Path, PathStep, Violation } from './result.js';
export type { ProgressReport } from './progress.js';
export { FingerprintTable } from './visited.js';
export { replayIndices } from './counterexample.js';
