/**
 * DmlogAction: one tagged record per real operation (kernel, transport, daemon, cluster, faults).
 * Each carries what it needs to be replayed; Deliver actions also carry the request type and seq
 * of the datagram, for labels (next re-asserts them).
 */
import type { RequestType } from './requests.js';
import type { DmlogParams } from './params.js';
import { datagramSeq, datagramType } from './requests.js';
import { channelOf, kernelOf, type DmlogState } from './state.js';
import * as g from './guards.js';
import { membersOf } from '../names.js';

export type Direction = 'toDaemon' | 'toKernel';

export type DmlogAction =
  // ---- kernel: table lifecycle (dm-log-userspace-base.c userspace_ctr/_resume/_presuspend/_postsuspend/_dtr)
  /** Table load: userspace_ctr sends DM_ULOG_CTR with the constructor string. */
  | { readonly type: 'LoadTable'; readonly node: number }
  /** Device resume: mirror_resume → userspace_resume (in_sync_hint := 0) → DM_ULOG_RESUME. */
  | { readonly type: 'ResumeDevice'; readonly node: number }
  /** mirror_presuspend: dm_rh_stop_recovery, then DM_ULOG_PRESUSPEND. */
  | { readonly type: 'PresuspendDevice'; readonly node: number }
  /** mirror_postsuspend: (v3) run the lazy flush, then DM_ULOG_POSTSUSPEND. */
  | { readonly type: 'PostsuspendDevice'; readonly node: number }
  /** Table destroyed: userspace_dtr sends DM_ULOG_DTR. */
  | { readonly type: 'DestroyTable'; readonly node: number }
  // ---- kernel: kmirrord (dm-raid1.c do_mirror) and the region hash
  /** A write bio for `region` reaches mirror_map and is queued for kmirrord. */
  | { readonly type: 'IssueWrite'; readonly node: number; readonly region: number }
  /** do_writes: is_remote_recovering(region) (IS_REMOTE_RECOVERING unless below the in-sync hint). */
  | { readonly type: 'CheckRemoteRecovering'; readonly node: number; readonly write: number }
  /** dm_rh_get_state on a region not in the hash: __rh_alloc asks DM_ULOG_IN_SYNC. */
  | { readonly type: 'LookupRegion'; readonly node: number; readonly write: number }
  /** do_writes classification + dm_rh_inc_pending (CLEAN→DIRTY marks the region). */
  | { readonly type: 'ClassifyWrite'; readonly node: number; readonly write: number }
  /** dm_rh_flush → userspace_flush: steal the lists, send clears then marks then FLUSH. */
  | { readonly type: 'FlushLog'; readonly node: number }
  /** Dispatch a write whose marks are flushed (do_write). */
  | { readonly type: 'DispatchWrite'; readonly node: number; readonly write: number }
  /** mirror_end_io → dm_rh_dec: the write completed on every leg it went to. */
  | { readonly type: 'CompleteWrite'; readonly node: number; readonly write: number }
  /** dm_rh_update_states: regions on the clean list leave the hash and go to clear_list. */
  | { readonly type: 'UpdateStates'; readonly node: number }
  /** dm_rh_recovery_prepare → DM_ULOG_GET_RESYNC_WORK. */
  | { readonly type: 'GetResyncWork'; readonly node: number }
  /** dm_rh_recovery_start: kcopyd starts copying a quiesced region. */
  | { readonly type: 'StartCopy'; readonly node: number; readonly region: number }
  /** kcopyd finishes: the legs agree; the region goes to the recovered list. */
  | { readonly type: 'EndCopy'; readonly node: number; readonly region: number }
  /** dm_rh_update_states on a recovered region: clear_region, then DM_ULOG_SET_REGION_SYNC(r, 1). */
  | { readonly type: 'CompleteRecovery'; readonly node: number; readonly region: number }
  /** do_recovery while !ms->in_sync: DM_ULOG_GET_SYNC_COUNT. */
  | { readonly type: 'GetSyncCount'; readonly node: number }
  /** A status ioctl: DM_ULOG_IS_CLEAN(region). */
  | { readonly type: 'QueryIsClean'; readonly node: number; readonly region: number }
  /** A status ioctl: DM_ULOG_STATUS_INFO. */
  | { readonly type: 'QueryStatus'; readonly node: number }
  /** v3: the delayed work do_flush fires after 3 s: an empty DM_ULOG_FLUSH. */
  | { readonly type: 'LazyFlush'; readonly node: number }
  /** userspace_do_request after -ESRCH: the 2 s sleep ends; re-send DM_ULOG_CTR. */
  | { readonly type: 'Reconnect'; readonly node: number }
  /** dm_consult_userspace: 15 s without a reply: resend under a new seq. */
  | { readonly type: 'Timeout'; readonly node: number; readonly seq: number }
  // ---- transport (netlink connector)
  /** A request datagram reaches the daemon (cmirrord do_local_work). */
  | { readonly type: 'DeliverRequest'; readonly node: number; readonly index: number; readonly requestType: RequestType; readonly seq: number }
  /** A reply or ACK reaches the kernel (cn_ulog_callback → fill_pkg). */
  | { readonly type: 'DeliverReply'; readonly node: number; readonly index: number; readonly requestType: RequestType; readonly seq: number }
  /** Fault: a datagram is lost. */
  | { readonly type: 'LoseDatagram'; readonly node: number; readonly dir: Direction; readonly index: number; readonly requestType: RequestType; readonly seq: number }
  /** Fault: a datagram is duplicated. */
  | { readonly type: 'DuplicateDatagram'; readonly node: number; readonly dir: Direction; readonly index: number; readonly requestType: RequestType; readonly seq: number }
  // ---- daemon
  /** Seeded bug reply-before-persist: the FLUSH's disk write, after its reply went out. */
  | { readonly type: 'WriteDiskLog'; readonly node: number }
  /** Fault: cmirrord dies; its memory and its socket queue are lost. */
  | { readonly type: 'DaemonCrash'; readonly node: number }
  /** cmirrord is started again: subscribed, with no logs. */
  | { readonly type: 'DaemonRestart'; readonly node: number }
  /** Fault: the log device fails (cmirrord marks it failed; writes to it fail). */
  | { readonly type: 'DiskFail' }
  /** With logCache: the log device writes its volatile cache back to stable media. */
  | { readonly type: 'LogCacheWriteback' }
  /** Fault: the node loses power: kernel and daemon memory lost, in-flight writes leave legs differing. */
  | { readonly type: 'PowerFail'; readonly node: number }
  // ---- cluster (corosync CPG)
  /** The CPG delivers the head of the agreed order to every member. */
  | { readonly type: 'CpgDeliver'; readonly kind: 'request' | 'join' | 'checkpoint'; readonly detail: string };

