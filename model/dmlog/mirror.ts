/**
 * What the mirror target does (dm-raid1.c, dm-region-hash.c) on each kernel action: the table
 * lifecycle and kmirrord's steps. Each helper is the leaf of one `next` case.
 */
import type { DmlogParams } from './params.js';
import { assert } from '../../lib/index.js';
import {
  at, channelOf, initialKernel, kernelOf, setAt, withChannel, withDaemon, withKernel, woken,
  type DmlogState, type KernelNode, type KernelRegion, type Write,
} from './state.js';
import { resend, transmit, withRegion, withWrite, type Outgoing } from './kernel.js';
import { startFlush } from './flush.js';
import { ctrString } from './texts.js';
import type { RequestType } from './requests.js';
import type { KernelOp } from './state.js';

function send(p: DmlogParams, s: DmlogState, n: number, op: KernelOp, type: RequestType, payload: readonly number[] = [], region = -1, write = -1, text = ''): DmlogState {
  const out: Outgoing = { op, region, write, type, payload, text };
  return transmit(p, s, n, out);
}

function update(s: DmlogState, n: number, f: (k: KernelNode) => KernelNode): DmlogState {
  return withKernel(s, n, f(kernelOf(s, n)));
}

/** userspace_ctr: a new log_c (new luid) and DM_ULOG_CTR with the constructor string (no NUL). */
export function loadTable(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const loaded = update(s, n, (k) => ({ ...k, phase: 'constructing', luid: k.luid + 1 }));
  return send(p, loaded, n, 'ctr', 'DM_ULOG_CTR', [], -1, -1, ctrString(p));
}

/** mirror_resume → userspace_resume: in_sync_hint := 0; DM_ULOG_RESUME. */
export function resumeDevice(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const k = kernelOf(s, n);
  const suspendsLeft = k.phase === 'suspended' ? k.suspendsLeft - 1 : k.suspendsLeft;
  const resuming = update(s, n, (x) => ({ ...x, phase: 'resuming', inSyncHint: 0, mirrorInSync: false, suspendsLeft }));
  return send(p, resuming, n, 'resume', 'DM_ULOG_RESUME');
}

/** mirror_presuspend: stop recovery (takes the tokens), then DM_ULOG_PRESUSPEND. */
export function presuspendDevice(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const stop = p.bug !== 'no-recovery-stop-on-presuspend';
  // hold_bio with ms->suspend set: the writes held after a log failure end with an error (a flush suspend).
  const held = kernelOf(s, n).writes.flatMap((w, i) => (w.stage === 'held' ? [i] : [])).reverse();
  const released = held.reduce((k, w) => endWrite(p, k, w), kernelOf(s, n));
  const stopped = withKernel(s, n, { ...released, phase: 'presuspending', recoveryStopped: stop });
  return send(p, stopped, n, 'presuspend', 'DM_ULOG_PRESUSPEND');
}

/** mirror_postsuspend: DM_ULOG_POSTSUSPEND (any lazy flush has run first: see guards). */
export function postsuspendDevice(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  return send(p, update(s, n, (k) => ({ ...k, phase: 'postsuspending' })), n, 'postsuspend', 'DM_ULOG_POSTSUSPEND');
}

/** userspace_dtr: DM_ULOG_DTR (result ignored). */
export function destroyTable(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  return send(p, update(s, n, (k) => ({ ...k, phase: 'destroying' })), n, 'dtr', 'DM_ULOG_DTR');
}

/** A write bio enters kmirrord's queue. */
export function issueWrite(p: DmlogParams, s: DmlogState, n: number, region: number): DmlogState {
  const checked = p.bug === 'no-remote-recovering-check';
  const write: Write = { region, stage: 'queued', remoteChecked: checked, allLegs: false };
  return update(s, n, (k) => woken({ ...k, writes: [...k.writes, write], writesLeft: k.writesLeft - 1 }));
}

