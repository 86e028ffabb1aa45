/**
 * Named safety invariants (research §6.1, S-numbers in the statements), each with a one-line
 * statement and a `sometimes` witness under the same name showing the guarded situation occurs.
 */
import { BOOLEAN_REPLY_TYPES, dataSizeBytes, replyCapacityBytes } from './requests.js';
import { QUIESCED_TYPES, type DaemonLog, type DmlogState, type Write } from './state.js';
import { countSet } from './daemon.js';

type Pred = (s: DmlogState) => boolean;

/** Writes of every node with their node id. */
function allWrites(s: DmlogState): { node: number; write: Write }[] {
  return s.kernels.flatMap((k, node) => k.writes.map((write) => ({ node, write })));
}

function dispatchedRegions(s: DmlogState, node?: number): number[] {
  return allWrites(s).filter((w) => w.write.stage === 'dispatched' && (node === undefined || w.node === node)).map((w) => w.write.region);
}

/** Logs of running daemons whose log is resumed. */
function resumedLogs(s: DmlogState): DaemonLog[] {
  return s.daemons.flatMap((d) => (d.up && d.log !== null && d.log.state === 'resumed' ? [d.log] : []));
}

function copyingRegions(s: DmlogState): { node: number; region: number }[] {
  return s.kernels.flatMap((k, node) => k.regions.flatMap((r, region) => (r.recovery === 'copying' ? [{ node, region }] : [])));
}

