/**
 * The kernel side: dm-log-userspace-base.c (requests per dirty-log op, userspace_flush),
 * dm-log-userspace-transfer.c (dm_consult_userspace: seq, one waiter, resend), and the parts of
 * dm-raid1.c / dm-region-hash.c that drive the log. Pure helpers: state in, state out.
 */
import type { DmlogParams } from './params.js';
import { ERRNO, type RequestType, type UlogMessage } from './requests.js';
import {
  at, channelOf, daemonOf, kernelOf, setAt, withChannel, withKernel,
  type DmlogState, type KernelNode, type KernelOp, type KernelRegion, type Waiter, type Write,
} from './state.js';
import { assert } from '../../lib/index.js';

/** Ops sent directly with dm_consult_userspace (no -ESRCH reconnect loop). */
const DIRECT_OPS: readonly KernelOp[] = ['ctr', 'dtr', 'presuspend', 'postsuspend', 'resume'];

/** The constructor string the kernel sends: "<target length in sectors> <log args…>". */
export function ctrString(p: DmlogParams): string {
  return `${p.regions * 1024} clustered-disk 4 253:2 1024 block_on_error`;
}

/** The constructor string as the kernel keeps it for a reconnect's CTR (NUL included). */
export function savedCtrString(p: DmlogParams): string {
  return `${ctrString(p)}\u0000`;
}

/** A request record for kernel node `n` under the current global seq. */
function requestOf(p: DmlogParams, s: DmlogState, n: number, type: RequestType, payload: readonly number[], text: string): UlogMessage {
  return { luid: kernelOf(s, n).luid, version: p.version, error: 0, seq: s.seq, requestType: type, payload, text };
}

/** A request the kernel wants to send: what it is for, and its content. */
export interface Outgoing {
  readonly op: KernelOp;
  readonly region: number;
  readonly write: number;
  readonly type: RequestType;
  readonly payload: readonly number[];
  readonly text: string;
}

/**
 * dm_consult_userspace: take a seq (dm_ulog_seq++), put the request on the channel and wait.
 * With no daemon subscribed the send fails with -ESRCH at once: direct ops see the error,
 * the others enter userspace_do_request's reconnect loop (sleep 2 s).
 */
export function transmit(p: DmlogParams, s: DmlogState, n: number, out: Outgoing, reconnect: Waiter['reconnect'] = 'none', original: UlogMessage | null = null): DmlogState {
  const msg = requestOf(p, s, n, out.type, out.payload, out.text);
  const waiter: Waiter = { op: out.op, region: out.region, write: out.write, request: msg, reconnect, original };
  const sent: DmlogState = { ...s, seq: s.seq + 1 };
  if (!daemonOf(s, n).up) return sendFailedNoListener(p, sent, n, waiter);
  const channel = channelOf(sent, n);
  const withMsg = withChannel(sent, n, { ...channel, toDaemon: [...channel.toDaemon, { kind: 'request', msg }] });
  return withKernel(withMsg, n, { ...kernelOf(withMsg, n), waiter });
}

/** cn_netlink_send returned -ESRCH (no listener). */
function sendFailedNoListener(p: DmlogParams, s: DmlogState, n: number, waiter: Waiter): DmlogState {
  if (waiter.reconnect === 'ctr') return withKernel(s, n, { ...kernelOf(s, n), waiter: { ...waiter, reconnect: 'sleeping' } });
  if (waiter.reconnect === 'resume') return resumeFailed(p, withKernel(s, n, { ...kernelOf(s, n), waiter }), n);
  if (DIRECT_OPS.includes(waiter.op)) return completeRequest(p, withKernel(s, n, { ...kernelOf(s, n), waiter }), n, -ERRNO.ESRCH, [], '');
  return withKernel(s, n, { ...kernelOf(s, n), waiter: { ...waiter, reconnect: 'sleeping', original: waiter.request } });
}

