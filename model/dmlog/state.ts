/**
 * DmlogState: the kernel side (per node), the daemon's in-memory replica (per node), the disk
 * copy, the netlink channel (per node), the cluster's agreed-order queue, the mirror legs, and
 * the fault budget. Each piece is its own record with its own helpers, so a composite model
 * (checkpointed-log) can take the daemon's memory and the disk copy apart.
 */
import type { Datagram, RequestType, UlogMessage } from './requests.js';
import type { DmlogParams } from './params.js';

// ---------------------------------------------------------------- kernel side (dm-raid1 + region hash + dm-log-userspace)

/** dm-region-hash region state; `absent` = not in the hash (state derived from the log). */
export type RegionState = 'absent' | 'clean' | 'dirty' | 'nosync' | 'recovering';

/** Where a region is in kcopyd recovery (quiesced/recovered lists, the copy itself). */
export type RecoveryStage = 'none' | 'waiting' | 'quiesced' | 'copying' | 'recovered';

/** One region of `struct dm_region` as the kernel holds it. */
export interface KernelRegion {
  readonly state: RegionState;
  /** Writes counted by dm_rh_inc_pending and not yet completed. */
  readonly pending: number;
  /** On rh->clean_regions, waiting for dm_rh_update_states to clear it. */
  readonly onCleanList: boolean;
  readonly recovery: RecoveryStage;
}

/**
 * Where a write bio is: queued for kmirrord; marked (inc_pending done) and waiting for the log
 * flush; in the flush; flushed (ready to dispatch); dispatched to the legs; delayed on a
 * RECOVERING region; held after a log failure.
 */
export type WriteStage = 'queued' | 'marked' | 'flushing' | 'flushed' | 'dispatched' | 'delayed' | 'held';

export interface Write {
  readonly region: number;
  readonly stage: WriteStage;
  /** is_remote_recovering said 0 (or was skipped by the in-sync hint) for this pass. */
  readonly remoteChecked: boolean;
  /** Classified CLEAN/DIRTY (all legs) rather than NOSYNC (default leg only). */
  readonly allLegs: boolean;
}

/** Lifecycle of one log_c (research §3.1), plus the request in progress. */
export type KernelPhase =
  | 'unconstructed' | 'constructing' | 'constructed' | 'resuming' | 'active'
  | 'presuspending' | 'presuspended' | 'postsuspending' | 'suspended' | 'destroying' | 'destroyed' | 'failed';

/** What the kernel does with the reply of the request it waits for. */
export type KernelOp =
  | 'ctr' | 'dtr' | 'presuspend' | 'postsuspend' | 'resume'
  | 'inSync' | 'remoteRecovering' | 'flush' | 'getResyncWork' | 'setRegionSync'
  | 'getSyncCount' | 'isClean' | 'statusInfo' | 'lazyFlush';

/**
 * The one waiter (receiving_pkg) of a kernel node: the request last transmitted under `seq`.
 * `reconnect` is userspace_do_request's -ESRCH loop: sleeping 2 s, or waiting for the CTR or the
 * RESUME it re-sends before retrying `original` (and, with reconnectPresuspend=resent, the
 * PRESUSPEND the proposal sends after the RESUME while the device is presuspended).
 */
export interface Waiter {
  readonly op: KernelOp;
  /** The region the request concerns (or -1). */
  readonly region: number;
  /** The write (index into `writes`) the request is for (or -1). */
  readonly write: number;
  readonly request: UlogMessage;
  readonly reconnect: 'none' | 'sleeping' | 'ctr' | 'resume' | 'presuspend';
  /** The request to retry after a reconnect (the one that met -ESRCH). */
  readonly original: UlogMessage | null;
}

/** userspace_flush in progress: the stolen lists and the group being sent. */
export interface FlushProgress {
  readonly clears: readonly number[];
  readonly marks: readonly number[];
  /** clear: CLEAR groups; mark: MARK groups (v2) or FLUSH-with-payload groups (v3); flush: the empty FLUSH (v2). */
  readonly stage: 'clear' | 'mark' | 'flush';
  /** A group failed: the rest goes one region per request. */
  readonly oneByOne: boolean;
  /** Regions of the group in flight. */
  readonly group: readonly number[];
  /** The whole stolen batch, re-sent from the start after a reconnect (the proposal, reconnectRetry=batch; see finding reconnect-loses-marks). */
  readonly batchClears: readonly number[];
  readonly batchMarks: readonly number[];
}