export const invariants: Record<string, Pred> = {
  /** S1: a dispatched write's region is dirty in the disk log. */
  markBeforeWrite: (s) => dispatchedRegions(s).every((r) => s.disk.clean[r] === false),
  /** S19/S21: once a flush is acknowledged, every region marked in it is dirty on disk. */
  flushedMarksPersisted: (s) => allWrites(s).every(({ write }) => write.stage !== 'flushed' || !write.allLegs || s.disk.clean[write.region] === false),
  /** S2: a region with a write flushed or in flight is dirty in every resumed replica. */
  neverCleanWhileInFlight: (s) => allWrites(s).every(({ write }) => (write.stage !== 'flushed' && write.stage !== 'dispatched')
    || resumedLogs(s).every((l) => l.bits.clean[write.region] === false)),
  /** S3: within one flush, every CLEAR is acknowledged before the first MARK or FLUSH is sent. */
  clearBeforeMark: (s) => s.kernels.every((k) => k.flush === null || k.flush.stage === 'clear' || k.flush.clears.length === 0),
  /** S4: a region clean in a resumed replica is in sync there. */
  cleanImpliesInSync: (s) => resumedLogs(s).every((l) => l.bits.clean.every((c, r) => !c || l.bits.sync[r] === true)),
  /** S5: a region is clean in a resumed replica only when its legs agree. */
  cleanOnlyWhenLegsAgree: (s) => resumedLogs(s).every((l) => l.bits.clean.every((c, r) => !c || s.diverged[r] === false)),
  /** S6: a node never copies a region while it has a write to that region in flight. */
  noLocalRecoveryWriteOverlap: (s) => copyingRegions(s).every(({ node, region }) => !dispatchedRegions(s, node).includes(region)),
  /** S7: no node has a write in flight to a region any node is copying. */
  noClusterRecoveryWriteOverlap: (s) => copyingRegions(s).every(({ region }) => !dispatchedRegions(s).includes(region)),
  /** S8: at most one region is being copied cluster-wide. */
  singleRecoverer: (s) => copyingRegions(s).length <= 1,
  /** S9: each resumed replica's sync_count is the number of its in-sync regions. */
  syncCountConsistent: (s) => resumedLogs(s).every((l) => l.bits.syncCount === countSet(l.bits.sync)),
  /** S10: a region in sync in a resumed replica has legs that agree. */
  inSyncImpliesLegsAgree: (s) => resumedLogs(s).every((l) => l.bits.sync.every((x, r) => !x || s.diverged[r] === false)),
  /** S11: a region clean in the disk log has legs that agree (so a resume from disk resyncs every divergent region). */
  crashSafeDisk: (s) => s.disk.clean.every((c, r) => !c || s.diverged[r] === false),
  /** S12: the kernel consumes only replies carrying its waiter's current seq, and no two waiters share a seq. */
  replyMatchesWaiter: (s) => {
    const seqs = s.kernels.flatMap((k) => (k.waiter === null ? [] : [k.waiter.request.seq]));
    return s.kernels.every((k) => k.repliesMatched) && new Set(seqs).size === seqs.length;
  },
  /** S13: every reply fits its request's capacity, carries data only on success, and boolean answers are 0 or 1. */
  replyValuesInRange: (s) => s.channels.every((c) => c.toKernel.every((d) => {
    if (d.kind !== 'reply') return true;
    if (d.msg.error !== 0) return dataSizeBytes(d.msg) === 0;
    if (dataSizeBytes(d.msg) > replyCapacityBytes(d.msg.requestType)) return false;
    return !BOOLEAN_REPLY_TYPES.includes(d.msg.requestType) || d.msg.payload[0] === 0 || d.msg.payload[0] === 1;
  })),
  /** S16: every log the daemon holds belongs to the live table instance of its node (no orphan). */
  noOrphanLog: (s) => s.daemons.every((d, n) => {
    const k = s.kernels[n];
    if (d.log === null || k === undefined) return true;
    return k.luid === d.log.luid && k.phase !== 'failed' && k.phase !== 'destroyed';
  }),
  /** S17: a suspended kernel waits on no I/O or recovery request, and PRESUSPEND goes out with no recovery in flight. */
  suspendQuiescence: (s) => s.kernels.every((k) => {
    const type = k.waiter?.request.requestType;
    if (k.phase === 'suspended' && type !== undefined && QUIESCED_TYPES.includes(type)) return false;
    if (type === 'DM_ULOG_PRESUSPEND' && k.waiter?.reconnect === 'none') return k.regions.every((r) => r.recovery === 'none');
    return true;
  }),
  /** S18: all VALID replicas of the cluster hold the same replicated bits. */
  replicasAgree: (s) => {
    // sync_search is reset by every resume, master or not (clog_resume), so it is node-local in practice.
    const valid = s.daemons.flatMap((d) => (d.log !== null && d.log.cpg === 'valid' ? [JSON.stringify({ ...d.log.bits, syncSearch: 0 })] : []));
    return valid.every((b) => b === valid[0]);
  },
  /** S20: a joining node imports at most one checkpoint per join. */
  checkpointImportedOnce: (s) => s.daemons.every((d) => (d.log?.checkpointsImported ?? 0) <= 1),
};

export const statements: Record<string, string> = {
  markBeforeWrite: 'S1: a dispatched write\'s region is dirty in the disk log.',
  flushedMarksPersisted: 'S19/S21: once a flush is acknowledged, every region marked in it is dirty on disk.',
  neverCleanWhileInFlight: 'S2: a region with a write flushed or in flight is dirty in every resumed replica.',
  clearBeforeMark: 'S3: within one flush, every CLEAR is acknowledged before the first MARK or FLUSH is sent.',
  cleanImpliesInSync: 'S4: a region clean in a resumed replica is in sync there.',
  cleanOnlyWhenLegsAgree: 'S5: a region is clean in a resumed replica only when its legs agree.',
  noLocalRecoveryWriteOverlap: 'S6: a node never copies a region while it has a write to that region in flight.',
  noClusterRecoveryWriteOverlap: 'S7: no node has a write in flight to a region any node is copying.',
  singleRecoverer: 'S8: at most one region is being copied cluster-wide.',
  syncCountConsistent: 'S9: each resumed replica\'s sync_count is the number of its in-sync regions.',
  inSyncImpliesLegsAgree: 'S10: a region in sync in a resumed replica has legs that agree.',
  crashSafeDisk: 'S11: a region clean in the disk log has legs that agree, so a resume from disk resyncs every divergent region.',
  replyMatchesWaiter: 'S12: the kernel consumes only replies carrying its waiter\'s current seq, and no two waiters share a seq.',
  replyValuesInRange: 'S13: every reply fits its request\'s capacity, carries data only on success, and boolean answers are 0 or 1.',
  noOrphanLog: 'S16: every log the daemon holds belongs to the live table instance of its node.',
  suspendQuiescence: 'S17: a suspended kernel waits on no I/O or recovery request, and PRESUSPEND goes out with no recovery in flight.',
  replicasAgree: 'S18: all VALID replicas of the cluster hold the same replicated bits.',
  checkpointImportedOnce: 'S20: a joining node imports at most one checkpoint per join.',
};

