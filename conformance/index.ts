/** conformance/: models against implementations: logs validated against a model, model traces driven into an implementation. */
export type { LogEvent, ObservedLog } from './events.js';
export { readNdjsonLog } from './log-file.js';
export { readCapture, looksLikeCapture } from './capture-file.js';
export { firstMismatch, matches, mismatchCount, shown, type Mismatch, type ArrayMatching } from './match.js';
export { validateLog, type ValidateOptions, type ValidateProgress, type ValidateResult } from './validate.js';
export type { NearState, ClosestStep } from './nearest.js';
export { traceOfPath, type PathTrace } from './path-trace.js';
export { adapterOf, callAdapter, AdapterError, ADAPTER_TIMEOUT_MS, type Adapter, type StepContext } from './adapter.js';
export { drive, driveActions, type DriveRun, type DriveOptions, type DriveResult, type Divergence } from './drive.js';
export { driveModel, seedsOf, type DriveModelOptions } from './drive-model.js';
export { mismatchLine, stepName, stepLines, actorCount } from './drive-text.js';
