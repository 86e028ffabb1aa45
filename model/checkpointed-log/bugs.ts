/** Seeded bugs of checkpointed-log: the fix taken apart (each weaker variant), and the freeze broken. */
import type { BugSpec } from '../contract.js';

export const CKPT_LOG_BUGS: readonly BugSpec[] = [
  {
    name: 'lost-dirty-bit',
    breaks: 'ackedMarksInMemory',
    source: 'the fix taken apart: a restart callback that reopens the netlink socket but keeps the restored logs serves the kernel\'s live log from the image\'s bits (the released dm-log code does the same: finding restored-logs-lose-mark); a stock cmirrord is not this: BLCR restores no socket, so it is deaf (finding stock-restart-deaf)',
  },
  {
    name: 'restart-without-reload',
    breaks: 'ackedMarksInMemory',
    source: 'weaker fix: the checkpoint callback flushes the clean bits to disk, the restart callback does nothing (a MARK after the dump is still lost)',
  },
  {
    name: 'reload-without-remark',
    breaks: 'ackedMarksInMemory',
    source: 'weaker fix: checkpoint flush + restart reload (sync := clean := c_disk for dirty regions) but the restored log is kept (no -ESRCH, no reconnect), so a MARK served after the dump and before the crash is on neither the disk nor the image, and the kernel never sends it again (dm-log-userspace-base.c: a MARK group is not re-sent once acknowledged)',
  },
  {
    name: 'serve-while-frozen',
    breaks: 'frozenServesNothing',
    source: 'a daemon thread outside the checkpoint (unregistered with libcr, so never signalled: blcr.md §2.6 fast path) keeps reading netlink requests between the dump and HAND_DONE',
  },
];
