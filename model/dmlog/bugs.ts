/**
 * Seeded bugs: each a value of the `bug` parameter that breaks the protocol the way a real bug
 * did (research §7, commits cited) or one the code reading found (P-numbers of research §7).
 */
import type { BugSpec } from '../contract.js';

export const DMLOG_BUGS: readonly BugSpec[] = [
  {
    name: 'marks-before-clears', breaks: 'clearBeforeMark', params: { writes: 2, loss: false, crash: false, timeout: false },
    source: 'kernel 909cc4fb48dd / 085ae0651b27 (2011-01-13, "split flush queue", "group clear and mark requests"): userspace_flush sends clears before marks so a region cleared and re-marked in one batch ends dirty',
  },
  {
    name: 'dispatch-before-flush', breaks: 'markBeforeWrite',
    source: 'dm-raid1.c do_writes: dm_rh_inc_pending, then dm_rh_flush, and only then dispatch; dispatching before the flush loses the mark-before-write order (research §2.5, S1)',
  },
  {
    name: 'clear-while-pending', breaks: 'neverCleanWhileInFlight', params: { writes: 2, loss: false, crash: false, timeout: false },
    source: 'dm-region-hash.c dm_rh_dec: a region goes on the clean list only when its pending count drops to 0 (research §3.3)',
  },
  {
    name: 'reply-before-persist', breaks: 'flushedMarksPersisted',
    source: 'cmirrord functions.c clog_flush: the disk log is written before the FLUSH reply (research S19); answering first lets a write be dispatched before its mark is durable',
  },
  {
    name: 'flush-payload-ignored', breaks: 'flushedMarksPersisted', params: { version: 3 },
    source: 'P15 / kernel 5066a4df1f42 (request version 3, integrated flush): LVM2 cmirrord\'s FLUSH handler ignores the mark payload, so every mark is lost',
  },
  {
    name: 'clear-ignores-sync', breaks: 'cleanImpliesInSync', params: { crash: true, timeout: true },
    source: 'research §3.4: cmirrord clog_clear_region sets the clean bit only when the region is in sync (dm-log.c core_clear_region does not check); a clear racing a daemon restart then marks an out-of-sync region clean',
  },
  {
    name: 'dm-bit-power-of-two', breaks: 'replyValuesInRange', params: { dirtyRegions: 0 },
    source: 'LVM2 498747d792c9 (2010-08-04): dm_bit returns a power of two, so IS_CLEAN/IN_SYNC replied values other than 1 and the kernel (== 1) treated regions as NOSYNC',
  },
  {
    name: 'ctr-not-idempotent', breaks: 'noOrphanLog', params: { loss: true, timeout: true },
    source: 'P2: a lost CTR reply makes the kernel resend CTR under a new seq; cmirrord answers -EINVAL (exists), the constructor fails and the daemon keeps an orphan log (S14, S16)',
  },
  {
    name: 'stale-reply-accepted', breaks: 'replyMatchesWaiter', params: { dup: true },
    source: 'dm-log-userspace-transfer.c fill_pkg matches a reply to its waiter by seq only (and CVE-2009-3725 for unauthenticated replies); matching by request type accepts a stale duplicate',
  },
  {
    name: 'no-recovery-stop-on-presuspend', breaks: 'suspendQuiescence',
    source: 'dm-raid1.c mirror_presuspend: dm_rh_stop_recovery and the wait for recovery_in_flight == 0 before the log presuspend (cf. f070304094ed, 2010-03-06)',
  },
  {
    name: 'no-handle-errors', breaks: 'markBeforeWrite', params: { diskFail: true },
    source: 'P12: without handle_errors dm-raid1 dispatches writes after a failed log flush, so marks may be missing on disk',
  },
  {
    name: 'sync-count-unchecked', breaks: 'syncCountConsistent', params: { dup: true },
    source: 'cmirrord do_request recomputes sync_count from the sync bits after SET_REGION_SYNC (research §3.4); counting without the bit test breaks under a re-executed request (S9, S14)',
  },
  {
    name: 'recovery-ignores-pending', breaks: 'noLocalRecoveryWriteOverlap', params: { crash: true, timeout: true },
    source: 'kernel 650d2a06b4fe parent (2012-07-20, "dm raid1: fix crash with mirror recovery and discard"): a region must not be quiesced for recovery while writes are pending',
  },
  {
    name: 'no-remote-recovering-check', breaks: 'noClusterRecoveryWriteOverlap', params: { nodes: 2, loss: false, timeout: false },
    source: 'kernel 2009-04-02 "dm raid1: add is_remote_recovering hook for clusters": without it a node writes a region another node is recovering (S7)',
  },
  {
    name: 'secondary-checkpoint-imported', breaks: 'checkpointImportedOnce', params: { nodes: 3, writes: 0, loss: false, timeout: false },
    source: 'LVM2 f0be9ac9047a (2013-08-20): a joiner imported later checkpoints too, erasing operations done in between (S20)',
  },
  {
    name: 'unknown-log-einval', breaks: 'markBeforeWrite', params: { crash: true, timeout: true },
    source: 'found by this model (inferred from cmirrord functions.c, get_log failing ⇒ -EINVAL, and dm-log-userspace-base.c userspace_in_sync treating any error as 0): after a daemon restart IN_SYNC fails, the region is taken as NOSYNC and written to the default leg only while the disk log still says clean; answering -ESRCH sends the kernel through its reconnect instead',
  },
  {
    name: 'reconnect-loses-marks', breaks: 'flushedMarksPersisted', params: { crash: true, timeout: true },
    source: 'found by this model (inferred from dm-log-userspace-base.c userspace_do_request + userspace_flush): after -ESRCH the reconnect re-sends CTR and RESUME and retries only the failing request, so MARKs the dead daemon had acknowledged are lost and the retried FLUSH succeeds without them; the fixed kernel re-sends the whole batch',
  },
  {
    name: 'recovery-halted-local', breaks: 'replicasAgree', params: { nodes: 2, loss: false, timeout: false },
    source: 'P7: cmirrord clog_is_remote_recovering answers {0, region_count} and skips the priority list when its node-local recovery_halted is set (PRESUSPEND is local-only), so replicas diverge',
  },
  {
    name: 'reconnect-resume-fails-open', breaks: 'markBeforeWrite', params: { crash: true, timeout: true, faultsMax: 2 },
    source: 'found by this model (dm-log-userspace-base.c userspace_do_request: "if RESUME fails, return -ESRCH"): a daemon that dies again between the reconnect CTR and RESUME makes IN_SYNC fail, the region is taken as NOSYNC and written to the default leg only while the disk says clean',
  },
  {
    name: 'checkpoint-untouched', breaks: 'flushedMarksPersisted', params: { nodes: 2, loss: false, timeout: false },
    source: 'found by this model (inferred from cmirrord clog_flush: only the server writes, and only when its node-local touched flag is set): a lower-id node that joins, imports marks in a checkpoint and so becomes the server answers the next FLUSH without writing them',
  },
];
