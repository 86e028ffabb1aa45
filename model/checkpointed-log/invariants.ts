/**
 * Invariants: dmlog's where they apply (on the log side of the state), and the flagship's own,
 * each with a one-line positive statement and a `sometimes` witness under the same name.
 */
import {
  invariants as dmlogInvariants, sometimes as dmlogSometimes, statements as dmlogStatements,
  type DmlogState,
} from '../dmlog/index.js';
import type { CkptLogState } from './state.js';
import type { CkptLogParams } from './params.js';
import { isFrozen } from './state.js';

type Pred = (s: CkptLogState) => boolean;

/** dmlog's invariants that apply to a single node with a checkpointed daemon. */
export const DMLOG_INVARIANTS = [
  'markBeforeWrite', 'flushedMarksPersisted', 'neverCleanWhileInFlight', 'cleanImpliesInSync',
  'cleanOnlyWhenLegsAgree', 'syncCountConsistent', 'inSyncImpliesLegsAgree', 'crashSafeDisk',
  'replyMatchesWaiter', 'replyValuesInRange', 'noOrphanLog', 'suspendQuiescence',
] as const;

/** Regions the kernel holds marked and acknowledged: writes flushed or dispatched, and the MARKs of a flush past its mark stage. */
function ackedMarks(s: DmlogState): number[] {
  const k = s.kernels[0];
  if (k === undefined) return [];
  const fromWrites = k.writes.filter((w) => w.allLegs && (w.stage === 'flushed' || w.stage === 'dispatched')).map((w) => w.region);
  const reconnecting = k.waiter !== null && k.waiter.reconnect !== 'none';
  const fromFlush = k.flush !== null && k.flush.stage === 'flush' && !reconnecting ? k.flush.batchMarks : [];
  return [...fromWrites, ...fromFlush];
}

function servingLog(s: DmlogState) {
  const d = s.daemons[0];
  const k = s.kernels[0];
  if (d === undefined || k === undefined || !d.up || d.log === null || d.log.state !== 'resumed' || d.log.luid !== k.luid) return null;
  return d.log;
}

function inFlight(s: DmlogState): number[] {
  return (s.kernels[0]?.writes ?? []).filter((w) => w.allLegs && (w.stage === 'flushed' || w.stage === 'dispatched')).map((w) => w.region);
}

const own: Record<string, { statement: string; holds: Pred; witness: Pred }> = {
  frozenServesNothing: {
    statement: 'While BLCR holds the daemon\'s threads in a checkpoint (triggered until HAND_DONE returns), the daemon serves no request.',
    holds: (s) => !s.ghost.servedWhileFrozen,
    witness: (s) => isFrozen(s) && (s.log.channels[0]?.toDaemon.length ?? 0) > 0,
  },
  restoreNeverCleanerThanDisk: {
    statement: 'A restart from an image never hands the daemon a region clean in memory that the disk log holds dirty.',
    holds: (s) => !s.ghost.restoredCleaner,
    witness: (s) => s.ghost.restored && s.log.disk.clean.some((c) => !c),
  },
  ackedMarksInMemory: {
    statement: 'Every region whose MARK the kernel holds acknowledged is dirty in the memory of the daemon serving its log.',
    holds: (s) => {
      const log = servingLog(s.log);
      return log === null || ackedMarks(s.log).every((r) => log.bits.clean[r] === false);
    },
    witness: (s) => s.ghost.restored && ackedMarks(s.log).length > 0 && servingLog(s.log) !== null,
  },
  inFlightDirtyAfterRestart: {
    statement: 'After a restart from an image, every region with a write flushed or in flight is dirty on disk and in the daemon\'s memory.',
    holds: (s) => !s.ghost.restored || inFlight(s.log).every((r) => s.log.disk.clean[r] === false
      && (servingLog(s.log)?.bits.clean[r] ?? false) === false),
    witness: (s) => s.ghost.restored && inFlight(s.log).length > 0,
  },
};

export const OWN_INVARIANTS = Object.keys(own);

export const invariants: Record<string, Pred> = {};
export const statements: Record<string, string> = {};
/** Every witness; `witnessesFor(p)` keeps those the parameters can reach. */
export const allSometimes: Record<string, Pred> = {};

for (const name of DMLOG_INVARIANTS) {
  const holds = dmlogInvariants[name];
  const witness = dmlogSometimes[name];
  if (holds === undefined) throw new Error(`checkpointed-log: dmlog has no invariant ${name}`);
  invariants[name] = (s) => holds(s.log);
  statements[name] = dmlogStatements[name] ?? name;
  if (witness !== undefined) allSometimes[name] = (s) => witness(s.log);
}
for (const [name, d] of Object.entries(own)) {
  invariants[name] = d.holds;
  statements[name] = d.statement;
  allSometimes[name] = d.witness;
}

/**
 * dmlog witnesses that need more than the defaults: leg divergence needs regions dirty at the
 * start (in sync + diverged needs a second region), a stale reply needs an early timeout.
 */
export const WITNESS_PARAMS: Record<string, Record<string, number | boolean>> = {
  cleanOnlyWhenLegsAgree: { dirtyRegions: 1 },
  crashSafeDisk: { dirtyRegions: 1 },
  inSyncImpliesLegsAgree: { regions: 2, dirtyRegions: 1 },
  replyMatchesWaiter: { timeout: true, faultsMax: 2 },
};

/** The witnesses these parameters can reach (so a clean default check warns of nothing). */
export function witnessesFor(p: CkptLogParams): Record<string, Pred> {
  const diverged = p.dirtyRegions > 0;
  const reachable = (name: string): boolean => {
    switch (name) {
      case 'cleanOnlyWhenLegsAgree': case 'crashSafeDisk': return diverged;
      case 'inSyncImpliesLegsAgree': return diverged && p.regions > p.dirtyRegions;
      case 'replyMatchesWaiter': return p.timeout && p.faultsMax >= 2;
      default: return true;
    }
  };
  return Object.fromEntries(Object.entries(allSometimes).filter(([name]) => reachable(name)));
}
