/**
 * The built-in `blcr` model: BLCR 0.8.6 checkpoint/restart as a pure state machine, and its
 * registry entry. The state pieces are exported too, so a composite model can make another
 * process (the dm-log daemon) the checkpoint target.
 */
import type { LatencyTicks, Model, ModelEntry, ParamValues } from '../contract.js';
import type { BlcrAction } from './actions.js';
import { actorOf, BLCR_ACTION_TYPES, enabledActions, isFault, labelOf } from './actions.js';
import { BUG_SPECS } from './bugs.js';
import { FINDING_SPECS } from './findings.js';
import { invariantDefs, WITNESS_PARAMS } from './invariants.js';
import { reachableWitnesses } from '../witnesses.js';
import { livenessProperties } from './liveness.js';
import { nextState } from './next.js';
import { statePacker } from '../packing.js';
import { blcrWords } from './packing.js';
import { blcrMessage } from './messages.js';
import { BLCR_PARAMS, resolveBlcrParams, type BlcrParams } from './params.js';
import type { BlcrState } from './state.js';
import { initialState } from './state.js';

export * from './state.js';
export * from './ioctl.js';
export { ACTION_OPS, actorOf, enabledActions, isFault, labelOf, type BlcrAction, type BlcrActionType } from './actions.js';
export { isEnabled, liveReq, recordOf } from './guards.js';
export { STEP, STEP_NAMES, buildRequest, addTask, notify, advanceTo, deleteTask } from './kernel.js';
export { nextState as blcrNext } from './next.js';
export { invariantDefs, WITNESS_PARAMS, type InvariantDef } from './invariants.js';
export { livenessProperties } from './liveness.js';
export { BUG_SPECS, BUG_NAMES, type BugName } from './bugs.js';
export { FINDING_SPECS } from './findings.js';
export { BLCR_PARAMS, DEPARTURES, defaultParams, resolveBlcrParams, type BlcrParams } from './params.js';
export { blcrWords } from './packing.js';

/** Terminal states where everything finished: not deadlocks. */
export function isFinal(s: BlcrState): boolean {
  const rq = s.requester.phase;
  if (rq !== 'reaped' && rq !== 'failed' && rq !== 'gone' && rq !== 'lost') return false;
  if (s.req !== null && !s.req.freed) return false;
  const quiet = s.procs.every((proc) => proc.threads.every((th) => th.status !== 'live'
    || ((th.pc === 'run' || th.pc === 'susp') && th.libcr === 'idle' && !th.member && !th.sig)));
  if (!quiet) return false;
  const r = s.restart;
  if (r === null) return true;
  if (r.phase !== 'idle' && r.phase !== 'reaped' && r.phase !== 'failed') return false;
  return r.procs.every((rp) => rp.threads.every((rt) => rt.pc === 'done' || rt.pc === 'dead'));
}

/** Simulator latency hints, in ticks of 1 ms: the watchdog's period is 1 s (`CR_WD_INTERVAL`). */
export function latencyOf(a: BlcrAction): LatencyTicks {
  switch (a.type) {
    case 'WatchdogScan': case 'WatchdogRetire': return { min: 1, max: 1000 };
    case 'RequestTimeout': return 5000;
    case 'SuspTimeout': return 2000;
    case 'DeliverSignal': return { min: 1, max: 3 };
    case 'StartCallbacks': case 'HandCheckpoint': case 'HandDone': return { min: 1, max: 20 };
    case 'ChkptStep': case 'RstrtRestore': return { min: 1, max: 50 };
    case 'CallbackHangs': case 'ProcessDies': case 'ProcessExecs': case 'SigCont': case 'HandAbort': return { min: 1, max: 100 };
    case 'EnterCs': case 'LeaveCs': case 'CloneThread': return { min: 1, max: 30 };
    default: return { min: 1, max: 10 };
  }
}

/** The model for resolved parameters. */
export function blcrModel(params: BlcrParams): Model<BlcrState, BlcrAction> {
  const defs = invariantDefs(params);
  const invariants: Record<string, (s: BlcrState) => boolean> = {};
  const statements: Record<string, string> = {};
  const sometimes: Record<string, (s: BlcrState) => boolean> = {};
  for (const [name, d] of Object.entries(defs)) {
    invariants[name] = d.holds;
    statements[name] = d.statement;
    sometimes[name] = d.witness;
  }
  const reachable = reachableWitnesses(sometimes, WITNESS_PARAMS as Record<string, ParamValues>, params as unknown as Record<string, unknown>);
  const packing = statePacker<BlcrState>(blcrWords(params));
  return {
    name: 'blcr',
    init: () => [initialState(params)],
    actions: (s) => enabledActions(params, s),
    next: (s, a) => nextState(params, s, a),
    invariants,
    statements,
    sometimes: reachable,
    final: isFinal,
    actor: actorOf,
    label: labelOf,
    latency: (a) => latencyOf(a),
    isFault,
    liveness: livenessProperties(params),
    message: blcrMessage,
    encode: packing.encode,
    decode: packing.decode,
    actionTypes: BLCR_ACTION_TYPES,
  };
}

/** The registry entry (`sim list`, `--model blcr`). */
export const blcrEntry: ModelEntry = {
  name: 'blcr',
  description: 'BLCR 0.8.6 checkpoint/restart: requester, kernel request with per-process barriers, libcr handler and callback threads, critical sections, abort/omit, forward, watchdog, restart; 0.8.6\'s own hazards as findings',
  params: BLCR_PARAMS,
  bugs: BUG_SPECS,
  findings: FINDING_SPECS,
  create: (values: ParamValues) => blcrModel(resolveBlcrParams(values)),
};
