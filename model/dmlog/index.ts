/**
 * The dmlog model: the device-mapper userspace dirty log protocol (kernel mirror target,
 * netlink transport, cmirrord and its disk log, cluster). `dmlogEntry` is its registry entry.
 */
import type { LatencyTicks, LivenessProperty, Model, ModelEntry, ParamValues } from '../contract.js';
import { DMLOG_PARAM_SPECS, resolveDmlogParams, type DmlogParams } from './params.js';
import { DMLOG_ACTION_TYPES, enabledActions, type DmlogAction } from './actions.js';
import { nextState } from './next.js';
import { initialState, type DmlogState, type KernelNode } from './state.js';
import { invariants, sometimes, statements, WITNESS_PARAMS } from './invariants.js';
import { reachableWitnesses } from '../witnesses.js';
import { DMLOG_BUGS } from './bugs.js';
import { DMLOG_FINDINGS } from './findings.js';
import { liveness } from './liveness.js';
import { statePacker } from '../packing.js';
import { dmlogWords } from './packing.js';
import { dmlogMessage } from './messages.js';

export type { DmlogState, DmlogAction, DmlogParams };
export * from './state.js';
export * from './requests.js';
export { resolveDmlogParams, DMLOG_PARAM_SPECS, DMLOG_DEFAULTS } from './params.js';
export { DMLOG_BUGS } from './bugs.js';
export { invariants, statements, sometimes, WITNESS_PARAMS } from './invariants.js';
export { enabledActions } from './actions.js';
export { dmlogWords } from './packing.js';
export { nextState } from './next.js';
export { wireOf } from './render.js';
export { emptyBits, newLog, resumeLog, diskCleanBits, writeDisk } from './daemon.js';
export { DEPARTURES, RELEASED } from './departures.js';
export { DMLOG_FINDINGS } from './findings.js';

/**
 * Who acts: dmsetup<n> (the table ioctls: load, resume, suspend, remove, status), kernel<n>
 * (kmirrord and the timers), legs<n>, kcopyd<n>, netlink<n>, daemon<n>, node<n>, disk, cpg.
 */
export function actorOf(a: DmlogAction): string {
  switch (a.type) {
    case 'LoadTable': case 'ResumeDevice': case 'PresuspendDevice': case 'PostsuspendDevice': case 'DestroyTable':
    case 'QueryIsClean': case 'QueryStatus': return `dmsetup${a.node}`;
    case 'CompleteWrite': return `legs${a.node}`;
    case 'EndCopy': return `kcopyd${a.node}`;
    case 'DeliverRequest': case 'DeliverReply': case 'LoseDatagram': case 'DuplicateDatagram': return `netlink${a.node}`;
    case 'WriteDiskLog': case 'DaemonCrash': case 'DaemonRestart': return `daemon${a.node}`;
    case 'PowerFail': return `node${a.node}`;
    case 'CpgDeliver': return 'cpg';
    case 'DiskFail': case 'LogCacheWriteback': return 'disk';
    default: return `kernel${a.node}`;
  }
}

/** Short text for traces: the request type and seq for deliveries. */
export function labelOf(a: DmlogAction): string {
  switch (a.type) {
    case 'DeliverRequest': case 'DeliverReply': return `${a.type} ${a.requestType} seq=${a.seq} node=${a.node}`;
    case 'LoseDatagram': case 'DuplicateDatagram': return `${a.type} ${a.dir} ${a.requestType} seq=${a.seq} node=${a.node}`;
    case 'Timeout': return `Timeout seq=${a.seq} node=${a.node}`;
    case 'CpgDeliver': return `CpgDeliver ${a.kind} ${a.detail}`;
    case 'DiskFail': case 'LogCacheWriteback': return a.type;
    case 'IssueWrite': case 'StartCopy': case 'EndCopy': case 'CompleteRecovery': case 'QueryIsClean':
      return `${a.type} node=${a.node} region=${a.region}`;
    case 'CheckRemoteRecovering': case 'LookupRegion': case 'ClassifyWrite': case 'DispatchWrite': case 'CompleteWrite':
      return `${a.type} node=${a.node} write=${a.write}`;
    default: return `${a.type} node=${a.node}`;
  }
}

