/**
 * Netlink as data: per node, datagrams kernel → daemon and daemon → kernel. Delivery, loss and
 * duplication are actions; with `reorder` off only the head of a queue is delivered.
 */
import type { DmlogParams } from './params.js';
import { ERRNO, dataSizeBytes, datagramSeq, datagramType, replyCapacityBytes, type Datagram, type UlogMessage } from './requests.js';
import { assert } from '../../lib/index.js';
import { at, channelOf, daemonOf, kernelOf, withChannel, withDaemon, withKernel, type Channel, type DmlogState } from './state.js';
import type { Direction } from './actions.js';
import { handleRequest, writeDisk, type DaemonResult } from './daemon.js';
import { acceptReply } from './kernel.js';
import { reconnectCtrCapacity } from './reconnect.js';
import { daemonMulticast, isLocalType } from './cluster.js';

/** Channel `n` with datagram `i` of `dir` removed. */
function withoutDatagram(c: Channel, dir: Direction, i: number): Channel {
  return { ...c, [dir]: c[dir].filter((_, j) => j !== i) };
}

/** Append a datagram to node `n`'s queue toward its kernel. */
export function sendToKernel(s: DmlogState, n: number, d: Datagram): DmlogState {
  const c = channelOf(s, n);
  return withChannel(s, n, { ...c, toKernel: [...c.toKernel, d] });
}

/** The reply record for a request and its result (data only with error 0). */
export function replyOf(msg: UlogMessage, r: DaemonResult): Datagram {
  const good = r.error === 0;
  return { kind: 'reply', msg: { ...msg, error: r.error, payload: good ? r.payload : [], text: good ? r.text : '' } };
}

/** A request reaches node `n`'s daemon: answered locally, or multicast to the cluster. */
export function deliverRequest(p: DmlogParams, s: DmlogState, n: number, i: number): DmlogState {
  const d = at(channelOf(s, n).toDaemon, i);
  assert(d.kind === 'request', 'the daemon receives requests');
  const taken = withChannel(s, n, withoutDatagram(channelOf(s, n), 'toDaemon', i));
  if (p.nodes > 1 && !isLocalType(d.msg.requestType)) return daemonMulticast(p, taken, n, d.msg);
  return answerLocally(p, taken, n, d.msg);
}

/** cmirrord's local path: do_request on this node's replica, then kernel_send. */
export function answerLocally(p: DmlogParams, s: DmlogState, n: number, msg: UlogMessage): DmlogState {
  const daemon = daemonOf(s, n);
  const result = handleRequest(p, daemon.log, msg, n, s.disk);
  const withLog = withDaemon(s, n, { ...daemon, log: result.log });
  const persisted = result.persist && result.log !== null ? { ...withLog, disk: writeDisk(p, s.disk, result.log) } : withLog;
  // cmirrord ACKs CLEAR_REGION at once, before processing (local.c); errors are never reported.
  if (msg.requestType === 'DM_ULOG_CLEAR_REGION') return sendToKernel(persisted, n, { kind: 'ack', seq: msg.seq, ack: 0, requestType: msg.requestType });
  return sendToKernel(persisted, n, replyOf(msg, result));
}

/**
 * A reply reaches node `n`'s kernel (fill_pkg): it completes the waiter whose current seq it
 * carries; any other reply is dropped. A reply with more data than the caller's capacity is
 * -ENOSPC (the reconnect's CTR passes no buffer: capacity 0).
 */
export function deliverReply(p: DmlogParams, s: DmlogState, n: number, i: number): DmlogState {
  const d = at(channelOf(s, n).toKernel, i);
  const taken = withChannel(s, n, withoutDatagram(channelOf(s, n), 'toKernel', i));
  const k = kernelOf(taken, n);
  const waiter = k.waiter;
  if (waiter === null || waiter.reconnect === 'sleeping') return taken;
  const matches = datagramSeq(d) === waiter.request.seq;
  const staleAccepted = !matches && p.bug === 'stale-reply-accepted' && datagramType(d) === waiter.request.requestType;
  if (!matches && !staleAccepted) return taken;
  const marked = staleAccepted ? withKernel(taken, n, { ...k, repliesMatched: false }) : taken;
  if (d.kind === 'ack') return acceptReply(p, marked, n, -d.ack, [], '');
  if (d.kind !== 'reply') return marked;
  const capacity = waiter.reconnect === 'ctr' ? reconnectCtrCapacity(p) : replyCapacityBytes(waiter.request.requestType);
  if (dataSizeBytes(d.msg) > capacity) return acceptReply(p, marked, n, -ERRNO.ENOSPC, [], '');
  return acceptReply(p, marked, n, d.msg.error, d.msg.payload, d.msg.text);
}

/** Fault: datagram `i` of `dir` is lost. */
export function loseDatagram(s: DmlogState, n: number, dir: Direction, i: number): DmlogState {
  return { ...withChannel(s, n, withoutDatagram(channelOf(s, n), dir, i)), faultsLeft: s.faultsLeft - 1 };
}

/** Fault: datagram `i` of `dir` is duplicated (the copy follows it). */
export function duplicateDatagram(s: DmlogState, n: number, dir: Direction, i: number): DmlogState {
  const c = channelOf(s, n);
  const list = c[dir];
  const copy = at(list, i);
  const next = [...list.slice(0, i + 1), copy, ...list.slice(i + 1)];
  return { ...withChannel(s, n, { ...c, [dir]: next }), faultsLeft: s.faultsLeft - 1 };
}
