/**
 * The flagship model `checkpointed-log`: the dm-log userspace daemon (cmirrord, model `dmlog`) as
 * a BLCR checkpoint target (model `blcr`'s lifecycle reduced to the daemon's steps). The kernel
 * keeps sending requests while the daemon is frozen in a checkpoint; the daemon may crash and
 * is restarted from its image. `checkpointedLogEntry` is its registry entry (the default model).
 */
import type { LatencyTicks, LivenessProperty, Model, ModelEntry, ParamValues } from '../contract.js';
import {
  actorOf as dmlogActor, isFaultAction, isFinal as dmlogFinal, labelOf as dmlogLabel, latencyOf as dmlogLatency,
} from '../dmlog/index.js';
import { ACTION_OPS, threadName, restoredName } from '../blcr/index.js';
import { BLCR_SIDE_TYPES, enabledActions, unwrap, type BlcrSideAction, type CkptLogAction } from './actions.js';
import { nextState } from './next.js';
import { CKPT_LOG_PARAM_SPECS, resolveCkptLogParams, type CkptLogParams } from './params.js';
import { initialState, type CkptLogState } from './state.js';
import { invariants, statements, witnessesFor } from './invariants.js';
import { CKPT_LOG_BUGS } from './bugs.js';
import { liveness } from './liveness.js';
import { CKPT_LOG_FINDINGS } from './findings.js';
import { statePacker } from '../packing.js';
import { ckptLogWords } from './packing.js';
import { checkpointedLogMessage } from './messages.js';

export type { CkptLogState, CkptLogAction, CkptLogParams };
export { resolveCkptLogParams, CKPT_LOG_PARAM_SPECS } from './params.js';
export { CKPT_LOG_BUGS } from './bugs.js';
export { CKPT_LOG_FINDINGS } from './findings.js';
export { invariants, statements, allSometimes, witnessesFor, WITNESS_PARAMS, OWN_INVARIANTS, DMLOG_INVARIANTS } from './invariants.js';
export { fixParts } from './next.js';
export { ckptLogWords } from './packing.js';

/**
 * BLCR actors: the requester (cr_checkpoint), the daemon's main thread p0t0 (the thread-group
 * leader, which dumps the image) and libcr's callback thread p0t1 (from pthread_create), as the
 * blcr model numbers them; cr_restart and the restored leader r0t0.
 */
function blcrActor(a: BlcrSideAction): string {
  switch (a.type) {
    case 'ChkptReq': return 'requester';
    case 'ChkptCallback': return threadName(0, 1);
    case 'HandChkpt': case 'HandDone': return threadName(0, 0);
    case 'RstrtReq': return 'cr_restart';
    case 'RstrtChild': return restoredName(0, 0);
    default: return 'blcr';
  }
}

function blcrLabel(a: BlcrSideAction): string {
  const op = a.type === 'ChkptCallback' ? 'CR_OP_HAND_CHKPT'
    : a.type === 'HandChkpt' ? 'CR_OP_HAND_CHKPT dump'
      : a.type === 'RstrtReq' ? 'CR_OP_RSTRT_REQ+RSTRT_PROCS'
        : ACTION_OPS[a.type];
  return `${a.type} ${op} ${blcrActor(a)}`;
}

export function actorOf(a: CkptLogAction): string {
  return a.side === 'log' ? dmlogActor(unwrap(a)) : blcrActor(a);
}

export function labelOf(a: CkptLogAction): string {
  return a.side === 'log' ? dmlogLabel(unwrap(a)) : blcrLabel(a);
}

/** Ticks of 1 ms: dmlog's hints on the log side; a checkpoint is requested 5–60 ms after the daemon resumes its log (a short period, so runs show one), a restart 0.5–5 s after a crash. */
export function latencyOf(a: CkptLogAction): LatencyTicks {
  if (a.side === 'log') return dmlogLatency(unwrap(a));
  switch (a.type) {
    case 'ChkptReq': return { min: 5, max: 60 };
    case 'RstrtReq': return { min: 500, max: 5_000 };
    case 'HandChkpt': return { min: 5, max: 50 };
    default: return { min: 1, max: 20 };
  }
}

export function isFault(a: CkptLogAction): boolean {
  return a.side === 'log' && isFaultAction(unwrap(a));
}

export function isFinal(s: CkptLogState): boolean {
  // A deaf daemon (a stock one restored without its socket) is final once the kernel is done with it.
  const daemonDone = s.restart === 'deaf' || (s.restart === 'idle' && (s.log.daemons[0]?.up ?? false));
  return dmlogFinal(s.log) && s.checkpoint.phase === 'idle' && daemonDone;
}

export const ACTION_TYPES: readonly string[] = [
  'LoadTable', 'ResumeDevice', 'PresuspendDevice', 'PostsuspendDevice', 'DestroyTable', 'IssueWrite',
  'CheckRemoteRecovering', 'LookupRegion', 'ClassifyWrite', 'FlushLog', 'DispatchWrite', 'CompleteWrite',
  'UpdateStates', 'GetResyncWork', 'StartCopy', 'EndCopy', 'CompleteRecovery', 'GetSyncCount', 'Reconnect',
  'Timeout', 'DeliverRequest', 'DeliverReply', 'LoseDatagram', 'DaemonCrash', 'DaemonRestart',
  ...BLCR_SIDE_TYPES,
];

export function checkpointedLogModel(values: ParamValues = {}): Model<CkptLogState, CkptLogAction> {
  const p = resolveCkptLogParams(values);
  const packing = statePacker<CkptLogState>(ckptLogWords(p));
  return {
    name: 'checkpointed-log',
    init: () => [initialState(p)],
    actions: (s) => enabledActions(p, s),
    next: (s, a) => nextState(p, s, a),
    invariants,
    statements,
    sometimes: witnessesFor(p),
    final: isFinal,
    actor: actorOf,
    label: labelOf,
    latency: (a) => latencyOf(a),
    isFault,
    liveness: liveness as Record<string, LivenessProperty<CkptLogState>>,
    actionTypes: ACTION_TYPES,
    message: checkpointedLogMessage,
    encode: packing.encode,
    decode: packing.decode,
  };
}

export const checkpointedLogEntry: ModelEntry = {
  name: 'checkpointed-log',
  description: 'the dm-log daemon (dmlog) as a BLCR checkpoint target: frozen while checkpointed, crashed, restarted from its image (deaf when stock: BLCR restores no socket)',
  params: CKPT_LOG_PARAM_SPECS,
  bugs: CKPT_LOG_BUGS,
  findings: CKPT_LOG_FINDINGS,
  create: (params) => checkpointedLogModel(params),
};