export type DmlogActionType = DmlogAction['type'];

/** Every action type, so coverage can name those never enabled. */
export const DMLOG_ACTION_TYPES: readonly DmlogActionType[] = membersOf<DmlogActionType>({
  LoadTable: true, ResumeDevice: true, PresuspendDevice: true, PostsuspendDevice: true, DestroyTable: true,
  IssueWrite: true, CheckRemoteRecovering: true, LookupRegion: true, ClassifyWrite: true, FlushLog: true,
  DispatchWrite: true, CompleteWrite: true, UpdateStates: true, GetResyncWork: true, StartCopy: true, EndCopy: true,
  CompleteRecovery: true, GetSyncCount: true, QueryIsClean: true, QueryStatus: true, LazyFlush: true, Reconnect: true,
  Timeout: true, DeliverRequest: true, DeliverReply: true, LoseDatagram: true, DuplicateDatagram: true,
  WriteDiskLog: true, DaemonCrash: true, DaemonRestart: true, DiskFail: true, LogCacheWriteback: true, PowerFail: true, CpgDeliver: true,
});

/** Enabled actions of `s`, in a fixed order: per node kernel, channel, daemon; then the CPG. */
export function enabledActions(p: DmlogParams, s: DmlogState): DmlogAction[] {
  const out: DmlogAction[] = [];
  for (let node = 0; node < p.nodes; node++) {
    kernelActions(p, s, node, out);
    channelActions(p, s, node, out);
    daemonActions(p, s, node, out);
  }
  if (g.canDiskFail(p, s)) out.push({ type: 'DiskFail' });
  if (g.canLogCacheWriteback(s)) out.push({ type: 'LogCacheWriteback' });
  const head = s.cluster.queue[0];
  if (head !== undefined) {
    const detail = head.kind === 'request' ? `${head.msg.requestType} seq=${head.msg.seq} from=${head.originator}`
      : head.kind === 'join' ? `node=${head.node}` : `to=${head.to}`;
    out.push({ type: 'CpgDeliver', kind: head.kind, detail });
  }
  return out;
}

