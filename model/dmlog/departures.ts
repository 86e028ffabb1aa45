/**
 * The switches where the real code and the model's proposal differ. Each is a parameter whose
 * values name both behaviours; the default is the proposal (bug=none), except where the real code
 * needs no change, and the findings (findings.ts) set the real value to show what it costs.
 * Sources are Linux v6.6 (drivers/md/dm-log-userspace-base.c, dm-log-userspace-transfer.c,
 * dm-raid1.c) and LVM2 v2_03_39 (daemons/cmirrord/functions.c, local.c, cluster.c).
 */
import type { ParamSpec } from '../contract.js';

/** One switch: who does it, what the released code does, what the model proposes, and where. */
export interface Departure {
  readonly name: string;
  readonly side: 'kernel' | 'cmirrord';
  /** The value that is the released code's behaviour. */
  readonly real: string;
  /** The value bug=none uses (equal to `real` when the proposal keeps the released behaviour). */
  readonly proposal: string;
  readonly values: readonly string[];
  readonly description: string;
  /** File and function of the released code. */
  readonly source: string;
}

export const DEPARTURES: readonly Departure[] = [
  {
    name: 'reconnectCtrBuffer', side: 'kernel', real: 'none', proposal: 'none', values: ['none', 'name'],
    description: 'reply buffer of the reconnect CTR: none (capacity 0, a reply with data gets -ENOSPC) or a DM_NAME_LEN buffer',
    source: 'dm-log-userspace-base.c userspace_do_request: dm_consult_userspace(..., DM_ULOG_CTR, ..., NULL, NULL); dm-log-userspace-transfer.c dm_consult_userspace (rdata_size = &dummy = 0) and fill_pkg (-ENOSPC)',
  },
  {
    name: 'ctrReply', side: 'cmirrord', real: 'log-device', proposal: 'empty-on-reconnect', values: ['log-device', 'empty-on-reconnect'],
    description: 'CTR reply data: the log device name always, or none for the reconnect CTR (the one that carries its NUL)',
    source: 'functions.c clog_ctr: rq->version > 1 && clustered-disk ⇒ rq->data_size = sprintf(rq->data, "%s", argv[1]) + 1',
  },
  {
    name: 'ctrExisting', side: 'cmirrord', real: 'einval', proposal: 'idempotent', values: ['einval', 'idempotent'],
    description: 'CTR for a (uuid, luid) the daemon already holds pending: -EINVAL, or accepted again',
    source: 'functions.c _clog_ctr: get_log || get_pending_log ⇒ "Log already exists, unable to create." -EINVAL',
  },
  {
    name: 'reconnectRetry', side: 'kernel', real: 'request', proposal: 'batch', values: ['request', 'batch'],
    description: 'after the reconnect: retry only the request that met -ESRCH, or re-send the whole stolen flush batch',
    source: 'dm-log-userspace-base.c userspace_do_request: after CTR and RESUME succeed, goto retry (the one request)',
  },
  {
    name: 'reconnectResumeFailure', side: 'kernel', real: 'esrch', proposal: 'retry', values: ['esrch', 'retry'],
    description: 'a failed reconnect RESUME: -ESRCH to the caller, or sleep and send CTR again',
    source: 'dm-log-userspace-base.c userspace_do_request: DMERR("Error trying to resume userspace log"); return -ESRCH',
  },
  {
    name: 'reconnectHint', side: 'kernel', real: 'kept', proposal: 'reset', values: ['kept', 'reset'],
    description: 'in_sync_hint after a reconnect: kept (a mirror once in sync never asks for resync work of the reloaded log), or reset to 0 as userspace_resume does',
    source: 'dm-log-userspace-base.c userspace_do_request sends RESUME with dm_consult_userspace directly; in_sync_hint is reset only by userspace_resume, and userspace_get_resync_work asks nothing while in_sync_hint >= region_count',
  },
  {
    name: 'reconnectPresuspend', side: 'kernel', real: 'none', proposal: 'resent', values: ['none', 'resent'],
    description: 'a reconnect while the device is presuspended: CTR and RESUME only (the reloaded log has recovery_halted = 0), or PRESUSPEND again after RESUME',
    source: 'dm-log-userspace-base.c userspace_do_request sends CTR and RESUME only; functions.c clog_resume sets recovery_halted = 0',
  },
  {
    name: 'presuspendDrain', side: 'kernel', real: 'none', proposal: 'writes', values: ['none', 'writes'],
    description: 'mirror_presuspend: stop recovery at once (queued writes then wait on a recovery that has stopped, unless IS_REMOTE_RECOVERING lets them by), or let kmirrord dispatch its queued writes first',
    source: 'dm-raid1.c mirror_presuspend: dm_rh_stop_recovery, wait for recovery_in_flight == 0, log presuspend, then flush_workqueue(kmirrord_wq) (one do_mirror pass, not the queued writes)',
  },
  {
    name: 'unknownLog', side: 'cmirrord', real: 'einval-enoent', proposal: 'esrch', values: ['einval-enoent', 'esrch'],
    description: 'a request for a log the daemon does not hold: -EINVAL (get_log) or -ENOENT (cluster_send), or -ESRCH so the kernel reconnects',
    source: 'functions.c clog_* (get_log fails ⇒ -EINVAL), local_resume (-EINVAL); cluster.c cluster_send (no CPG for the uuid ⇒ -ENOENT); local.c do_local_work',
  },
  {
    name: 'resyncRerequest', side: 'cmirrord', real: 'finished', proposal: 'reassigned', values: ['finished', 'reassigned'],
    description: 'GET_RESYNC_WORK from the node already recovering the last region handed out (its reply was lost): "recovery finished" because sync_search is past the end, or the region again',
    source: 'functions.c clog_get_resync_work: if (lc->sync_search >= lc->region_count) return 0 ("Recovery finished", a FIXME) comes before the "Re-requesting work" branch for lc->recoverer == originator',
  },
  {
    name: 'haltedAnswer', side: 'cmirrord', real: 'not-recovering', proposal: 'replicated', values: ['not-recovering', 'recovering-region', 'replicated'],
    description: 'IS_REMOTE_RECOVERING while the answering replica\'s recovery_halted is set: {0, region_count} and no priority push; recovering only for recovering_region; or as if not halted (answer and push from the replicated bits alone)',
    source: 'functions.c clog_is_remote_recovering: if (lc->recovery_halted) { is_recovering = 0; in_sync_hint = region_count }',
  },
  {
    name: 'importTouched', side: 'cmirrord', real: 'unchanged', proposal: 'set', values: ['unchanged', 'set'],
    description: 'a checkpoint import leaves touched as it was, or sets it so the next FLUSH writes the imported bits',
    source: 'functions.c pull_state (bits copied, touched not set) and clog_flush (writes only when touched)',
  },
  {
    name: 'flushPayload', side: 'cmirrord', real: 'ignored', proposal: 'marks', values: ['ignored', 'marks'],
    description: 'the regions an integrated FLUSH (request version 3) carries: ignored, or marked before the write',
    source: 'functions.c clog_flush (no use of rq->data); libdm/misc/dm-log-userspace.h is request version 2',
  },
  {
    name: 'lazyFlushCancel', side: 'kernel', real: 'toggle', proposal: 'keep', values: ['toggle', 'keep'],
    description: 'request version 3: a clear-only flush while the lazy 3 s FLUSH is already scheduled cancels it (toggle), or leaves it scheduled (keep)',
    source: 'dm-log-userspace-base.c userspace_flush: if (mark_list_is_empty && !atomic_read(&lc->sched_flush)) queue_delayed_work(...) else { cancel_delayed_work(&lc->flush_log_work); atomic_set(&lc->sched_flush, 0); } (research P3)',
  },
  {
    name: 'logCacheFlush', side: 'cmirrord', real: 'none', proposal: 'flush', values: ['none', 'flush'],
    description: 'with logCache: the disk log write reaches stable storage only when the device writes back (none), or is flushed before the reply',
    source: 'functions.c _clog_ctr opens the log O_RDWR | O_DIRECT; rw_log writes with write(2), no fsync and no FUA',
  },
];

/** The switches as `sim list` shows them; the default is the proposal. */
export const DEPARTURE_PARAM_SPECS: readonly ParamSpec[] = DEPARTURES.map((d) => ({
  name: d.name, default: d.proposal, values: d.values,
  description: `${d.side}: ${d.description} (released: ${d.real})`,
}));

/** The parameter values of the released code (Linux v6.6, LVM2 v2_03_39 cmirrord). */
export const RELEASED: Record<string, string> = Object.fromEntries(DEPARTURES.map((d) => [d.name, d.real]));
