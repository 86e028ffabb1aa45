// Goal: every seeded dmlog bug is found by the checker as a violation of exactly the invariant it declares.
// Method: BFS on dmlogEntry.create({ ...bug.params, bug }) with the real checker; for three bugs the shortest counterexample is pinned label by label.
import { describe, expect, it } from 'vitest';
import { checker } from '../../../checker/index.js';
import { dmlogEntry } from '../../../model/dmlog/index.js';
import { BUG_NAMES } from '../../../model/dmlog/bug-names.js';

function check(name: string) {
  const bug = dmlogEntry.bugs.find((b) => b.name === name);
  if (bug === undefined) throw new Error(`no bug ${name}`);
  return { bug, result: checker(dmlogEntry.create({ ...bug.params, bug: name })).statesMax(1_000_000).deadlocks(true).bfs() };
}

function labels(name: string): string[] {
  const { result } = check(name);
  if (result.verdict !== 'violation') throw new Error(`${name}: ${result.verdict}`);
  return result.violation.path.steps.map((s) => s.label);
}

describe('dmlog seeded bugs', () => {
  it('declares at least 12 bugs, one per bug parameter value', () => {
    expect(dmlogEntry.bugs.length).toBeGreaterThanOrEqual(12);
    expect(dmlogEntry.bugs.map((b) => b.name).sort()).toEqual([...BUG_NAMES].sort());
  });

  for (const bug of dmlogEntry.bugs) {
    it(`${bug.name} breaks ${bug.breaks}`, () => {
      const { result } = check(bug.name);
      expect(result.verdict).toBe(bug.breaks === 'deadlock' ? 'deadlock' : 'violation');
      if (result.verdict === 'violation' || result.verdict === 'deadlock') expect(result.violation.name).toBe(bug.breaks);
    });
  }

  it('stale-reply-accepted: a duplicated reply to the first GET_RESYNC_WORK answers the second', () => {
    expect(labels('stale-reply-accepted').slice(6)).toEqual([
      'GetResyncWork node=0',
      'IssueWrite node=0 region=0',
      'DeliverRequest DM_ULOG_GET_RESYNC_WORK seq=0 node=0',
      'DuplicateDatagram toKernel DM_ULOG_GET_RESYNC_WORK seq=0 node=0',
      'DeliverReply DM_ULOG_GET_RESYNC_WORK seq=0 node=0',
      'GetResyncWork node=0',
      // the duplicate still carries seq 0; the waiter now waits for seq 1
      'DeliverReply DM_ULOG_GET_RESYNC_WORK seq=0 node=0',
    ]);
  });

  it('dispatch-before-flush: the write goes out before its MARK reaches the disk log', () => {
    expect(labels('dispatch-before-flush')).toEqual([
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
      'DispatchWrite node=0 write=0',
    ]);
  });

  it('no-recovery-stop-on-presuspend: PRESUSPEND goes out while region 0 is under recovery', () => {
    expect(labels('no-recovery-stop-on-presuspend')).toEqual([
      'LoadTable node=0',
      'DeliverRequest DM_ULOG_CTR seq=0 node=0',
      'DeliverReply DM_ULOG_CTR seq=0 node=0',
      'ResumeDevice node=0',
      'DeliverRequest DM_ULOG_RESUME seq=0 node=0',
      'DeliverReply DM_ULOG_RESUME seq=0 node=0',
      'GetResyncWork node=0',
      'DeliverRequest DM_ULOG_GET_RESYNC_WORK seq=0 node=0',
      'DeliverReply DM_ULOG_GET_RESYNC_WORK seq=0 node=0',
      'PresuspendDevice node=0',
    ]);
  });
});