/**
 * The reconnect's RESUME failed. The kernel returns -ESRCH to the caller (IN_SYNC then reads 0,
 * a flush fails); the model's fixed kernel goes back to sleep and tries CTR again.
 */
function resumeFailed(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const waiter = kernelOf(s, n).waiter;
  assert(waiter !== null, 'a failed reconnect needs a waiter');
  if (p.bug === 'reconnect-resume-fails-open') return completeRequest(p, s, n, -ERRNO.ESRCH, [], '');
  return withKernel(s, n, { ...kernelOf(s, n), waiter: { ...waiter, reconnect: 'sleeping' } });
}

/** Resend the waiter's current request under a new seq (timeout, or -EAGAIN). */
export function resend(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const waiter = kernelOf(s, n).waiter;
  assert(waiter !== null, 'resend needs a waiter');
  const r = waiter.request;
  return transmit(p, s, n, { op: waiter.op, region: waiter.region, write: waiter.write, type: r.requestType, payload: r.payload, text: r.text }, waiter.reconnect, waiter.original);
}

/** The 2 s sleep of the reconnect loop ends: send CTR with the saved string (NUL included). */
export function reconnect(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const waiter = kernelOf(s, n).waiter;
  assert(waiter !== null && waiter.reconnect === 'sleeping', 'reconnect needs a sleeping waiter');
  const out: Outgoing = { op: waiter.op, region: waiter.region, write: waiter.write, type: 'DM_ULOG_CTR', payload: [], text: savedCtrString(p) };
  return transmit(p, s, n, out, 'ctr', waiter.original);
}

/**
 * A reply matched the waiter: the reconnect loop advances, or the request completes with
 * `error` (0 or a negative errno) and the reply's data.
 */
export function acceptReply(p: DmlogParams, s: DmlogState, n: number, error: number, payload: readonly number[], text: string): DmlogState {
  const waiter = kernelOf(s, n).waiter;
  assert(waiter !== null, 'a reply needs a waiter');
  if (error === -ERRNO.EAGAIN) return resend(p, s, n);
  if (waiter.reconnect === 'ctr') {
    if (error !== 0) return withKernel(s, n, { ...kernelOf(s, n), waiter: { ...waiter, reconnect: 'sleeping' } });
    const out: Outgoing = { op: waiter.op, region: waiter.region, write: waiter.write, type: 'DM_ULOG_RESUME', payload: [], text: '' };
    return transmit(p, s, n, out, 'resume', waiter.original);
  }
  if (waiter.reconnect === 'resume') {
    if (error !== 0) return resumeFailed(p, s, n);
    const original = waiter.original;
    assert(original !== null, 'a reconnect keeps the original request');
    const f = kernelOf(s, n).flush;
    if (waiter.op === 'flush' && f !== null && p.bug !== 'reconnect-loses-marks') {
      // The restarted daemon lost the batch's earlier CLEARs and MARKs: send the batch again.
      const restarted = { ...f, clears: f.batchClears, marks: f.batchMarks, stage: p.bug === 'marks-before-clears' ? 'mark' as const : 'clear' as const, oneByOne: false, group: [] };
      return sendFlushStep(p, withKernel(s, n, { ...kernelOf(s, n), waiter: null, flush: restarted }), n);
    }
    const out: Outgoing = { op: waiter.op, region: waiter.region, write: waiter.write, type: original.requestType, payload: original.payload, text: original.text };
    return transmit(p, s, n, out);
  }
  // userspace_do_request: -ESRCH from the daemon enters the reconnect loop like a failed send.
  if (error === -ERRNO.ESRCH && !DIRECT_OPS.includes(waiter.op)) {
    return withKernel(s, n, { ...kernelOf(s, n), waiter: { ...waiter, reconnect: 'sleeping', original: waiter.request } });
  }
  return completeRequest(p, s, n, error, payload, text);
}