function kernelActions(p: DmlogParams, s: DmlogState, node: number, out: DmlogAction[]): void {
  const k = kernelOf(s, node);
  if (g.canLoadTable(s, node)) out.push({ type: 'LoadTable', node });
  if (g.canResumeDevice(s, node)) out.push({ type: 'ResumeDevice', node });
  if (g.canPresuspendDevice(p, s, node)) out.push({ type: 'PresuspendDevice', node });
  if (g.canPostsuspendDevice(s, node)) out.push({ type: 'PostsuspendDevice', node });
  if (g.canDestroyTable(s, node)) out.push({ type: 'DestroyTable', node });
  for (let region = 0; region < p.regions; region++) {
    if (g.canIssueWrite(s, node, region)) out.push({ type: 'IssueWrite', node, region });
  }
  k.writes.forEach((_, write) => {
    if (g.canCheckRemoteRecovering(s, node, write)) out.push({ type: 'CheckRemoteRecovering', node, write });
    if (g.canLookupRegion(s, node, write)) out.push({ type: 'LookupRegion', node, write });
    if (g.canClassifyWrite(s, node, write)) out.push({ type: 'ClassifyWrite', node, write });
    if (g.canDispatchWrite(p, s, node, write)) out.push({ type: 'DispatchWrite', node, write });
    if (g.canCompleteWrite(s, node, write)) out.push({ type: 'CompleteWrite', node, write });
  });
  if (g.canFlushLog(s, node)) out.push({ type: 'FlushLog', node });
  if (g.canUpdateStates(s, node)) out.push({ type: 'UpdateStates', node });
  if (g.canGetResyncWork(s, node)) out.push({ type: 'GetResyncWork', node });
  for (let region = 0; region < p.regions; region++) {
    if (g.canStartCopy(s, node, region)) out.push({ type: 'StartCopy', node, region });
    if (g.canEndCopy(s, node, region)) out.push({ type: 'EndCopy', node, region });
    if (g.canCompleteRecovery(s, node, region)) out.push({ type: 'CompleteRecovery', node, region });
  }
  if (g.canGetSyncCount(s, node)) out.push({ type: 'GetSyncCount', node });
  if (g.canQuery(s, node)) {
    for (let region = 0; region < p.regions; region++) out.push({ type: 'QueryIsClean', node, region });
    out.push({ type: 'QueryStatus', node });
  }
  if (g.canLazyFlush(p, s, node)) out.push({ type: 'LazyFlush', node });
  if (g.canReconnect(s, node)) out.push({ type: 'Reconnect', node });
  if (g.canTimeout(p, s, node) && k.waiter !== null) out.push({ type: 'Timeout', node, seq: k.waiter.request.seq });
}

function channelActions(p: DmlogParams, s: DmlogState, node: number, out: DmlogAction[]): void {
  const c = channelOf(s, node);
  for (const dir of ['toDaemon', 'toKernel'] as const) {
    c[dir].forEach((d, index) => {
      const tag = { node, index, requestType: datagramType(d), seq: datagramSeq(d) };
      if (g.canDeliver(p, s, node, dir, index)) out.push({ type: dir === 'toDaemon' ? 'DeliverRequest' : 'DeliverReply', ...tag });
      if (g.canLose(p, s, node, dir, index)) out.push({ type: 'LoseDatagram', dir, ...tag });
      if (g.canDuplicate(p, s, node, dir, index)) out.push({ type: 'DuplicateDatagram', dir, ...tag });
    });
  }
}

function daemonActions(p: DmlogParams, s: DmlogState, node: number, out: DmlogAction[]): void {
  if (g.canWriteDiskLog(s, node)) out.push({ type: 'WriteDiskLog', node });
  if (g.canDaemonCrash(p, s, node)) out.push({ type: 'DaemonCrash', node });
  if (g.canDaemonRestart(s, node)) out.push({ type: 'DaemonRestart', node });
  if (g.canPowerFail(p, s, node)) out.push({ type: 'PowerFail', node });
}
