/**
 * The cluster (cmirrord cluster.c over corosync CPG): one process group per log, agreed-order
 * delivery to every member, server = lowest VALID member id, checkpoints for joiners. The
 * server's answer is delivered to the originator's kernel in the same step as the request
 * (the DM_ULOG_RESPONSE multicast is folded into the delivery; see README).
 */
import type { DmlogParams } from './params.js';
import { ERRNO, type RequestType, type UlogMessage } from './requests.js';
import { assert } from '../../lib/index.js';
import { daemonOf, withDaemon, type CpgMessage, type DaemonLog, type DmlogState } from './state.js';
import { handleRequest, resumeLog, writeDisk, type DaemonResult } from './daemon.js';
import { replyOf, sendToKernel } from './channel.js';

/** Request types cmirrord answers locally, never multicast (local.c). */
const LOCAL_TYPES: readonly RequestType[] = [
  'DM_ULOG_CTR', 'DM_ULOG_DTR', 'DM_ULOG_GET_REGION_SIZE', 'DM_ULOG_IN_SYNC', 'DM_ULOG_GET_SYNC_COUNT',
  'DM_ULOG_STATUS_TABLE', 'DM_ULOG_PRESUSPEND',
];

export function isLocalType(type: RequestType): boolean {
  return LOCAL_TYPES.includes(type);
}

/** The server: the lowest member id whose log is VALID (-1 when none). */
export function serverOf(s: DmlogState): number {
  for (const m of s.cluster.members) {
    if (daemonOf(s, m).log?.cpg === 'valid') return m;
  }
  return -1;
}

function enqueue(s: DmlogState, ...msgs: CpgMessage[]): DmlogState {
  return { ...s, cluster: { ...s.cluster, queue: [...s.cluster.queue, ...msgs] } };
}

function reply(s: DmlogState, n: number, msg: UlogMessage, error: number): DmlogState {
  return sendToKernel(s, n, replyOf(msg, { log: null, error, payload: [], text: '', persist: false }));
}

/**
 * A multicast request reaches node `n`'s daemon from its kernel: RESUME joins the group first;
 * CLEAR is ACKed at once; a node outside the group refuses with -EINVAL.
 */
export function daemonMulticast(p: DmlogParams, s: DmlogState, n: number, msg: UlogMessage): DmlogState {
  const log = daemonOf(s, n).log;
  const request: CpgMessage = { kind: 'request', originator: n, msg };
  if (log === null || log.luid !== msg.luid) return reply(s, n, msg, -ERRNO.EINVAL);
  if (msg.requestType === 'DM_ULOG_RESUME') {
    if (log.state === 'resumed') return reply(s, n, msg, 0);
    if (log.cpg !== 'none') return enqueue(s, request);
    const joining = withDaemon(s, n, { ...daemonOf(s, n), log: { ...log, cpg: 'invalid', checkpointsImported: 0 } });
    return enqueue(joining, { kind: 'join', node: n }, request);
  }
  if (log.cpg === 'none') return reply(s, n, msg, -ERRNO.EINVAL);
  if (msg.requestType === 'DM_ULOG_CLEAR_REGION') {
    return enqueue(sendToKernel(s, n, { kind: 'ack', seq: msg.seq, ack: 0, requestType: msg.requestType }), request);
  }
  return enqueue(s, request);
}

/** The CPG delivers the head of the agreed order. */
export function cpgDeliver(p: DmlogParams, s: DmlogState): DmlogState {
  const head = s.cluster.queue[0];
  assert(head !== undefined, 'CPG delivery needs a queued message');
  const popped: DmlogState = { ...s, cluster: { ...s.cluster, queue: s.cluster.queue.slice(1) } };
  const delivered = head.kind === 'join' ? deliverJoin(popped, head.node)
    : head.kind === 'checkpoint' ? deliverCheckpoint(p, popped, head)
    : deliverRequest(p, popped, head.originator, head.msg);
  return sendCheckpoints(delivered);
}

/**
 * A configuration change adds `node`: alone it is VALID at once; otherwise it waits INVALID
 * for a checkpoint, which every other member owes it (sent once that member is VALID and resumed).
 */
function deliverJoin(s: DmlogState, node: number): DmlogState {
  const members = [...s.cluster.members.filter((m) => m !== node), node].sort((a, b) => a - b);
  let next: DmlogState = { ...s, cluster: { ...s.cluster, members } };
  const log = daemonOf(next, node).log;
  if (log === null) return next;
  const alone = members.length === 1;
  next = withDaemon(next, node, { ...daemonOf(next, node), log: { ...log, cpg: alone ? 'valid' : 'invalid', startup: [] } });
  for (const m of members) {
    const mlog = daemonOf(next, m).log;
    if (m === node || mlog === null) continue;
    next = withDaemon(next, m, { ...daemonOf(next, m), log: { ...mlog, checkpointRequesters: [...mlog.checkpointRequesters, node] } });
  }
  return next;
}

