/**
 * Named guards shared by `actions()` (enabled) and `next()` (re-asserted): each says when the
 * real code can take the step.
 */
import type { DmlogParams } from './params.js';
import { datagramSeq } from './requests.js';
import { channelOf, daemonOf, kernelOf, type DmlogState, type KernelNode } from './state.js';

/** kmirrord (and the table ops) run one request at a time: no waiter, no flush in progress. */
export function isKernelIdle(k: KernelNode): boolean {
  return k.waiter === null && k.flush === null;
}

/** kmirrord processes I/O and recovery while the device is active or draining for suspend. */
export function isKmirrordRunning(k: KernelNode): boolean {
  return (k.phase === 'active' || k.phase === 'presuspended') && isKernelIdle(k);
}

function hasRecoveryInFlight(k: KernelNode): boolean {
  return k.regions.some((r) => r.recovery !== 'none');
}

export function canLoadTable(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  return k.phase === 'unconstructed' && isKernelIdle(k);
}

export function canResumeDevice(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  if (!isKernelIdle(k)) return false;
  return k.phase === 'constructed' || (k.phase === 'suspended' && k.suspendsLeft > 0);
}

/**
 * Presuspend: mid-run while suspend cycles remain, else only once no writes are left to issue;
 * with presuspendDrain=writes (the proposal) only once kmirrord has dispatched its queued writes.
 */
export function canPresuspendDevice(p: DmlogParams, s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  if (k.phase !== 'active' || !isKernelIdle(k)) return false;
  if (k.suspendsLeft === 0 && (k.writesLeft > 0 || n >= p.teardowns)) return false;
  if (p.presuspendDrain === 'writes' && k.writes.some((w) => w.stage !== 'dispatched' && w.stage !== 'held')) return false;
  return p.bug === 'no-recovery-stop-on-presuspend' || !hasRecoveryInFlight(k);
}

/** Postsuspend: dm core has drained the target's I/O and (v3) the lazy flush has run. */
export function canPostsuspendDevice(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  return k.phase === 'presuspended' && isKernelIdle(k) && k.writes.length === 0 && !k.lazyFlush;
}

export function canDestroyTable(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  return k.phase === 'suspended' && isKernelIdle(k) && k.suspendsLeft === 0 && k.writesLeft === 0;
}

export function canIssueWrite(s: DmlogState, n: number, region: number): boolean {
  const k = kernelOf(s, n);
  return k.phase === 'active' && k.writesLeft > 0 && region >= 0 && region < k.regions.length;
}

export function canCheckRemoteRecovering(s: DmlogState, n: number, w: number): boolean {
  const k = kernelOf(s, n);
  const write = k.writes[w];
  return isKmirrordRunning(k) && write !== undefined && write.stage === 'queued' && !write.remoteChecked;
}

export function canLookupRegion(s: DmlogState, n: number, w: number): boolean {
  const k = kernelOf(s, n);
  const write = k.writes[w];
  return isKmirrordRunning(k) && write !== undefined && write.stage === 'queued' && write.remoteChecked
    && k.regions[write.region]?.state === 'absent';
}

export function canClassifyWrite(s: DmlogState, n: number, w: number): boolean {
  const k = kernelOf(s, n);
  const write = k.writes[w];
  if (!isKmirrordRunning(k) || write === undefined || write.stage !== 'queued' || !write.remoteChecked) return false;
  const state = k.regions[write.region]?.state;
  return state !== undefined && state !== 'absent';
}

export function canFlushLog(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  if (!isKmirrordRunning(k)) return false;
  return k.markList.length > 0 || k.clearList.length > 0 || k.writes.some((w) => w.stage === 'marked');
}

export function canDispatchWrite(p: DmlogParams, s: DmlogState, n: number, w: number): boolean {
  const k = kernelOf(s, n);
  const write = k.writes[w];
  if (!isKmirrordRunning(k) || write === undefined) return false;
  if (write.stage === 'flushed') return true;
  return write.stage === 'marked' && p.bug === 'dispatch-before-flush';
}

export function canCompleteWrite(s: DmlogState, n: number, w: number): boolean {
  return kernelOf(s, n).writes[w]?.stage === 'dispatched';
}

export function canUpdateStates(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  return isKmirrordRunning(k) && k.regions.some((r) => r.onCleanList);
}

export function canGetResyncWork(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  // dm_rh_recovery_prepare runs in every do_recovery; userspace_get_resync_work asks unless in_sync_hint covers every region.
  if (!isKmirrordRunning(k) || k.recoveryStopped || !k.pollResync) return false;
  return !hasRecoveryInFlight(k) && k.inSyncHint < k.regions.length;
}