/** The logical request is over: clear the waiter and let its caller act on the result. */
export function completeRequest(p: DmlogParams, s: DmlogState, n: number, error: number, payload: readonly number[], text: string): DmlogState {
  const k = kernelOf(s, n);
  const waiter = k.waiter;
  assert(waiter !== null, 'completing needs a waiter');
  const idle = withKernel(s, n, { ...k, waiter: null });
  const value = error === 0 ? (payload[0] ?? 0) : 0;
  switch (waiter.op) {
    case 'ctr': return setPhase(idle, n, error === 0 ? 'constructed' : 'failed');
    case 'resume': return setPhase(idle, n, 'active');
    case 'presuspend': return setPhase(idle, n, 'presuspended');
    case 'postsuspend': return setPhase(idle, n, 'suspended');
    case 'dtr': return setPhase(idle, n, 'destroyed');
    case 'inSync': {
      // do_writes goes on with the same bio: dm_rh_get_state returned, classification follows at once.
      const looked = regionLookedUp(idle, n, waiter.region, value === 1);
      return kernelOf(looked, n).writes[waiter.write]?.stage === 'queued' ? classifyWrite(looked, n, waiter.write) : looked;
    }
    case 'remoteRecovering': return remoteRecoveringAnswered(idle, n, waiter, error, payload);
    case 'flush': return flushGroupDone(p, idle, n, error);
    case 'getResyncWork': return resyncWorkAnswered(p, idle, n, error, payload);
    case 'setRegionSync': return recoveryCompleted(idle, n, waiter.region);
    case 'getSyncCount': return syncCountAnswered(p, idle, n, value);
    case 'isClean': return withKernel(idle, n, { ...kernelOf(idle, n), lastIsClean: { region: waiter.region, clean: value === 1 } });
    case 'statusInfo': return idle;
    case 'lazyFlush': return idle;
  }
}

function setPhase(s: DmlogState, n: number, phase: KernelNode['phase']): DmlogState {
  const k = kernelOf(s, n);
  const extra = phase === 'active' ? { recoveryStopped: false } : {};
  return withKernel(s, n, { ...k, phase, ...extra });
}

// ---------------------------------------------------------------- region hash helpers

/** Kernel node with region `r` replaced. */
export function withRegion(k: KernelNode, r: number, region: KernelRegion): KernelNode {
  return { ...k, regions: setAt(k.regions, r, region) };
}

/** Kernel node with write `w` replaced. */
export function withWrite(k: KernelNode, w: number, write: Write): KernelNode {
  return { ...k, writes: setAt(k.writes, w, write) };
}

/** __rh_alloc: the region enters the hash CLEAN (on the clean list) or NOSYNC. */
function regionLookedUp(s: DmlogState, n: number, r: number, inSync: boolean): DmlogState {
  const k = kernelOf(s, n);
  const region = at(k.regions, r);
  if (region.state !== 'absent') return s;
  const next: KernelRegion = inSync
    ? { ...region, state: 'clean', onCleanList: true }
    : { ...region, state: 'nosync', onCleanList: false };
  return withKernel(s, n, withRegion(k, r, next));
}

/** is_remote_recovering's answer: 0 lets the write on; 1 (or an error) requeues it. */
function remoteRecoveringAnswered(s: DmlogState, n: number, waiter: Waiter, error: number, payload: readonly number[]): DmlogState {
  const k = kernelOf(s, n);
  if (error !== 0) return s;
  const hint = payload[1] ?? 0;
  const recovering = (payload[0] ?? 1) !== 0;
  const write = k.writes[waiter.write];
  const withHint: KernelNode = { ...k, inSyncHint: Math.max(0, Math.min(hint, k.regions.length)) };
  if (recovering || write === undefined || write.stage !== 'queued') return withKernel(s, n, withHint);
  return withKernel(s, n, withWrite(withHint, waiter.write, { ...write, remoteChecked: true }));
}

