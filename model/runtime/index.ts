/** model/runtime/: the guarded model runtime every engine calls the model through (sim/, checker/, trace/). */
export { modelThrew, modelNondeterministic, booleanAnswer, isStateShaped, notAState, describeValue } from './model-error.js';
export { callModel, initialStatesOf, enabledActionsOf, successorOf, nextCall, askModel, stateFingerprint, stateFingerprintInto } from './guarded.js';
export { firstBroken, firstBrokenInvariant, isFinal, isDeadlock, type Predicates } from './judge.js';
export { faultOf, stepMessageOf, type ReportHooks } from './report-hooks.js';
export { replayActions, replayActionValues, indexOfAction } from './replay-actions.js';
export { representativeOf, quotientOf, concretePath } from './symmetry.js';
export type { Path, PathStep } from './path.js';
export { validateModel, describeExport, type ModelOrigin } from './model-shape.js';
export { buildModel, modelOfEntry, modelOfModule, type ModelRecipe } from './model-source.js';
