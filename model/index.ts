/** model/: the contract, the built-in models, and the helpers engines use to describe actions. */
export type {
  Json, LatencyTicks, StepMessage, Model, LivenessProperty, ParamSpec, BugSpec, FindingSpec, ParamValues, ModelEntry,
} from './contract.js';
export { labelOf, actorOf, kindOf, fairnessUnitOf, unitActor, showUnit } from './describe.js';
export { builtinModels } from './registry.js';
export { resolveParams, parseParamAssignments } from './params.js';
export { modelThrew, modelNondeterministic, booleanAnswer, isStateShaped, notAState } from './model-error.js';
export { callModel, initialStatesOf, enabledActionsOf, successorOf, nextCall, askModel, firstBrokenInvariant } from './guarded.js';