export interface KernelNode {
  readonly phase: KernelPhase;
  /** luid of the current log_c (a new one per construction). */
  readonly luid: number;
  readonly regions: readonly KernelRegion[];
  /** lc->mark_list and lc->clear_list (entries waiting for the next flush). */
  readonly markList: readonly number[];
  readonly clearList: readonly number[];
  readonly writes: readonly Write[];
  readonly writesLeft: number;
  readonly suspendsLeft: number;
  readonly queriesLeft: number;
  readonly waiter: Waiter | null;
  readonly flush: FlushProgress | null;
  /**
   * kmirrord has been woken (wakeup_mirrord: a write queued or finished, a copy ended, the 200 ms
   * requeue timer, dm_rh_start_recovery at resume) and its next do_mirror pass will ask for resync
   * work (dm_rh_recovery_prepare) and, while not in sync, for the sync count: each flag is taken by
   * that request. An idle kmirrord asks nothing.
   */
  readonly pollResync: boolean;
  readonly pollSync: boolean;
  /** lc->in_sync_hint and ms->in_sync. */
  readonly inSyncHint: number;
  readonly mirrorInSync: boolean;
  /** dm_rh_stop_recovery has taken the recovery tokens (presuspend). */
  readonly recoveryStopped: boolean;
  /** v3: the lazy 3-s empty FLUSH is scheduled (lc->sched_flush). */
  readonly lazyFlush: boolean;
  /** ms->log_failure: a flush failed. */
  readonly logFailed: boolean;
  /** Ghost: every reply consumed so far matched the waiter's current seq (S12). */
  readonly repliesMatched: boolean;
  /** Ghost: the last IS_CLEAN answer, for S2 (null when none). */
  readonly lastIsClean: { readonly region: number; readonly clean: boolean } | null;
}

// ---------------------------------------------------------------- daemon side (cmirrord)

/** A (region, node) entry of the daemon's mark_list. */
export type MarkEntry = readonly [number, number];

/** The replicated bits of one log: what a checkpoint carries (research §5.5). */
export interface ReplicaBits {
  readonly clean: readonly boolean[];
  readonly sync: readonly boolean[];
  readonly syncCount: number;
  readonly marks: readonly MarkEntry[];
  readonly recoveringRegion: number;
  readonly recoverer: number;
  readonly syncSearch: number;
  readonly priority: readonly number[];
}

/**
 * An entry of a log's startup_list (cluster.c): a request the CPG delivered while the log was
 * INVALID, stamped with whether this node was then the server (pit_server), or the
 * DM_ULOG_MEMBER_JOIN marker of a node that joined meanwhile (its checkpoint is prepared when the
 * replay reaches the marker).
 */
export type StartupEntry =
  | { readonly originator: number; readonly msg: UlogMessage; readonly asServer: boolean }
  | { readonly memberJoin: number };

/** One log of cmirrord (struct log_c + struct clog_cpg), in memory. */
export interface DaemonLog {
  readonly luid: number;
  /** lc->state: resumed by clog_resume (LOG_RESUMED), or not (after CTR, POSTSUSPEND). */
  readonly state: 'pending' | 'resumed';
  readonly bits: ReplicaBits;
  readonly touched: boolean;
  readonly recoveryHalted: boolean;
  /** Sticky "was fully in sync" (lc->in_sync). */
  readonly inSync: boolean;
  /** resume_override: 0, 3 after a checkpoint import. */
  readonly imported: boolean;
  /**
   * CPG state of this log on this node: none while the log is on the pending list (after CTR or
   * POSTSUSPEND); invalid (joined, waiting for a checkpoint) or valid once local_resume moved it
   * to the official list. A single node is alone in its group, so valid at once.
   */
  readonly cpg: 'none' | 'invalid' | 'valid';
  readonly startup: readonly StartupEntry[];
  readonly checkpointRequesters: readonly number[];
  /** Ghost: checkpoints imported during the current membership (S20). */
  readonly checkpointsImported: number;
  /** Seeded bug reply-before-persist: a FLUSH was answered and its disk write is still to come. */
  readonly diskWritePending: boolean;
}

export interface DaemonNode {
  /** Subscribed to the connector group (a crashed daemon is not). */
  readonly up: boolean;
  readonly log: DaemonLog | null;
}

/** The on-disk log: header (magic valid, nr_regions) and clean bitmap at byte 1024. */
export interface DiskLog {
  readonly valid: boolean;
  /** The log device has failed: writes to it fail with -EIO, reads give nothing. */
  readonly failed: boolean;
  readonly nrRegions: number;
  /** The clean bitmap as the device returns it (its volatile cache included). */
  readonly clean: readonly boolean[];
  /** With logCache: the bitmap on stable media while the cache holds a newer one (null: none pending). */
  readonly stable: readonly boolean[] | null;
}

// ---------------------------------------------------------------- transport and cluster

/** Netlink between one node's kernel and its daemon. */
export interface Channel {
  readonly toDaemon: readonly Datagram[];
  readonly toKernel: readonly Datagram[];
}

