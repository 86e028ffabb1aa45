/**
 * The one switch: a log-side action goes to dmlog's next (with the coupling's bookkeeping), a
 * BLCR-side action to its named helper. Guards are asserted again (paired assertions).
 */
import { diskCleanBits, nextState as dmlogNext, writeDisk, type DaemonLog, type DmlogState } from '../dmlog/index.js';
import type { CkptLogParams } from './params.js';
import type { CkptLogState } from './state.js';
import { isFrozen } from './state.js';
import * as g from './actions.js';
import type { CkptLogAction, LogSideAction } from './actions.js';

function assert(cond: boolean, what: string): asserts cond {
  if (!cond) throw new Error(`checkpointed-log: ${what} is not enabled`);
}

/** Which parts of the fix a variant has (bug=none is the fix the model verifies). */
export interface FixParts {
  /** The checkpoint callback writes the clean bits to the disk log before the dump. */
  readonly flushAtCheckpoint: boolean;
  /** The restart callback reloads the bits from disk (sync := clean := c_disk for regions dirty on disk). */
  readonly reloadAtRestart: boolean;
  /** The restart callback drops the restored logs: the kernel's -ESRCH reconnect rebuilds them (CTR, RESUME from disk, marks re-sent). */
  readonly dropLogsAtRestart: boolean;
}

export function fixParts(p: CkptLogParams): FixParts {
  switch (p.bug) {
    case 'lost-dirty-bit': return { flushAtCheckpoint: false, reloadAtRestart: false, dropLogsAtRestart: false };
    case 'restart-without-reload': return { flushAtCheckpoint: true, reloadAtRestart: false, dropLogsAtRestart: false };
    case 'reload-without-remark': return { flushAtCheckpoint: true, reloadAtRestart: true, dropLogsAtRestart: false };
    default: return { flushAtCheckpoint: false, reloadAtRestart: false, dropLogsAtRestart: true };
  }
}

export function nextState(p: CkptLogParams, s: CkptLogState, a: CkptLogAction): CkptLogState {
  if (a.side === 'log') return logStep(p, s, a);
  switch (a.type) {
    case 'ChkptReq': assert(g.canChkptReq(s), a.type); return requestCheckpoint(s);
    case 'ChkptCallback': assert(g.canChkptCallback(s), a.type); return runCheckpointCallback(p, s);
    case 'HandChkpt': assert(g.canHandChkpt(s), a.type); return dumpImage(s);
    case 'HandDone': assert(g.canHandDone(s), a.type); return completeCheckpoint(s);
    case 'RstrtReq': assert(g.canRstrtReq(s), a.type); return { ...s, restart: 'restoring' };
    case 'RstrtChild': assert(g.canRstrtChild(s), a.type); return restoreDaemon(p, s);
    default: return assertNever(a);
  }
}

function assertNever(a: never): never {
  throw new Error(`checkpointed-log: unknown action ${JSON.stringify(a)}`);
}

/** A dmlog step, with the coupling: a crash kills a checkpoint in progress and forgets the restore. */
function logStep(p: CkptLogParams, s: CkptLogState, a: LogSideAction): CkptLogState {
  const inner = g.unwrap(a);
  assert(g.logSideAllowed(p, s, inner), a.type);
  const log = dmlogNext(p.dmlog, s.log, inner);
  const served = isFrozen(s) && inner.type === 'DeliverRequest';
  const ghost = { ...s.ghost, servedWhileFrozen: s.ghost.servedWhileFrozen || served };
  if (inner.type !== 'DaemonCrash') return { ...s, log, ghost };
  // The target died: the request fails (the watchdog reaps it) and no image is committed.
  const checkpoint = { ...s.checkpoint, phase: 'idle' as const, pending: null };
  return { ...s, log, checkpoint, ghost: { ...ghost, restored: false } };
}

function daemonLog(s: DmlogState): DaemonLog | null {
  return s.daemons[0]?.log ?? null;
}

function requestCheckpoint(s: CkptLogState): CkptLogState {
  return { ...s, checkpoint: { ...s.checkpoint, phase: 'triggered', checkpointsLeft: s.checkpoint.checkpointsLeft - 1 } };
}

/** The daemon's checkpoint callback; with the flush part of a fix it writes the clean bits to disk (clog_flush). */
function runCheckpointCallback(p: CkptLogParams, s: CkptLogState): CkptLogState {
  const called = { ...s, checkpoint: { ...s.checkpoint, phase: 'called' as const } };
  const log = daemonLog(s.log);
  if (!fixParts(p).flushAtCheckpoint || log === null || log.state !== 'resumed' || s.log.disk.failed) return called;
  const flushed: DaemonLog = { ...log, touched: false };
  const daemons = s.log.daemons.map((d, i) => (i === 0 ? { ...d, log: flushed } : d));
  return { ...called, log: { ...s.log, daemons, disk: writeDisk(p.dmlog, s.log.disk, log) } };
}

/** HAND_CHKPT's dump: the image is the daemon's memory now. */
function dumpImage(s: CkptLogState): CkptLogState {
  return { ...s, checkpoint: { ...s.checkpoint, phase: 'dumped', pending: daemonLog(s.log) } };
}

/** HAND_DONE returns: the context file is complete (it replaces the previous one); the daemon runs again. */
function completeCheckpoint(s: CkptLogState): CkptLogState {
  return { ...s, image: s.checkpoint.pending, checkpoint: { ...s.checkpoint, phase: 'idle', pending: null } };
}

/** The restored daemon: memory := image, then its restart callback (the fix), then a fresh netlink subscription. */
function restoreDaemon(p: CkptLogParams, s: CkptLogState): CkptLogState {
  const fix = fixParts(p);
  const image = s.image;
  const disk = diskCleanBits(p.dmlog, s.log.disk);
  let log: DaemonLog | null = image;
  if (log !== null && fix.reloadAtRestart) log = reloadFromDisk(log, disk);
  if (fix.dropLogsAtRestart) log = null;
  const cleaner = log !== null && log.bits.clean.some((c, r) => c && disk[r] === false);
  const daemons = s.log.daemons.map((d, i) => (i === 0 ? { up: true, log } : d));
  return {
    ...s, restart: 'idle', log: { ...s.log, daemons },
    ghost: { ...s.ghost, restored: true, restoredCleaner: s.ghost.restoredCleaner || cleaner },
  };
}

/** As a master resume does for the regions dirty on disk: sync := clean := c_disk. */
export function reloadFromDisk(log: DaemonLog, diskClean: readonly boolean[]): DaemonLog {
  const dirty = (r: number) => diskClean[r] === false;
  const clean = log.bits.clean.map((c, r) => (dirty(r) ? false : c));
  const sync = log.bits.sync.map((x, r) => (dirty(r) ? false : x));
  const syncCount = sync.filter((x) => x).length;
  return { ...log, bits: { ...log.bits, clean, sync, syncCount } };
}