/** userspace_is_remote_recovering: below the in-sync hint answer 0 locally, else ask. */
export function checkRemoteRecovering(p: DmlogParams, s: DmlogState, n: number, w: number): DmlogState {
  const k = kernelOf(s, n);
  const write = at(k.writes, w);
  if (write.region < k.inSyncHint) return withKernel(s, n, withWrite(k, w, { ...write, remoteChecked: true }));
  return send(p, s, n, 'remoteRecovering', 'DM_ULOG_IS_REMOTE_RECOVERING', [write.region], write.region, w);
}

/** __rh_alloc: DM_ULOG_IN_SYNC for a region not in the hash. */
export function lookupRegion(p: DmlogParams, s: DmlogState, n: number, w: number): DmlogState {
  const write = at(kernelOf(s, n).writes, w);
  return send(p, s, n, 'inSync', 'DM_ULOG_IN_SYNC', [write.region], write.region, w);
}

export { classifyWrite } from './kernel.js';

/** dm_rh_flush → userspace_flush. */
export function flushLog(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  return startFlush(p, s, n);
}

/** do_write: the bio goes to all legs (CLEAN/DIRTY) or the default leg only (NOSYNC). */
export function dispatchWrite(s: DmlogState, n: number, w: number): DmlogState {
  const k = kernelOf(s, n);
  const write = at(k.writes, w);
  return withKernel(s, n, withWrite(k, w, { ...write, stage: 'dispatched' }));
}

/**
 * mirror_end_io → dm_rh_dec: the last write of a DIRTY region puts it on the clean list; of a
 * RECOVERING region, on the quiesced list. A default-leg-only write leaves the legs differing.
 */
export function completeWrite(p: DmlogParams, s: DmlogState, n: number, w: number): DmlogState {
  const write = at(kernelOf(s, n).writes, w);
  const diverged = write.allLegs ? s.diverged : setAt(s.diverged, write.region, true);
  return { ...withKernel(s, n, woken(endWrite(p, kernelOf(s, n), w))), diverged };
}

/** dm_rh_dec for write `w`, which leaves the kernel's list. */
function endWrite(p: DmlogParams, k: KernelNode, w: number): KernelNode {
  const write = at(k.writes, w);
  const region = at(k.regions, write.region);
  const pending = region.pending - 1;
  let next: KernelRegion = { ...region, pending };
  const drained = pending === 0 || p.bug === 'clear-while-pending';
  if (drained && region.state === 'dirty' && !k.logFailed) next = { ...next, state: 'clean', onCleanList: true };
  if (drained && region.state === 'dirty' && k.logFailed) next = { ...next, state: 'nosync' };
  if (pending === 0 && region.state === 'recovering' && region.recovery === 'waiting') next = { ...next, recovery: 'quiesced' };
  return { ...withRegion(k, write.region, next), writes: k.writes.filter((_, j) => j !== w) };
}

/** dm_rh_update_states: clean-list regions leave the hash and their clears are queued. */
export function updateStates(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const k = kernelOf(s, n);
  const cleaned: number[] = [];
  const regions = k.regions.map((r, i) => {
    if (!r.onCleanList) return r;
    cleaned.push(i);
    return { ...r, state: 'absent' as const, onCleanList: false };
  });
  // dm_rh_update_states ends with the log flush, which sends the clears.
  return startFlush(p, withKernel(s, n, { ...k, regions, clearList: [...k.clearList, ...cleaned] }), n);
}

/** dm_rh_recovery_prepare: DM_ULOG_GET_RESYNC_WORK. */
export function getResyncWork(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  return send(p, update(s, n, (k) => ({ ...k, pollResync: false })), n, 'getResyncWork', 'DM_ULOG_GET_RESYNC_WORK');
}

/** kcopyd starts copying region `r` from the default leg. */
export function startCopy(s: DmlogState, n: number, r: number): DmlogState {
  const k = kernelOf(s, n);
  return withKernel(s, n, withRegion(k, r, { ...at(k.regions, r), recovery: 'copying' }));
}

