/**
 * The one switch: action → guard re-asserted → pure helper → canonical seqs.
 */
import type { DmlogParams } from './params.js';
import type { DmlogAction } from './actions.js';
import { assert, assertNever } from '../../lib/index.js';
import { datagramSeq, datagramType } from './requests.js';
import { at, channelOf, daemonOf, kernelOf, withDaemon, type DmlogState } from './state.js';
import * as g from './guards.js';
import * as m from './mirror.js';
import { reconnect } from './reconnect.js';
import { deliverReply, deliverRequest, duplicateDatagram, loseDatagram } from './channel.js';
import { cpgDeliver } from './cluster.js';
import { writeDisk } from './daemon.js';
import { canonicalSeqs } from './seq.js';

/** The successor of `s` under the enabled action `a`; never mutates `s`. */
export function nextState(p: DmlogParams, s: DmlogState, a: DmlogAction): DmlogState {
  return canonicalSeqs(step(p, s, a));
}

function step(p: DmlogParams, s: DmlogState, a: DmlogAction): DmlogState {
  switch (a.type) {
    case 'LoadTable': assert(g.canLoadTable(s, a.node), a.type); return m.loadTable(p, s, a.node);
    case 'ResumeDevice': assert(g.canResumeDevice(s, a.node), a.type); return m.resumeDevice(p, s, a.node);
    case 'PresuspendDevice': assert(g.canPresuspendDevice(p, s, a.node), a.type); return m.presuspendDevice(p, s, a.node);
    case 'PostsuspendDevice': assert(g.canPostsuspendDevice(s, a.node), a.type); return m.postsuspendDevice(p, s, a.node);
    case 'DestroyTable': assert(g.canDestroyTable(s, a.node), a.type); return m.destroyTable(p, s, a.node);
    case 'IssueWrite': assert(g.canIssueWrite(s, a.node, a.region), a.type); return m.issueWrite(p, s, a.node, a.region);
    case 'CheckRemoteRecovering': assert(g.canCheckRemoteRecovering(s, a.node, a.write), a.type); return m.checkRemoteRecovering(p, s, a.node, a.write);
    case 'LookupRegion': assert(g.canLookupRegion(s, a.node, a.write), a.type); return m.lookupRegion(p, s, a.node, a.write);
    case 'ClassifyWrite': assert(g.canClassifyWrite(s, a.node, a.write), a.type); return m.classifyWrite(s, a.node, a.write);
    case 'FlushLog': assert(g.canFlushLog(s, a.node), a.type); return m.flushLog(p, s, a.node);
    case 'DispatchWrite': assert(g.canDispatchWrite(p, s, a.node, a.write), a.type); return m.dispatchWrite(s, a.node, a.write);
    case 'CompleteWrite': assert(g.canCompleteWrite(s, a.node, a.write), a.type); return m.completeWrite(p, s, a.node, a.write);
    case 'UpdateStates': assert(g.canUpdateStates(s, a.node), a.type); return m.updateStates(p, s, a.node);
    case 'GetResyncWork': assert(g.canGetResyncWork(s, a.node), a.type); return m.getResyncWork(p, s, a.node);
    case 'StartCopy': assert(g.canStartCopy(s, a.node, a.region), a.type); return m.startCopy(s, a.node, a.region);
    case 'EndCopy': assert(g.canEndCopy(s, a.node, a.region), a.type); return m.endCopy(s, a.node, a.region);
    case 'CompleteRecovery': assert(g.canCompleteRecovery(s, a.node, a.region), a.type); return m.completeRecovery(p, s, a.node, a.region);
    case 'GetSyncCount': assert(g.canGetSyncCount(s, a.node), a.type); return m.getSyncCount(p, s, a.node);
    case 'QueryIsClean': assert(g.canQuery(s, a.node), a.type); return m.queryIsClean(p, s, a.node, a.region);
    case 'QueryStatus': assert(g.canQuery(s, a.node), a.type); return m.queryStatus(p, s, a.node);
    case 'LazyFlush': assert(g.canLazyFlush(p, s, a.node), a.type); return m.lazyFlush(p, s, a.node);
    case 'Reconnect': assert(g.canReconnect(s, a.node), a.type); return reconnect(p, s, a.node);
    case 'Timeout': {
      assert(g.canTimeout(p, s, a.node) && kernelOf(s, a.node).waiter?.request.seq === a.seq, a.type);
      return m.timeoutFires(p, s, a.node, g.isRequestLost(s, a.node));
    }
    case 'DeliverRequest': {
      assert(g.canDeliver(p, s, a.node, 'toDaemon', a.index) && isTagged(s, a.node, 'toDaemon', a.index, a.seq, a.requestType), a.type);
      return deliverRequest(p, s, a.node, a.index);
    }
    case 'DeliverReply': {
      assert(g.canDeliver(p, s, a.node, 'toKernel', a.index) && isTagged(s, a.node, 'toKernel', a.index, a.seq, a.requestType), a.type);
      return deliverReply(p, s, a.node, a.index);
    }
    case 'LoseDatagram': assert(g.canLose(p, s, a.node, a.dir, a.index), a.type); return loseDatagram(s, a.node, a.dir, a.index);
    case 'DuplicateDatagram': assert(g.canDuplicate(p, s, a.node, a.dir, a.index), a.type); return duplicateDatagram(s, a.node, a.dir, a.index);
    case 'WriteDiskLog': {
      assert(g.canWriteDiskLog(s, a.node), a.type);
      const log = daemonOf(s, a.node).log;
      assert(log !== null, 'a pending disk write needs a log');
      const written = withDaemon(s, a.node, { ...daemonOf(s, a.node), log: { ...log, diskWritePending: false } });
      return s.disk.failed ? written : { ...written, disk: writeDisk(p, s.disk, log) };
    }
    case 'DaemonCrash': assert(g.canDaemonCrash(p, s, a.node), a.type); return m.daemonCrash(s, a.node);
    case 'DaemonRestart': assert(g.canDaemonRestart(s, a.node), a.type); return m.daemonRestart(s, a.node);
    case 'PowerFail': assert(g.canPowerFail(p, s, a.node), a.type); return m.powerFail(p, s, a.node);
    case 'DiskFail': assert(g.canDiskFail(p, s), a.type); return { ...s, disk: { ...s.disk, failed: true }, faultsLeft: s.faultsLeft - 1 };
    case 'LogCacheWriteback': assert(g.canLogCacheWriteback(s), a.type); return { ...s, disk: { ...s.disk, stable: null } };
    case 'CpgDeliver': assert(g.canCpgDeliver(s), a.type); return cpgDeliver(p, s);
    default: return assertNever(a);
  }
}

function isTagged(s: DmlogState, n: number, dir: 'toDaemon' | 'toKernel', i: number, seq: number, type: string): boolean {
  const d = at(channelOf(s, n)[dir], i);
  return datagramSeq(d) === seq && datagramType(d) === type;
}
