/**
 * The cluster (LVM2 v2_03_39 cmirrord cluster.c over corosync CPG): one process group per log,
 * agreed-order delivery to every member, server = lowest member id (lowest_id, VALID or not),
 * checkpoints for joiners. The server's answer is delivered to the originator's kernel in the same
 * step as the request (the DM_ULOG_RESPONSE multicast is folded into the delivery; see README).
 */
import type { DmlogParams } from './params.js';
import { ERRNO, type RequestType, type UlogMessage } from './requests.js';
import { assert } from '../../lib/index.js';
import { daemonOf, withDaemon, type CpgMessage, type DaemonLog, type DmlogState, type StartupEntry } from './state.js';
import { handleRequest, LOCAL_TYPES, resumeLog, unknownLogErrno, writeDisk, type DaemonResult } from './daemon.js';
import { replyOf, sendToKernel } from './channel.js';

export function isLocalType(type: RequestType): boolean {
  return LOCAL_TYPES.includes(type);
}

/** The server: lowest_id, the lowest member id (-1 when the group is empty). */
export function serverOf(s: DmlogState): number {
  return s.cluster.members[0] ?? -1;
}

function enqueue(s: DmlogState, ...msgs: CpgMessage[]): DmlogState {
  return { ...s, cluster: { ...s.cluster, queue: [...s.cluster.queue, ...msgs] } };
}

function reply(s: DmlogState, n: number, msg: UlogMessage, error: number): DmlogState {
  return sendToKernel(s, n, replyOf(msg, { log: null, error, payload: [], text: '', persist: false }));
}

function withLog(s: DmlogState, n: number, log: DaemonLog | null): DmlogState {
  return withDaemon(s, n, { ...daemonOf(s, n), log });
}

/**
 * A multicast request reaches node `n`'s daemon from its kernel (local.c do_local_work):
 * RESUME joins the group first (local_resume); CLEAR is ACKed at once; cluster_send refuses a
 * request whose uuid has no CPG here (-ENOENT).
 */
export function daemonMulticast(p: DmlogParams, s: DmlogState, n: number, msg: UlogMessage): DmlogState {
  const log = daemonOf(s, n).log;
  const request: CpgMessage = { kind: 'request', originator: n, msg };
  if (msg.requestType === 'DM_ULOG_RESUME') {
    if (log === null || log.luid !== msg.luid) return reply(s, n, msg, -unknownLogErrno(p, msg.requestType));
    if (log.cpg !== 'none') return enqueue(s, request);
    const joining = withLog(s, n, { ...log, cpg: 'invalid', checkpointsImported: 0 });
    return enqueue(joining, { kind: 'join', node: n }, request);
  }
  const acked = msg.requestType === 'DM_ULOG_CLEAR_REGION'
    ? sendToKernel(s, n, { kind: 'ack', seq: msg.seq, ack: 0, requestType: msg.requestType }) : s;
  if (log === null || log.cpg === 'none') {
    return msg.requestType === 'DM_ULOG_CLEAR_REGION' ? acked : reply(s, n, msg, -unknownLogErrno(p, msg.requestType));
  }
  return enqueue(acked, request);
}

/** The CPG delivers the head of the agreed order. */
export function cpgDeliver(p: DmlogParams, s: DmlogState): DmlogState {
  const head = s.cluster.queue[0];
  assert(head !== undefined, 'CPG delivery needs a queued message');
  const popped: DmlogState = { ...s, cluster: { ...s.cluster, queue: s.cluster.queue.slice(1) } };
  if (head.kind === 'join') return deliverJoin(popped, head.node);
  if (head.kind === 'checkpoint') return deliverCheckpoint(p, popped, head);
  return deliverRequest(p, popped, head.originator, head.msg);
}

/**
 * cpg_join_callback for `node`: alone it is VALID at once; otherwise it waits INVALID for a
 * checkpoint. A VALID member with an empty startup list owes it one (checkpoint_requesters); any
 * other member queues a MEMBER_JOIN marker in its startup list.
 */
function deliverJoin(s: DmlogState, node: number): DmlogState {
  const members = [...s.cluster.members.filter((m) => m !== node), node].sort((a, b) => a - b);
  let next: DmlogState = { ...s, cluster: { ...s.cluster, members } };
  const log = daemonOf(next, node).log;
  if (log === null) return next;
  next = withLog(next, node, { ...log, cpg: members.length === 1 ? 'valid' : 'invalid', startup: [] });
  for (const m of members) {
    const mlog = daemonOf(next, m).log;
    if (m === node || mlog === null) continue;
    const owes = mlog.cpg === 'valid' && mlog.startup.length === 0;
    next = withLog(next, m, owes
      ? { ...mlog, checkpointRequesters: [...mlog.checkpointRequesters, node] }
      : { ...mlog, startup: [...mlog.startup, { memberJoin: node }] });
  }
  return next;
}

/** prepare_checkpoint + export: the member's bits now, multicast as CHECKPOINT_READY for `to`. */
function checkpointFor(log: DaemonLog, to: number): CpgMessage {
  return { kind: 'checkpoint', to, bits: log.bits };
}

