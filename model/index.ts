/** model/: the contract, the built-in models, the helpers engines use to describe actions, and the guarded runtime engines call models through. */
export type {
  Json, LatencyTicks, StepMessage, Model, LivenessProperty, ParamSpec, BugSpec, FindingSpec, ParamValues, ModelEntry,
} from './contract.js';
export { labelOf, actorOf, kindOf, fairnessUnitOf, unitActor, showUnit } from './describe.js';
export { builtinModels } from './registry.js';
export { resolveParams, parseParamAssignments } from './params.js';
export { interchangeableIds, type InterchangeableIds, type IdPath } from './symmetry.js';
export {
  modelThrew, modelNondeterministic, booleanAnswer, isStateShaped, notAState, callModel, initialStatesOf, enabledActionsOf, successorOf,
  nextCall, askModel, stateFingerprint, stateFingerprintInto, faultOf, stepMessageOf, type ReportHooks, firstBroken, firstBrokenInvariant, isFinal, isDeadlock, replayActions, replayActionValues, indexOfAction,
  representativeOf, quotientOf, concretePath,
  validateModel, describeExport, buildModel, modelOfEntry, modelOfModule, type Path, type PathStep, type ModelOrigin, type ModelRecipe, type Predicates,
} from './runtime/index.js';