/** Witnesses: the situation each invariant guards is reached (some need non-default params; see WITNESS_PARAMS). */
export const sometimes: Record<string, Pred> = {
  markBeforeWrite: (s) => dispatchedRegions(s).length > 0,
  neverCleanWhileInFlight: (s) => dispatchedRegions(s).length > 0 && resumedLogs(s).length > 0,
  clearBeforeMark: (s) => s.kernels.some((k) => k.flush !== null && k.flush.clears.length > 0 && k.flush.marks.length > 0),
  cleanImpliesInSync: (s) => resumedLogs(s).some((l) => l.bits.sync.some((x) => !x)),
  cleanOnlyWhenLegsAgree: (s) => resumedLogs(s).length > 0 && s.diverged.some((d) => d),
  noLocalRecoveryWriteOverlap: (s) => copyingRegions(s).some(({ node, region }) => s.kernels[node]?.writes.some((w) => w.region === region) === true),
  noClusterRecoveryWriteOverlap: (s) => copyingRegions(s).some(({ node, region }) =>
    s.kernels.some((k, n) => n !== node && k.writes.some((w) => w.region === region))),
  singleRecoverer: (s) => copyingRegions(s).length === 1,
  syncCountConsistent: (s) => resumedLogs(s).some((l) => l.bits.syncCount < l.bits.sync.length),
  inSyncImpliesLegsAgree: (s) => resumedLogs(s).some((l) => l.bits.sync.some((x) => x)) && s.diverged.some((d) => d),
  crashSafeDisk: (s) => s.diverged.some((d) => d) && s.kernels.some((k) => k.phase === 'active'),
  replyMatchesWaiter: (s) => s.channels.some((c, n) => c.toKernel.some((d) => {
    const w = s.kernels[n]?.waiter;
    return w !== null && w !== undefined && (d.kind === 'ack' ? d.seq : d.msg.seq) !== w.request.seq;
  })),
  replyValuesInRange: (s) => s.channels.some((c) => c.toKernel.some((d) => d.kind === 'reply' && d.msg.requestType === 'DM_ULOG_IN_SYNC')),
  noOrphanLog: (s) => s.daemons.some((d, n) => d.log !== null && s.kernels[n]?.phase === 'constructing'),
  suspendQuiescence: (s) => s.kernels.some((k) => k.phase === 'suspended'),
  replicasAgree: (s) => s.daemons.filter((d) => d.log !== null && d.log.cpg === 'valid' && d.log.state === 'resumed').length >= 2,
  checkpointImportedOnce: (s) => s.daemons.some((d) => d.log?.checkpointsImported === 1),
  flushedMarksPersisted: (s) => allWrites(s).some(({ write }) => write.stage === 'flushed'),
};

/** Parameters (besides the defaults) under which each witness is reached; the others are reached at the defaults. */
export const WITNESS_PARAMS: Record<string, Record<string, number | boolean | string>> = {
  noClusterRecoveryWriteOverlap: { nodes: 2, loss: false, timeout: false },
  replicasAgree: { nodes: 2, writes: 0, loss: false, timeout: false },
  checkpointImportedOnce: { nodes: 2, writes: 0, loss: false, timeout: false },
};