/**
 * The end of cpg_message_callback: a member that processed a request and whose log is resumed
 * prepares the checkpoints it owes (withheld until then).
 */
function prepareOwed(s: DmlogState, processed: readonly number[]): DmlogState {
  let next = s;
  for (const m of processed) {
    const log = daemonOf(next, m).log;
    if (log === null || log.state !== 'resumed' || log.checkpointRequesters.length === 0) continue;
    const msgs = log.checkpointRequesters.map((to) => checkpointFor(log, to));
    next = enqueue(withLog(next, m, { ...log, checkpointRequesters: [] }), ...msgs);
  }
  return next;
}

/**
 * CHECKPOINT_READY for `to`: the first is imported (resume_override 3) and the startup list is
 * replayed (flush_startup_list); later ones are ignored (LVM2 f0be9ac9047a).
 */
function deliverCheckpoint(p: DmlogParams, s: DmlogState, cp: Extract<CpgMessage, { kind: 'checkpoint' }>): DmlogState {
  const log = daemonOf(s, cp.to).log;
  if (log === null || !s.cluster.members.includes(cp.to)) return s;
  const first = log.cpg === 'invalid';
  if (!first && p.bug !== 'secondary-checkpoint-imported') return s;
  // The imported bits may hold marks the disk lacks; if this node is the server its next FLUSH must write them.
  const touched = p.importTouched === 'set' || log.touched;
  const imported: DaemonLog = { ...log, bits: cp.bits, imported: true, cpg: 'valid', startup: [], touched, checkpointsImported: log.checkpointsImported + 1 };
  return replayStartup(p, withLog(s, cp.to, imported), cp.to, first ? log.startup : []);
}

/** flush_startup_list: stored requests in order (as server iff this node was then the server), checkpoints at MEMBER_JOIN markers. */
function replayStartup(p: DmlogParams, s: DmlogState, m: number, entries: readonly StartupEntry[]): DmlogState {
  let next = s;
  const ready: CpgMessage[] = [];
  for (const entry of entries) {
    if ('memberJoin' in entry) {
      const log = daemonOf(next, m).log;
      if (log !== null) ready.push(checkpointFor(log, entry.memberJoin));
    } else {
      next = applyOnMember(p, next, m, entry.originator, entry.msg, entry.asServer);
    }
  }
  return enqueue(next, ...ready);
}

/** A request in agreed order: every member applies it (INVALID members store it); the server answers. */
function deliverRequest(p: DmlogParams, s: DmlogState, originator: number, msg: UlogMessage): DmlogState {
  const server = serverOf(s);
  let next = s;
  const processed: number[] = [];
  for (const m of s.cluster.members) {
    if (daemonOf(next, m).log?.cpg === 'valid') processed.push(m);
    next = applyOnMember(p, next, m, originator, msg, m === server);
  }
  // POSTSUSPEND ends cpg_message_callback early on the others (goto out) and suspends the originator's log: nothing is prepared.
  return msg.requestType === 'DM_ULOG_POSTSUSPEND' ? next : prepareOwed(next, processed);
}

/** One member's part in a delivered request. */
function applyOnMember(p: DmlogParams, s: DmlogState, m: number, originator: number, msg: UlogMessage, isServer: boolean): DmlogState {
  const log = daemonOf(s, m).log;
  if (log === null || !s.cluster.members.includes(m)) return s;
  if (log.cpg === 'invalid') return withLog(s, m, { ...log, startup: [...log.startup, { originator, msg, asServer: isServer }] });
  const local: UlogMessage = { ...msg, luid: log.luid };
  if (msg.requestType === 'DM_ULOG_RESUME' || msg.requestType === 'DM_ULOG_POSTSUSPEND') {
    return m === originator ? originatorOnly(p, s, m, msg, local, log) : s;
  }
  const result = handleRequest(p, log, local, originator, s.disk);
  let next = withLog(s, m, result.log);
  if (!isServer) return next;
  if (result.persist && result.log !== null) next = { ...next, disk: writeDisk(p, next.disk, result.log) };
  if (msg.requestType === 'DM_ULOG_CLEAR_REGION') return next;
  return sendToKernel(next, originator, replyOf(msg, result));
}

/** RESUME and POSTSUSPEND are processed by their originator only; POSTSUSPEND leaves the group. */
function originatorOnly(p: DmlogParams, s: DmlogState, m: number, msg: UlogMessage, local: UlogMessage, log: DaemonLog): DmlogState {
  const result: DaemonResult = msg.requestType === 'DM_ULOG_RESUME' ? resumeLog(p, log, s.disk) : handleRequest(p, log, local, m, s.disk);
  let next = withLog(s, m, result.log);
  if (result.persist && result.log !== null) {
    next = s.disk.failed ? next : { ...next, disk: writeDisk(p, next.disk, result.log) };
  }
  if (msg.requestType === 'DM_ULOG_POSTSUSPEND') {
    next = { ...next, cluster: { ...next.cluster, members: next.cluster.members.filter((x) => x !== m) } };
  }
  const error = result.persist && s.disk.failed ? -ERRNO.EIO : result.error;
  return sendToKernel(next, m, replyOf(msg, { ...result, error }));
}