/** Simulator latency in ticks (1 tick = 1 ms): the 15 s timeout, the 2 s reconnect sleep, the 3 s lazy flush. */
export function latencyOf(a: DmlogAction): LatencyTicks {
  switch (a.type) {
    case 'Timeout': return 15_000;
    case 'Reconnect': return 2_000;
    case 'LazyFlush': return 3_000;
    case 'DaemonRestart': return { min: 500, max: 5_000 };
    case 'LogCacheWriteback': return { min: 1, max: 30 };
    case 'CompleteWrite': return { min: 1, max: 10 };
    case 'EndCopy': return { min: 10, max: 100 };
    case 'CheckRemoteRecovering': return { min: 0, max: 200 };
    case 'DeliverRequest': case 'DeliverReply': case 'CpgDeliver': return { min: 0, max: 2 };
    case 'IssueWrite': return { min: 1, max: 50 };
    default: return { min: 0, max: 1 };
  }
}

/** Faults: datagram loss and duplication, crashes, power failure, and the request timeout. */
export function isFaultAction(a: DmlogAction): boolean {
  return a.type === 'LoseDatagram' || a.type === 'DuplicateDatagram' || a.type === 'DaemonCrash'
    || a.type === 'PowerFail' || a.type === 'Timeout' || a.type === 'DiskFail';
}

/**
 * Final: every table destroyed (or its constructor failed), left active and idle (a node the run
 * does not tear down), or waiting for dmeventd after a log failure with every write held; nothing
 * in flight.
 */
export function isFinal(s: DmlogState): boolean {
  const quiet = s.channels.every((c) => c.toDaemon.length === 0 && c.toKernel.length === 0) && s.cluster.queue.length === 0;
  const idle = (k: KernelNode): boolean => k.waiter === null && k.flush === null;
  const done = s.kernels.every((k) => k.phase === 'destroyed' || k.phase === 'failed'
    || (k.phase === 'active' && idle(k) && k.writesLeft === 0 && k.writes.length === 0)
    || (k.logFailed && idle(k) && k.writes.every((w) => w.stage === 'held')));
  return quiet && done;
}

/** The dmlog model for complete parameter values (unknown keys and bad values throw). */
export function dmlogModel(values: ParamValues = {}): Model<DmlogState, DmlogAction> {
  const p = resolveDmlogParams(values);
  const packing = statePacker<DmlogState>(dmlogWords(p));
  return {
    name: 'dmlog',
    init: () => [initialState(p)],
    actions: (s) => enabledActions(p, s),
    next: (s, a) => nextState(p, s, a),
    invariants,
    statements,
    // The cluster witnesses need a cluster; on one node their situations cannot occur.
    sometimes: reachableWitnesses(sometimes, CLUSTER_WITNESSES, p as unknown as Record<string, unknown>),
    final: isFinal,
    actor: actorOf,
    label: labelOf,
    latency: (a) => latencyOf(a),
    isFault: isFaultAction,
    message: dmlogMessage,
    liveness: liveness as Record<string, LivenessProperty<DmlogState>>,
    encode: packing.encode,
    decode: packing.decode,
    actionTypes: DMLOG_ACTION_TYPES,
  };
}

const CLUSTER_WITNESSES: Record<string, ParamValues> = Object.fromEntries(
  Object.entries(WITNESS_PARAMS).filter(([, need]) => (need.nodes as number) > 1).map(([name]) => [name, { nodes: 2 }]),
);

export const dmlogEntry: ModelEntry = {
  name: 'dmlog',
  description: 'device-mapper userspace dirty log: mirror target, netlink transport, cmirrord + disk log, cluster',
  params: DMLOG_PARAM_SPECS,
  bugs: DMLOG_BUGS,
  findings: DMLOG_FINDINGS,
  create: (params) => dmlogModel(params),
};
