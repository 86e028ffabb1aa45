/**
 * Findings: hazards of the released code (Linux v6.6 dm-log-userspace and dm-raid1, LVM2 v2_03_39
 * cmirrord). Each finding's `params` switch to the released behaviour the parts of departures.ts
 * its story needs (the rest stay at the model's proposal, so the finding is isolated), and `fix`
 * is the proposal's value that, over the same parameters, verifies clean. None has been
 * reproduced on a real system: each is the checker's verdict on the code as read.
 */
import type { FindingSpec } from '../contract.js';

/** One node, one region, no loss or early timeout: the shape most findings need. */
const ONE = { regions: 1, loss: false, timeout: false };

export const DMLOG_FINDINGS: readonly FindingSpec[] = [
  {
    name: 'reconnect-ctr-enospc', breaks: 'requestsComplete',
    params: { ...ONE, dirtyRegions: 0, crash: true, ctrReply: 'log-device', ctrExisting: 'einval' },
    fix: { ctrReply: 'empty-on-reconnect' },
    source: 'Linux v6.6 dm-log-userspace-base.c userspace_do_request sends the reconnect CTR with no reply buffer (dm-log-userspace-transfer.c dm_consult_userspace: capacity 0); LVM2 v2_03_39 functions.c clog_ctr answers with the log device name, so fill_pkg completes the CTR with -ENOSPC after cmirrord created the log, and every later CTR gets -EINVAL "Log already exists": the kernel loops forever and mirror I/O stalls',
  },
  {
    name: 'reconnect-loses-marks', breaks: 'flushedMarksPersisted',
    params: { ...ONE, dirtyRegions: 0, crash: true, reconnectRetry: 'request' },
    fix: { reconnectRetry: 'batch' },
    source: 'Linux v6.6 dm-log-userspace-base.c userspace_do_request: after the reconnect (CTR, RESUME) only the request that met -ESRCH is retried (goto retry), so with request version 2 a MARK the dead daemon acknowledged is lost and the retried FLUSH succeeds over a disk log reloaded without it; with version 3 the marks travel in the FLUSH and are retried with it',
  },
  {
    name: 'unknown-log-einval', breaks: 'markBeforeWrite',
    params: { ...ONE, dirtyRegions: 0, crash: true, unknownLog: 'einval-enoent' },
    fix: { unknownLog: 'esrch' },
    source: 'LVM2 v2_03_39 functions.c clog_in_sync (get_log fails: -EINVAL) and cluster.c cluster_send (-ENOENT) answer a daemon restarted before the kernel\'s next request; Linux v6.6 userspace_in_sync takes any error as "not in sync", so the region is NOSYNC and written to the default leg only while the disk log says clean; -ESRCH would send the kernel through its reconnect',
  },
  {
    name: 'reconnect-resume-fails-open', breaks: 'markBeforeWrite',
    params: { ...ONE, dirtyRegions: 0, crash: true, faultsMax: 2, reconnectResumeFailure: 'esrch' },
    fix: { reconnectResumeFailure: 'retry' },
    source: 'Linux v6.6 dm-log-userspace-base.c userspace_do_request: "if RESUME fails, return -ESRCH"; a daemon that dies again between the reconnect CTR and RESUME makes IN_SYNC fail, the region is taken as NOSYNC and written to the default leg only while the disk says clean',
  },
  {
    name: 'reconnect-keeps-sync-hint', breaks: 'mirrorEventuallyInSync',
    params: { ...ONE, dirtyRegions: 0, crash: true, reconnectHint: 'kept' },
    fix: { reconnectHint: 'reset' },
    source: 'Linux v6.6 dm-log-userspace-base.c: userspace_get_sync_count sets in_sync_hint = region_count once the mirror is in sync, and userspace_get_resync_work then asks nothing; the reconnect in userspace_do_request sends RESUME directly, so the hint survives while LVM2 v2_03_39 clog_resume reloads the disk log with the regions dirty at the crash out of sync: they are never recovered until the next real resume (their writes go to the default leg only, NOSYNC)',
  },
  {
    name: 'resync-rerequest-finished', breaks: 'mirrorEventuallyInSync',
    params: { ...ONE, dirtyRegions: 1, writes: 0, crash: false, timeout: true, resyncRerequest: 'finished' },
    fix: { resyncRerequest: 'reassigned' },
    source: 'LVM2 v2_03_39 functions.c clog_get_resync_work tests sync_search >= region_count ("Recovery finished", under a FIXME) before it answers the recoverer\'s re-request: when the reply handing out the last out-of-sync region times out (Linux v6.6 dm_consult_userspace resends under a new seq), the resent GET_RESYNC_WORK hears "no work", recovering_region stays set, and the region is never recovered until the next resume',
  },
  {
    name: 'reconnect-unhalts-recovery', breaks: 'suspendCompletes',
    params: { ...ONE, dirtyRegions: 1, crash: true, haltedAnswer: 'not-recovering', presuspendDrain: 'none', reconnectPresuspend: 'none' },
    fix: { reconnectPresuspend: 'resent' },
    source: 'Linux v6.6 dm-raid1.c mirror_presuspend stops recovery before the log presuspend; a daemon that crashes during the suspend is reconnected by userspace_do_request with CTR and RESUME only, and LVM2 v2_03_39 functions.c clog_resume reloads the disk log (the region out of sync) with recovery_halted = 0, so clog_is_remote_recovering answers 1 for the queued write forever: the write is requeued every 200 ms and the suspend never completes',
  },
  {
    name: 'recovery-halted-local', breaks: 'replicasAgree',
    params: { ...ONE, nodes: 2, dirtyRegions: 1, writerNode: 0, teardowns: 1, haltedAnswer: 'not-recovering', presuspendDrain: 'none' },
    fix: { haltedAnswer: 'replicated', presuspendDrain: 'writes' },
    source: 'P7, LVM2 v2_03_39 functions.c clog_is_remote_recovering: while the node-local recovery_halted is set (PRESUSPEND is answered locally) the answer is {0, region_count} and the priority list is not pushed, so the presuspending replica diverges from the others and tells writers that no region is recovering (a default-leg write then races another node\'s copy). Answering for recovering_region only while halted still lets that race through (S7); answering from the replicated bits needs Linux v6.6 dm-raid1.c mirror_presuspend to dispatch its queued writes before it stops recovery, or a write queued for an out-of-sync region waits forever',
  },
  {
    name: 'checkpoint-untouched', breaks: 'flushedMarksPersisted',
    params: { ...ONE, nodes: 2, dirtyRegions: 0, writerNode: 1, teardowns: 0, importTouched: 'unchanged' },
    fix: { importTouched: 'set' },
    source: 'LVM2 v2_03_39 cluster.c (lowest_id is the server, valid or not) and functions.c pull_state / clog_flush (writes only when the node-local touched is set; an import does not set it): a lower-id node that joins imports marks in its checkpoint, becomes the server, and answers the next FLUSH without writing them',
  },
  {
    name: 'ctr-not-idempotent', breaks: 'noOrphanLog',
    params: { regions: 1, dirtyRegions: 0, crash: false, loss: true, timeout: true, ctrExisting: 'einval' },
    fix: { ctrExisting: 'idempotent' },
    source: 'P2, Linux v6.6 dm-log-userspace-transfer.c dm_consult_userspace resends CTR under a new seq after a lost reply; LVM2 v2_03_39 functions.c _clog_ctr answers -EINVAL "Log already exists", userspace_ctr fails without a DTR and cmirrord keeps an orphan log',
  },
  {
    name: 'flush-payload-ignored', breaks: 'flushedMarksPersisted',
    params: { ...ONE, dirtyRegions: 0, crash: false, version: 3, flushPayload: 'ignored' },
    fix: { flushPayload: 'marks' },
    source: 'P15, Linux v6.6 dm-log-userspace-base.c userspace_flush with integrated_flush (request version 3, kernel 5066a4df1f42) sends the marks only as the FLUSH payload; LVM2 v2_03_39 functions.c clog_flush ignores the payload, so every mark is lost (LVM2 never writes integrated_flush in a table: a configuration hazard)',
  },
  {
    name: 'lazy-flush-cancelled', breaks: 'idleRegionsBecomeClean',
    params: { ...ONE, dirtyRegions: 0, crash: true, version: 3, lazyFlushCancel: 'toggle' },
    fix: { lazyFlushCancel: 'keep' },
    source: 'P3, Linux v6.6 dm-log-userspace-base.c userspace_flush with integrated_flush (request version 3): a clear-only batch schedules the lazy FLUSH, and the next clear-only batch, while sched_flush is still set, cancels it; when no further write comes, the cleared regions stay dirty in the disk log (a resync of clean regions after the next crash, never a lost mark)',
  },
  {
    name: 'no-handle-errors', breaks: 'flushedMarksPersisted',
    params: { ...ONE, dirtyRegions: 0, crash: false, diskFail: true, handleErrors: false },
    fix: { handleErrors: true },
    source: 'P12, Linux v6.6 dm-raid1.c do_writes: after a failed log flush the writes are held only with handle_errors (errors_handled); LVM2 v2_03_39 libdm-deptree.c emits handle_errors only for a monitored mirror (DM_BLOCK_ON_ERROR), so an unmonitored mirror writes regions whose marks never reached the disk log',
  },
  {
    name: 'log-cache-loss', breaks: 'crashSafeDisk',
    params: { ...ONE, dirtyRegions: 0, crash: false, powerFail: true, logCache: true, logCacheFlush: 'none' },
    fix: { logCacheFlush: 'flush' },
    source: 'P8, LVM2 v2_03_39 functions.c rw_log writes the disk log with write(2) on an O_DIRECT descriptor and never issues fsync or FUA, and Linux v6.6 dm-log-userspace never calls flush_callback_fn: on a log device with a volatile write cache an acknowledged mark can vanish in a power failure while the write it covered left the legs differing',
  },
];