/** A message in the CPG's agreed order. */
export type CpgMessage =
  | { readonly kind: 'request'; readonly originator: number; readonly msg: UlogMessage }
  | { readonly kind: 'join'; readonly node: number }
  | { readonly kind: 'checkpoint'; readonly to: number; readonly bits: ReplicaBits };

export interface ClusterState {
  /** CPG members, ascending node id. */
  readonly members: readonly number[];
  /** Messages multicast and not yet delivered, in agreed order. */
  readonly queue: readonly CpgMessage[];
}

// ---------------------------------------------------------------- the whole state

export interface DmlogState {
  /** dm_ulog_seq: the next seq to transmit (kernel-global; canonicalised, see seq.ts). */
  readonly seq: number;
  readonly kernels: readonly KernelNode[];
  readonly daemons: readonly DaemonNode[];
  readonly disk: DiskLog;
  readonly channels: readonly Channel[];
  readonly cluster: ClusterState;
  /** Per region: the legs differ (from a crash mid-write, a NOSYNC write, or the initial state). */
  readonly diverged: readonly boolean[];
  readonly faultsLeft: number;
}

/** A fresh kernel node before table load; it issues writes when it is the writer (writerNode, -1: every node). */
export function initialKernel(p: DmlogParams, n: number): KernelNode {
  const region: KernelRegion = { state: 'absent', pending: 0, onCleanList: false, recovery: 'none' };
  return {
    phase: 'unconstructed', luid: 0, regions: Array.from({ length: p.regions }, () => region),
    markList: [], clearList: [], writes: [], writesLeft: p.writerNode === -1 || p.writerNode === n ? p.writes : 0, suspendsLeft: p.suspends,
    queriesLeft: p.queries, waiter: null, flush: null, pollResync: false, pollSync: false, inSyncHint: 0, mirrorInSync: false,
    recoveryStopped: false, lazyFlush: false, logFailed: false, repliesMatched: true, lastIsClean: null,
  };
}

/** The initial state: disk written by an earlier run, the first `dirtyRegions` regions dirty. */
export function initialState(p: DmlogParams): DmlogState {
  const dirty = Array.from({ length: p.regions }, (_, r) => r < p.dirtyRegions);
  return {
    seq: 0,
    kernels: Array.from({ length: p.nodes }, (_, n) => initialKernel(p, n)),
    daemons: Array.from({ length: p.nodes }, () => ({ up: true, log: null })),
    disk: { valid: true, failed: false, nrRegions: p.regions, clean: dirty.map((d) => !d), stable: null },
    channels: Array.from({ length: p.nodes }, () => ({ toDaemon: [], toKernel: [] })),
    cluster: { members: [], queue: [] },
    diverged: dirty,
    faultsLeft: p.faultsMax,
  };
}

/** Replace element `i` of a readonly array. */
export function setAt<T>(list: readonly T[], i: number, value: T): readonly T[] {
  return list.map((x, j) => (j === i ? value : x));
}

/** Element `i`, asserting it exists. */
export function at<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`dmlog: index ${i} out of range (length ${list.length})`);
  return value;
}

/** The kernel node `n`, daemon `n`, channel `n`. */
export const kernelOf = (s: DmlogState, n: number): KernelNode => at(s.kernels, n);
export const daemonOf = (s: DmlogState, n: number): DaemonNode => at(s.daemons, n);
export const channelOf = (s: DmlogState, n: number): Channel => at(s.channels, n);

/**
 * wakeup_mirrord: the next do_mirror pass asks for resync work (unless in_sync_hint covers every
 * region) and, while the mirror is not known in sync, for the sync count. A flag that cannot lead
 * to a request stays false, so states differ only where the pass would ask.
 */
export function woken(k: KernelNode): KernelNode {
  const pollResync = k.inSyncHint < k.regions.length;
  const pollSync = !k.mirrorInSync;
  return k.pollResync === pollResync && k.pollSync === pollSync ? k : { ...k, pollResync, pollSync };
}

/** State with kernel / daemon / channel `n` replaced. */
export function withKernel(s: DmlogState, n: number, k: KernelNode): DmlogState {
  return { ...s, kernels: setAt(s.kernels, n, k) };
}
export function withDaemon(s: DmlogState, n: number, d: DaemonNode): DmlogState {
  return { ...s, daemons: setAt(s.daemons, n, d) };
}
export function withChannel(s: DmlogState, n: number, c: Channel): DmlogState {
  return { ...s, channels: setAt(s.channels, n, c) };
}

/** Request types a suspended kernel must not be waiting on (S17). */
export const QUIESCED_TYPES: readonly RequestType[] = [
  'DM_ULOG_MARK_REGION', 'DM_ULOG_CLEAR_REGION', 'DM_ULOG_FLUSH', 'DM_ULOG_GET_RESYNC_WORK',
  'DM_ULOG_SET_REGION_SYNC', 'DM_ULOG_IS_REMOTE_RECOVERING',
];