/** kcopyd ends: the legs of `r` agree; the region is on the recovered list. */
export function endCopy(s: DmlogState, n: number, r: number): DmlogState {
  const k = kernelOf(s, n);
  const copied = withKernel(s, n, woken(withRegion(k, r, { ...at(k.regions, r), recovery: 'recovered' })));
  return { ...copied, diverged: setAt(copied.diverged, r, false) };
}

/** dm_rh_update_states on a recovered region: clear_region(r), then DM_ULOG_SET_REGION_SYNC(r, 1). */
export function completeRecovery(p: DmlogParams, s: DmlogState, n: number, r: number): DmlogState {
  const queued = update(s, n, (k) => ({ ...k, clearList: [...k.clearList, r] }));
  return send(p, queued, n, 'setRegionSync', 'DM_ULOG_SET_REGION_SYNC', [r, 1], r);
}

/** do_recovery: DM_ULOG_GET_SYNC_COUNT while the mirror is not known in sync. */
export function getSyncCount(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  return send(p, update(s, n, (k) => ({ ...k, pollSync: false })), n, 'getSyncCount', 'DM_ULOG_GET_SYNC_COUNT');
}

/** A status ioctl asks DM_ULOG_IS_CLEAN(r). */
export function queryIsClean(p: DmlogParams, s: DmlogState, n: number, r: number): DmlogState {
  const used = update(s, n, (k) => ({ ...k, queriesLeft: k.queriesLeft - 1 }));
  return send(p, used, n, 'isClean', 'DM_ULOG_IS_CLEAN', [r], r);
}

/** A status ioctl asks DM_ULOG_STATUS_INFO. */
export function queryStatus(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const used = update(s, n, (k) => ({ ...k, queriesLeft: k.queriesLeft - 1 }));
  return send(p, used, n, 'statusInfo', 'DM_ULOG_STATUS_INFO');
}

/** v3 do_flush: the lazy empty FLUSH. */
export function lazyFlush(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const cleared = update(s, n, (k) => ({ ...k, lazyFlush: false }));
  return send(p, cleared, n, 'lazyFlush', 'DM_ULOG_FLUSH');
}

/** 15 s passed without a reply: resend under a new seq; a premature timeout costs a fault. */
export function timeoutFires(p: DmlogParams, s: DmlogState, n: number, free: boolean): DmlogState {
  const charged = free ? s : { ...s, faultsLeft: s.faultsLeft - 1 };
  return resend(p, charged, n);
}

/**
 * The node loses power: kernel and daemon memory are gone, queued datagrams too; writes in
 * flight leave their regions' legs differing; a log device with a volatile cache keeps only its
 * stable copy. The table is loaded again at boot.
 */
export function powerFail(p: DmlogParams, s: DmlogState, n: number): DmlogState {
  const k = kernelOf(s, n);
  let diverged = s.diverged;
  for (const w of k.writes) if (w.stage === 'dispatched') diverged = setAt(diverged, w.region, true);
  const fresh = initialKernel(p, n);
  const kernel: KernelNode = { ...fresh, luid: k.luid, writesLeft: k.writesLeft, suspendsLeft: k.suspendsLeft, queriesLeft: k.queriesLeft };
  const cleared = withChannel(withKernel(s, n, kernel), n, { toDaemon: [], toKernel: [] });
  const disk = { ...s.disk, clean: s.disk.stable ?? s.disk.clean, stable: null };
  return { ...withDaemon(cleared, n, { up: true, log: null }), diverged, disk, faultsLeft: s.faultsLeft - 1 };
}

/** cmirrord dies: its memory and its socket's queue are lost. */
export function daemonCrash(s: DmlogState, n: number): DmlogState {
  const c = channelOf(s, n);
  const crashed = withChannel(withDaemon(s, n, { up: false, log: null }), n, { ...c, toDaemon: [] });
  return { ...crashed, faultsLeft: s.faultsLeft - 1 };
}

/** cmirrord is started again, subscribed, with no logs. */
export function daemonRestart(s: DmlogState, n: number): DmlogState {
  return withDaemon(s, n, { up: true, log: null });
}