/** GET_RESYNC_WORK answered {1, r}: r becomes RECOVERING (quiesced once its writes drain). */
function resyncWorkAnswered(p: DmlogParams, s: DmlogState, n: number, error: number, payload: readonly number[]): DmlogState {
  if (error !== 0 || payload[0] !== 1) return s;
  const k = kernelOf(s, n);
  const r = payload[1] ?? 0;
  const region = at(k.regions, r);
  const quiesced = region.pending === 0 || p.bug === 'recovery-ignores-pending';
  const next: KernelRegion = { ...region, state: 'recovering', onCleanList: false, recovery: quiesced ? 'quiesced' : 'waiting' };
  return withKernel(s, n, withRegion(k, r, next));
}

/** SET_REGION_SYNC(r, 1) done: the region leaves the hash; its delayed writes are requeued. */
function recoveryCompleted(s: DmlogState, n: number, r: number): DmlogState {
  const k = kernelOf(s, n);
  const region = at(k.regions, r);
  const writes = k.writes.map((w) => (w.region === r && w.stage === 'delayed' ? { ...w, stage: 'queued' as const, remoteChecked: false } : w));
  return withKernel(s, n, { ...withRegion(k, r, { ...region, state: 'absent', recovery: 'none', onCleanList: false }), writes });
}

/** GET_SYNC_COUNT: when every region is in sync the mirror is in sync and the hint is full. */
function syncCountAnswered(p: DmlogParams, s: DmlogState, n: number, count: number): DmlogState {
  if (count < p.regions) return s;
  const k = kernelOf(s, n);
  return withKernel(s, n, { ...k, mirrorInSync: true, inSyncHint: p.regions });
}

/**
 * do_writes classification and dm_rh_inc_pending: CLEAN → DIRTY puts the region on mark_list;
 * DIRTY/NOSYNC just count the write; RECOVERING delays it.
 */
export function classifyWrite(s: DmlogState, n: number, w: number): DmlogState {
  const k = kernelOf(s, n);
  const write = at(k.writes, w);
  const region = at(k.regions, write.region);
  assert(region.state !== 'absent', 'classification needs the region in the hash');
  if (region.state === 'recovering') return withKernel(s, n, withWrite(k, w, { ...write, stage: 'delayed' }));
  const allLegs = region.state !== 'nosync';
  const marked = withWrite(k, w, { ...write, stage: 'marked', allLegs });
  const counted: KernelRegion = { ...region, pending: region.pending + 1 };
  if (region.state !== 'clean') return withKernel(s, n, withRegion(marked, write.region, counted));
  const dirty: KernelRegion = { ...counted, state: 'dirty', onCleanList: false };
  return withKernel(s, n, { ...withRegion(marked, write.region, dirty), markList: [...marked.markList, write.region] });
}

// ---------------------------------------------------------------- userspace_flush (§2.4)

/** Regions of the next group: up to groupSize, or one after a failure. */
function nextGroup(p: DmlogParams, list: readonly number[], oneByOne: boolean): readonly number[] {
  return list.slice(0, oneByOne ? 1 : p.groupSize);
}

/** Steal the lists and send the first request, or finish at once when both are empty. */
export function startFlush(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const k = kernelOf(s, n);
  const writes = k.writes.map((w) => (w.stage === 'marked' ? { ...w, stage: 'flushing' as const } : w));
  // v3: a batch without marks schedules the lazy FLUSH, or cancels a scheduled one (§2.4 quirk).
  const lazyFlush = p.version === 3 && (k.markList.length > 0 || k.clearList.length > 0) ? k.markList.length === 0 && !k.lazyFlush : k.lazyFlush;
  const stolen: KernelNode = { ...k, writes, markList: [], clearList: [], lazyFlush };
  if (k.markList.length === 0 && k.clearList.length === 0) return finishFlush(withKernel(s, n, stolen), n, true);
  const firstStage = p.bug === 'marks-before-clears' ? 'mark' : 'clear';
  const flushing: KernelNode = { ...stolen, flush: { clears: k.clearList, marks: k.markList, stage: firstStage, oneByOne: false, group: [], batchClears: k.clearList, batchMarks: k.markList } };
  return sendFlushStep(p, withKernel(s, n, flushing), n);
}