/** Members whose log is resumed send the checkpoints they owe (sync bits, clean bits, recovering region). */
function sendCheckpoints(s: DmlogState): DmlogState {
  let next = s;
  for (const m of s.cluster.members) {
    const log = daemonOf(next, m).log;
    if (log === null || log.state !== 'resumed' || log.cpg !== 'valid' || log.checkpointRequesters.length === 0) continue;
    const msgs: CpgMessage[] = log.checkpointRequesters.map((to) => ({
      kind: 'checkpoint', to, bits: log.bits, skip: daemonOf(next, to).log?.startup.length ?? 0,
    }));
    next = enqueue(withDaemon(next, m, { ...daemonOf(next, m), log: { ...log, checkpointRequesters: [] } }), ...msgs);
  }
  return next;
}

/** CHECKPOINT_READY for `to`: the first is imported and the startup list replayed; later ones are ignored. */
function deliverCheckpoint(p: DmlogParams, s: DmlogState, cp: Extract<CpgMessage, { kind: 'checkpoint' }>): DmlogState {
  const log = daemonOf(s, cp.to).log;
  if (log === null || !s.cluster.members.includes(cp.to)) return s;
  const first = log.cpg === 'invalid';
  if (!first && p.bug !== 'secondary-checkpoint-imported') return s;
  const replay = first ? log.startup.slice(cp.skip) : [];
  const imported: DaemonLog = {
    ...log, bits: cp.bits, imported: true, cpg: 'valid', startup: [], checkpointsImported: log.checkpointsImported + 1,
    // The imported bits may hold marks the disk lacks; if this node becomes the server its next
    // FLUSH must write them (seeded bug checkpoint-untouched: touched stays 0).
    touched: p.bug === 'checkpoint-untouched' ? log.touched : true,
  };
  let next = withDaemon(s, cp.to, { ...daemonOf(s, cp.to), log: imported });
  for (const entry of replay) next = applyOnMember(p, next, cp.to, entry.originator, entry.msg, false);
  return next;
}

/** A request in agreed order: every member applies it (INVALID members store it); the server answers. */
function deliverRequest(p: DmlogParams, s: DmlogState, originator: number, msg: UlogMessage): DmlogState {
  const server = serverOf(s);
  let next = s;
  for (const m of s.cluster.members) next = applyOnMember(p, next, m, originator, msg, m === server);
  return next;
}

/** One member's part in a delivered request. */
function applyOnMember(p: DmlogParams, s: DmlogState, m: number, originator: number, msg: UlogMessage, isServer: boolean): DmlogState {
  const daemon = daemonOf(s, m);
  const log = daemon.log;
  if (log === null || !s.cluster.members.includes(m)) return s;
  if (log.cpg === 'invalid') {
    return withDaemon(s, m, { ...daemon, log: { ...log, startup: [...log.startup, { originator, msg }] } });
  }
  const local: UlogMessage = { ...msg, luid: log.luid };
  if (msg.requestType === 'DM_ULOG_RESUME' || msg.requestType === 'DM_ULOG_POSTSUSPEND') {
    if (m !== originator) return s;
    return originatorOnly(p, s, m, msg, local, log);
  }
  const result = handleRequest(p, log, local, originator, s.disk);
  let next = withDaemon(s, m, { ...daemon, log: result.log });
  if (!isServer) return next;
  if (result.persist && result.log !== null) next = { ...next, disk: writeDisk(p, result.log) };
  if (msg.requestType === 'DM_ULOG_CLEAR_REGION') return next;
  return sendToKernel(next, originator, replyOf(msg, result));
}

/** RESUME and POSTSUSPEND are processed by their originator only; POSTSUSPEND leaves the group. */
function originatorOnly(p: DmlogParams, s: DmlogState, m: number, msg: UlogMessage, local: UlogMessage, log: DaemonLog): DmlogState {
  const result: DaemonResult = msg.requestType === 'DM_ULOG_RESUME' ? resumeLog(p, log, s.disk) : handleRequest(p, log, local, m, s.disk);
  let next = withDaemon(s, m, { ...daemonOf(s, m), log: result.log });
  if (result.persist && result.log !== null) next = { ...next, disk: writeDisk(p, result.log) };
  if (msg.requestType === 'DM_ULOG_POSTSUSPEND') {
    next = { ...next, cluster: { ...next.cluster, members: next.cluster.members.filter((x) => x !== m) } };
  }
  return sendToKernel(next, m, replyOf(msg, result));
}