export function canStartCopy(s: DmlogState, n: number, r: number): boolean {
  const k = kernelOf(s, n);
  return isKmirrordRunning(k) && k.regions[r]?.recovery === 'quiesced';
}

export function canEndCopy(s: DmlogState, n: number, r: number): boolean {
  return kernelOf(s, n).regions[r]?.recovery === 'copying';
}

export function canCompleteRecovery(s: DmlogState, n: number, r: number): boolean {
  const k = kernelOf(s, n);
  return isKmirrordRunning(k) && k.regions[r]?.recovery === 'recovered';
}

export function canGetSyncCount(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  return isKmirrordRunning(k) && k.phase === 'active' && !k.mirrorInSync && k.pollSync;
}

/** Status ioctls work whenever the table exists (cmirrord answers them for pending logs too). */
export function canQuery(s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  const exists = k.phase === 'constructed' || k.phase === 'active' || k.phase === 'suspended' || k.phase === 'presuspended';
  return exists && isKernelIdle(k) && k.queriesLeft > 0;
}

export function canLazyFlush(p: DmlogParams, s: DmlogState, n: number): boolean {
  const k = kernelOf(s, n);
  return p.version === 3 && k.lazyFlush && isKmirrordRunning(k);
}

export function canReconnect(s: DmlogState, n: number): boolean {
  return kernelOf(s, n).waiter?.reconnect === 'sleeping';
}

/** The waiter's current request and every answer to it are gone (lost, or dropped by a crash). */
export function isRequestLost(s: DmlogState, n: number): boolean {
  const waiter = kernelOf(s, n).waiter;
  if (waiter === null) return false;
  const seq = waiter.request.seq;
  const c = channelOf(s, n);
  if (c.toDaemon.some((d) => datagramSeq(d) === seq) || c.toKernel.some((d) => datagramSeq(d) === seq)) return false;
  if (s.cluster.queue.some((m) => m.kind === 'request' && m.originator === n && m.msg.seq === seq)) return false;
  // A request an INVALID server stored is answered when it replays its startup list.
  return !s.daemons.some((d) => d.log?.startup.some((e) => 'msg' in e && e.asServer && e.originator === n && e.msg.seq === seq) === true);
}

/**
 * The 15 s timeout can fire: always once the request or its answer is lost, and (with the
 * `timeout` switch) early, while an answer is still on its way, as a fault.
 */
export function canTimeout(p: DmlogParams, s: DmlogState, n: number): boolean {
  const waiter = kernelOf(s, n).waiter;
  if (waiter === null || waiter.reconnect === 'sleeping') return false;
  return isRequestLost(s, n) || (p.timeout && s.faultsLeft > 0);
}

export function canDeliver(p: DmlogParams, s: DmlogState, n: number, dir: 'toDaemon' | 'toKernel', i: number): boolean {
  const list = channelOf(s, n)[dir];
  if (i < 0 || i >= list.length || (!p.reorder && i !== 0)) return false;
  return dir === 'toKernel' || daemonOf(s, n).up;
}

export function canLose(p: DmlogParams, s: DmlogState, n: number, dir: 'toDaemon' | 'toKernel', i: number): boolean {
  return p.loss && s.faultsLeft > 0 && i >= 0 && i < channelOf(s, n)[dir].length;
}

export function canDuplicate(p: DmlogParams, s: DmlogState, n: number, dir: 'toDaemon' | 'toKernel', i: number): boolean {
  return p.dup && s.faultsLeft > 0 && i >= 0 && i < channelOf(s, n)[dir].length;
}

export function canWriteDiskLog(s: DmlogState, n: number): boolean {
  return daemonOf(s, n).log?.diskWritePending === true;
}

export function canDaemonCrash(p: DmlogParams, s: DmlogState, n: number): boolean {
  return p.crash && p.nodes === 1 && s.faultsLeft > 0 && daemonOf(s, n).up;
}

export function canDaemonRestart(s: DmlogState, n: number): boolean {
  return !daemonOf(s, n).up;
}

export function canPowerFail(p: DmlogParams, s: DmlogState, n: number): boolean {
  const phase = kernelOf(s, n).phase;
  const live = phase !== 'unconstructed' && phase !== 'destroyed' && phase !== 'failed';
  return p.powerFail && p.nodes === 1 && s.faultsLeft > 0 && live;
}

export function canCpgDeliver(s: DmlogState): boolean {
  return s.cluster.queue.length > 0;
}

/** The log device writes its volatile cache back to stable media (in its own time). */
export function canLogCacheWriteback(s: DmlogState): boolean {
  return s.disk.stable !== null;
}

export function canDiskFail(p: DmlogParams, s: DmlogState): boolean {
  return p.diskFail && s.faultsLeft > 0 && !s.disk.failed;
}
