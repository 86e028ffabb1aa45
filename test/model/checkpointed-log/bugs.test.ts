// Goal: each seeded bug of checkpointed-log is found by BFS as the invariant it declares, with the exact shortest lost-dirty-bit trace.
// Method: the checker's BFS per `bug=NAME`; the fix taken apart part by part; one saved trace per bug under traces/checkpointed-log/.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { CKPT_LOG_BUGS, checkpointedLogModel, fixParts, resolveCkptLogParams } from '../../../model/checkpointed-log/index.js';

const LOST_DIRTY_BIT = [
  'LoadTable node=0',
  'DeliverRequest DM_ULOG_CTR seq=0 node=0',
  'DeliverReply DM_ULOG_CTR seq=0 node=0',
  'ResumeDevice node=0',
  'DeliverRequest DM_ULOG_RESUME seq=0 node=0',
  'DeliverReply DM_ULOG_RESUME seq=0 node=0',
  'IssueWrite node=0 region=0',
  'CheckRemoteRecovering node=0 write=0',
  'DeliverRequest DM_ULOG_IS_REMOTE_RECOVERING seq=0 node=0',
  'DeliverReply DM_ULOG_IS_REMOTE_RECOVERING seq=0 node=0',
  'LookupRegion node=0 write=0',
  'DeliverRequest DM_ULOG_IN_SYNC seq=0 node=0',
  'DeliverReply DM_ULOG_IN_SYNC seq=0 node=0',
  'FlushLog node=0',
  'ChkptReq CR_OP_CHKPT_REQ requester',
  'ChkptCallback CR_OP_HAND_CHKPT p0t1',
  'HandChkpt CR_OP_HAND_CHKPT dump p0t0',
  'HandDone CR_OP_HAND_DONE p0t0',
  'DeliverRequest DM_ULOG_MARK_REGION seq=0 node=0',
  'DeliverReply DM_ULOG_MARK_REGION seq=0 node=0',
  'DaemonCrash node=0',
  'RstrtReq CR_OP_RSTRT_REQ+RSTRT_PROCS cr_restart',
  'RstrtChild CR_OP_RSTRT_CHILD r0t0',
];

describe('checkpointed-log seeded bugs', () => {
  it.each(CKPT_LOG_BUGS.map((b) => [b.name, b] as const))('%s is found as its declared invariant', (name, bug) => {
    const r = checker(checkpointedLogModel({ bug: name, ...(bug.params ?? {}) })).bfs();
    expect(r.verdict).toBe('violation');
    if (r.verdict === 'violation') expect(r.violation.name).toBe(bug.breaks);
    expect(existsSync(`traces/checkpointed-log/${name}.trace.json`)).toBe(true);
  });

  it('finds lost-dirty-bit with the exact shortest counterexample', () => {
    const r = checker(checkpointedLogModel({ bug: 'lost-dirty-bit' })).bfs();
    expect(r.verdict).toBe('violation');
    if (r.verdict !== 'violation') return;
    expect(r.violation.name).toBe('ackedMarksInMemory');
    expect(r.violation.depth).toBe(23);
    expect(r.violation.path.steps.map((s) => s.label)).toEqual(LOST_DIRTY_BIT);
  });

  it('shows each weaker fix failing on dmlog\'s own invariants once the flagship\'s are set aside', () => {
    const without = (bug: string, drop: string[]) => {
      const m = checkpointedLogModel({ bug });
      const invariants = Object.fromEntries(Object.entries(m.invariants).filter(([n]) => !drop.includes(n)));
      const r = checker({ ...m, invariants }).bfs();
      return r.verdict === 'violation' ? r.violation.name : r.verdict;
    };
    const own = ['ackedMarksInMemory', 'restoreNeverCleanerThanDisk', 'inFlightDirtyAfterRestart', 'frozenServesNothing'];
    // No fix, and flush-only: the restored memory is cleaner than the disk (a MARK and FLUSH served after the dump) …
    expect(without('lost-dirty-bit', ['ackedMarksInMemory'])).toBe('restoreNeverCleanerThanDisk');
    expect(without('restart-without-reload', ['ackedMarksInMemory'])).toBe('restoreNeverCleanerThanDisk');
    // … and the flushed write's region is clean in the restored memory (S2).
    expect(without('lost-dirty-bit', own)).toBe('neverCleanWhileInFlight');
    expect(without('restart-without-reload', own)).toBe('neverCleanWhileInFlight');
    // Flush + reload: memory is never cleaner than the disk, but a MARK whose FLUSH the crash ate
    // is on neither; the kernel re-sends only the FLUSH, which is acknowledged without a write (S19).
    expect(without('reload-without-remark', ['ackedMarksInMemory'])).toBe('flushedMarksPersisted');
    expect(without('reload-without-remark', own)).toBe('flushedMarksPersisted');
  });

  it('builds the fix at the defaults from the reconnect alone', () => {
    expect(fixParts(resolveCkptLogParams({}))).toEqual({ flushAtCheckpoint: false, reloadAtRestart: false, dropLogsAtRestart: true });
  });
});