/** Send the next group of the current stage, moving on to the next stage when it is empty. */
function sendFlushStep(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const k = kernelOf(s, n);
  const f = k.flush;
  assert(f !== null, 'a flush step needs a flush in progress');
  const marksFirst = p.bug === 'marks-before-clears';
  if (f.stage === 'clear') {
    if (f.clears.length > 0) return sendGroup(p, s, n, 'DM_ULOG_CLEAR_REGION', f.clears, f.oneByOne);
    const stage = marksFirst ? (p.version === 3 ? null : 'flush') : 'mark';
    if (stage === null) return finishFlush(s, n, true);
    return sendFlushStep(p, withKernel(s, n, { ...k, flush: { ...f, stage } }), n);
  }
  if (f.stage === 'mark') {
    const type: RequestType = p.version === 3 ? 'DM_ULOG_FLUSH' : 'DM_ULOG_MARK_REGION';
    if (f.marks.length > 0) return sendGroup(p, s, n, type, f.marks, f.oneByOne);
    if (marksFirst) return sendFlushStep(p, withKernel(s, n, { ...k, flush: { ...f, stage: 'clear' } }), n);
    if (p.version === 3) return finishFlush(s, n, true);
    return sendFlushStep(p, withKernel(s, n, { ...k, flush: { ...f, stage: 'flush' } }), n);
  }
  const out: Outgoing = { op: 'flush', region: -1, write: -1, type: 'DM_ULOG_FLUSH', payload: [], text: '' };
  return transmit(p, withKernel(s, n, { ...k, flush: { ...f, group: [] } }), n, out);
}

function sendGroup(p: DmlogParams, s: DmlogState, n: number, type: RequestType, list: readonly number[], oneByOne: boolean): DmlogState {
  const k = kernelOf(s, n);
  const f = k.flush;
  assert(f !== null, 'sending a group needs a flush');
  const group = nextGroup(p, list, oneByOne);
  const out: Outgoing = { op: 'flush', region: -1, write: -1, type, payload: group, text: '' };
  return transmit(p, withKernel(s, n, { ...k, flush: { ...f, group } }), n, out);
}

/** The reply to a flush request: drop the group and go on; on error fall back or fail. */
function flushGroupDone(p: DmlogParams, s: DmlogState, n: number, error: number): DmlogState {
  const k = kernelOf(s, n);
  const f = k.flush;
  assert(f !== null, 'a flush reply needs a flush');
  if (error !== 0) {
    if (f.group.length > 1 && !f.oneByOne) return sendFlushStep(p, withKernel(s, n, { ...k, flush: { ...f, oneByOne: true } }), n);
    return finishFlush(s, n, false);
  }
  if (f.stage === 'flush') return finishFlush(s, n, true);
  const drop = (list: readonly number[]): readonly number[] => list.slice(f.group.length);
  const flush = f.stage === 'clear' ? { ...f, clears: drop(f.clears), group: [] } : { ...f, marks: drop(f.marks), group: [] };
  return sendFlushStep(p, withKernel(s, n, { ...k, flush }), n);
}

/**
 * End of userspace_flush. On success the writes waiting for it may be dispatched; on failure
 * the entries are dropped, the log has failed, and (with handle_errors) the writes are held.
 */
function finishFlush(s: DmlogState, n: number, ok: boolean): DmlogState {
  const k = kernelOf(s, n);
  // do_writes: after a log failure (this flush or an earlier one) handle_errors holds sync writes.
  const target: Write['stage'] = ok && !k.logFailed ? 'flushed' : 'held';
  const writes = k.writes.map((w) => (w.stage === 'flushing' ? { ...w, stage: target } : w));
  return withKernel(s, n, { ...k, writes, flush: null, logFailed: k.logFailed || !ok });
}
