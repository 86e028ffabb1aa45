/**
 * Findings of the flagship: what the released code does when cmirrord (LVM2 v2_03_39) is
 * checkpointed and restarted by BLCR 0.8.6 under a Linux v6.6 kernel, and which fixes the checker
 * finds sufficient. Each fix is a daemon change plus, where one is needed, a kernel change.
 */
import type { FindingSpec } from '../contract.js';

/** dmlog's released values of the switches the flagship passes through. */
const RELEASED = { unknownLog: 'einval-enoent', ctrReply: 'log-device', ctrExisting: 'einval', reconnectRetry: 'request', flushPayload: 'ignored' };

/** The daemon change every sufficient fix needs: drop the restored logs, answer -ESRCH for them, no data in the reconnect CTR's reply. */
const DAEMON_FIX = { daemon: 'blcr-aware', restoredLogs: 'drop', unknownLog: 'esrch', ctrReply: 'empty-on-reconnect' };

export const CKPT_LOG_FINDINGS: readonly FindingSpec[] = [
  {
    name: 'stock-restart-deaf', breaks: 'requestsComplete',
    params: { ...RELEASED, daemon: 'stock' },
    fix: { ...DAEMON_FIX, reconnectRetry: 'batch' },
    source: 'BLCR 0.8.6 cr_save_open_socket ("skipped a socket") and cr_restore_open_socket (restores nothing): a stock cmirrord (no callbacks) restored by cr_restart has no netlink subscription; Linux v6.6 userspace_do_request then meets -ESRCH for every CTR of its reconnect loop, sleeping 2 s between them, forever: mirror I/O stalls (no mark is lost)',
  },
  {
    name: 'restored-logs-lose-mark', breaks: 'ackedMarksInMemory',
    params: { ...RELEASED, daemon: 'blcr-aware', restoredLogs: 'keep' },
    fix: { ...DAEMON_FIX, reconnectRetry: 'batch' },
    source: 'a BLCR-aware cmirrord whose restart callback reopens its socket and keeps the restored logs: it serves the kernel\'s live log (same luid) from the image, so a MARK it acknowledged after the dump and before the crash is forgotten, and Linux v6.6 never re-sends an acknowledged MARK group (userspace_flush); reloading the bits from disk in the callback does not help (the mark is not on disk either)',
  },
  {
    name: 'daemon-only-fix-loses-mark', breaks: 'ackedMarksInMemory',
    params: { ...RELEASED, ...DAEMON_FIX },
    fix: { reconnectRetry: 'batch' },
    source: 'the daemon-only fix (drop the restored logs, answer -ESRCH, no data in the reconnect CTR\'s reply) makes Linux v6.6 reconnect, but userspace_do_request retries only the request that met -ESRCH (goto retry): a MARK acknowledged before the crash is not re-sent and the retried FLUSH succeeds over a log reloaded from disk without it; the kernel must also re-send its marks (re-send the stolen batch, or request version 3 with a daemon that reads the FLUSH payload)',
  },
];
