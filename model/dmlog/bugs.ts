/**
 * Seeded bugs: each a value of the `bug` parameter that breaks the protocol the way a historical,
 * since fixed, bug did, or a mutation of a step the real code gets right. Hazards of the released
 * code are findings (findings.ts), not bugs. Each bug's parameters are the smallest that show it.
 */
import type { BugSpec } from '../contract.js';

/** One node, no faults: the shape most mutations need. */
const QUIET = { regions: 1, dirtyRegions: 0, loss: false, crash: false, timeout: false };

export const DMLOG_BUGS: readonly BugSpec[] = [
  {
    name: 'marks-before-clears', breaks: 'clearBeforeMark', params: { ...QUIET, regions: 2, writes: 2 },
    source: 'kernel 909cc4fb48dd / 085ae0651b27 (2011-01-13, "split flush queue", "group clear and mark requests"): userspace_flush sends clears before marks so a region cleared and re-marked in one batch ends dirty',
  },
  {
    name: 'dispatch-before-flush', breaks: 'markBeforeWrite', params: { ...QUIET, regions: 2 },
    source: 'mutation of dm-raid1.c do_writes (Linux v6.6): dm_rh_inc_pending, then dm_rh_flush, and only then do_write; dispatching before the flush loses the mark-before-write order (research §2.5, S1)',
  },
  {
    name: 'clear-while-pending', breaks: 'neverCleanWhileInFlight', params: { ...QUIET, writes: 2 },
    source: 'mutation of dm-region-hash.c dm_rh_dec (Linux v6.6): a region goes on the clean list only when its pending count drops to 0 (research §3.3)',
  },
  {
    name: 'reply-before-persist', breaks: 'flushedMarksPersisted', params: QUIET,
    source: 'mutation of cmirrord functions.c clog_flush (LVM2 v2_03_39): the disk log is written before the FLUSH reply (research S19); answering first lets a write be dispatched before its mark is durable',
  },
  {
    name: 'clear-ignores-sync', breaks: 'cleanImpliesInSync', params: { ...QUIET, crash: true },
    source: 'mutation of cmirrord functions.c clear_region (LVM2 v2_03_39), which sets the clean bit only when the region is in sync (dm-log.c core_clear_region does not check): a daemon restarted during a write reloads the region out of sync, and the write\'s CLEAR then marks it clean',
  },
  {
    name: 'dm-bit-power-of-two', breaks: 'replyValuesInRange', params: { ...QUIET, regions: 2 },
    source: 'LVM2 498747d792c9 (2010-08-04): dm_bit returns a power of two, so IS_CLEAN/IN_SYNC replied values other than 1 and the kernel (== 1) treated regions as NOSYNC',
  },
  {
    name: 'stale-reply-accepted', breaks: 'replyMatchesWaiter', params: { ...QUIET, dup: true },
    source: 'mutation of dm-log-userspace-transfer.c fill_pkg (Linux v6.6), which completes only the waiter whose seq the reply carries (rtn_seq != pkg->seq: continue): a kernel that matched by request type takes a duplicated reply to an earlier request of the same type (in the counterexample, GET_RESYNC_WORK) as the answer to the next one. (CVE-2009-3725, often cited here, is the connector\'s missing CAP_SYS_ADMIN check, not seq matching)',
  },
  {
    name: 'no-recovery-stop-on-presuspend', breaks: 'suspendQuiescence', params: { ...QUIET, dirtyRegions: 1, writes: 0 },
    source: 'mutation of dm-raid1.c mirror_presuspend (Linux v6.6): dm_rh_stop_recovery and the wait for recovery_in_flight == 0 come before the log presuspend (cf. f070304094ed, 2010-03-06)',
  },
  {
    name: 'sync-count-unchecked', breaks: 'syncCountConsistent', params: { ...QUIET, dirtyRegions: 1, dup: true },
    source: 'mutation of cmirrord functions.c clog_set_region_sync (LVM2 v2_03_39), which counts a region only when its bit changes and checks sync_count against the bitmap; counting without the bit test breaks under a re-executed request (S9, S14)',
  },
  {
    name: 'recovery-ignores-pending', breaks: 'noLocalRecoveryWriteOverlap', params: { regions: 1, dirtyRegions: 0, loss: false, crash: true, timeout: false },
    source: 'mutation of dm-region-hash.c __rh_recovery_prepare (Linux v6.6): a region handed out for recovery goes to the quiesced list only when no write is pending on it (else dm_rh_dec moves it there). The kernel 650d2a06b4fe parent (2012-07-20, "dm raid1: fix crash with mirror recovery and discard") fixed a real case of a wrong pending count (discards); the model has no discards, so its counterexample reaches a pending write on a region under recovery through a daemon crash and a master resume',
  },
  {
    name: 'no-remote-recovering-check', breaks: 'noClusterRecoveryWriteOverlap', params: { nodes: 2, regions: 1, dirtyRegions: 1, writerNode: 0, teardowns: 0, loss: false, timeout: false },
    source: 'kernel 2009-04-02 "dm raid1: add is_remote_recovering hook for clusters": without it a node writes a region another node is recovering (S7)',
  },
  {
    name: 'secondary-checkpoint-imported', breaks: 'checkpointImportedOnce', params: { nodes: 3, writes: 0, regions: 1, dirtyRegions: 0, teardowns: 0, loss: false, timeout: false },
    source: 'LVM2 f0be9ac9047a (2013-08-20): a joiner imported later checkpoints too, erasing operations done in between (S20)',
  },
];
