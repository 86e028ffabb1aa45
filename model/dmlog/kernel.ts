/**
 * The kernel side (Linux v6.6): dm-log-userspace-transfer.c (dm_consult_userspace: seq, one
 * waiter, resend), what each dm-log-userspace-base.c op does with its reply, and the parts of
 * dm-region-hash.c that a reply drives. The -ESRCH loop is in reconnect.ts, userspace_flush in
 * flush.ts. Pure helpers: state in, state out.
 */
import type { DmlogParams } from './params.js';
import { ERRNO, type RequestType, type UlogMessage } from './requests.js';
import {
  at, channelOf, daemonOf, kernelOf, setAt, withChannel, withKernel,
  woken, type DmlogState, type KernelNode, type KernelOp, type KernelRegion, type Waiter, type Write,
} from './state.js';
import { assert } from '../../lib/index.js';
import { reconnectStepDone, sendFailedNoListener, startReconnect } from './reconnect.js';
import { flushGroupDone } from './flush.js';

/** Ops sent directly with dm_consult_userspace (no -ESRCH reconnect loop). */
export const DIRECT_OPS: readonly KernelOp[] = ['ctr', 'dtr', 'presuspend', 'postsuspend', 'resume'];

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
 * the others enter userspace_do_request's reconnect loop (reconnect.ts).
 */
export function transmit(p: DmlogParams, s: DmlogState, n: number, out: Outgoing, reconnect: Waiter['reconnect'] = 'none', original: UlogMessage | null = null): DmlogState {
  const msg = requestOf(p, s, n, out.type, out.payload, out.text);
  const waiter: Waiter = { op: out.op, region: out.region, write: out.write, request: msg, reconnect, original };
  const sent: DmlogState = { ...s, seq: s.seq + 1 };
  if (!daemonOf(s, n).up) return sendFailedNoListener(p, withKernel(sent, n, { ...kernelOf(sent, n), waiter }), n);
  const channel = channelOf(sent, n);
  const withMsg = withChannel(sent, n, { ...channel, toDaemon: [...channel.toDaemon, { kind: 'request', msg }] });
  return withKernel(withMsg, n, { ...kernelOf(withMsg, n), waiter });
}

/** Resend the waiter's current request under a new seq (timeout, or -EAGAIN). */
export function resend(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const waiter = kernelOf(s, n).waiter;
  assert(waiter !== null, 'resend needs a waiter');
  const r = waiter.request;
  return transmit(p, s, n, { op: waiter.op, region: waiter.region, write: waiter.write, type: r.requestType, payload: r.payload, text: r.text }, waiter.reconnect, waiter.original);
}

/**
 * A reply matched the waiter: -EAGAIN resends; a step of the reconnect loop advances it; -ESRCH
 * from the daemon enters the loop (userspace_do_request tests the result, not how it came);
 * otherwise the request completes with `error` (0 or a negative errno) and the reply's data.
 */
export function acceptReply(p: DmlogParams, s: DmlogState, n: number, error: number, payload: readonly number[], text: string): DmlogState {
  const waiter = kernelOf(s, n).waiter;
  assert(waiter !== null, 'a reply needs a waiter');
  if (error === -ERRNO.EAGAIN) return resend(p, s, n);
  if (waiter.reconnect !== 'none') return reconnectStepDone(p, s, n, error);
  if (error === -ERRNO.ESRCH && !DIRECT_OPS.includes(waiter.op)) return startReconnect(s, n);
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
  // mirror_resume: dm_rh_start_recovery gives back the recovery tokens and wakes kmirrord.
  return withKernel(s, n, phase === 'active' ? woken({ ...k, phase, recoveryStopped: false }) : { ...k, phase });
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
  const inSyncHint = Math.max(0, Math.min(hint, k.regions.length));
  const withHint: KernelNode = { ...k, inSyncHint, pollResync: k.pollResync && inSyncHint < k.regions.length };
  // A requeued write re-arms the 200 ms timer (delayed_wake), which wakes kmirrord again.
  if (recovering) return withKernel(s, n, woken(withHint));
  if (write === undefined || write.stage !== 'queued') return withKernel(s, n, withHint);
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
  // dm_rh_update_states runs before do_recovery in the same pass: the next resync work and sync count follow it.
  return withKernel(s, n, woken({ ...withRegion(k, r, { ...region, state: 'absent', recovery: 'none', onCleanList: false }), writes }));
}

/** GET_SYNC_COUNT: when every region is in sync the mirror is in sync and the hint is full. */
function syncCountAnswered(p: DmlogParams, s: DmlogState, n: number, count: number): DmlogState {
  if (count < p.regions) return s;
  const k = kernelOf(s, n);
  return withKernel(s, n, { ...k, mirrorInSync: true, inSyncHint: p.regions, pollResync: false, pollSync: false });
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
