/**
 * Named safety invariants (research §5.1 and the §6.2 hazards), each with its one-line statement
 * and a `sometimes` witness under the same name showing the guarded situation is reached.
 */
import type { BlcrParams } from './params.js';
import type { BlcrState, ChkptRequest, ThreadState } from './state.js';
import { ERR } from './state.js';
import { blackCount, recordOf, redCount } from './guards.js';
import { STEP } from './kernel.js';

type Pred = (s: BlcrState) => boolean;

function everyThread(s: BlcrState, f: (th: ThreadState, p: number, t: number) => boolean): boolean {
  return s.procs.every((proc, p) => proc.threads.every((th, t) => f(th, p, t)));
}

function someThread(s: BlcrState, f: (th: ThreadState, p: number, t: number) => boolean): boolean {
  return s.procs.some((proc, p) => proc.threads.some((th, t) => f(th, p, t)));
}

function liveRequest(s: BlcrState): ChkptRequest | null {
  return s.req !== null && !s.req.freed ? s.req : null;
}

/** Count of member tasks of process `p` (or of all processes) that still owe barrier `step`. */
function owing(s: BlcrState, step: number, p?: number, onlyP1 = false): number {
  let n = 0;
  s.procs.forEach((proc, i) => {
    if (p !== undefined && i !== p) return;
    for (const th of proc.threads) if (th.member && th.step <= step && (!onlyP1 || th.p1)) n++;
  });
  return n;
}

/** One entry per invariant: statement, predicate, witness, and the §5.1 item it checks. */
export interface InvariantDef {
  statement: string;
  section: string;
  holds: Pred;
  witness: Pred;
}

/** Builds the invariant table for the given parameters. */
export function invariantDefs(params: BlcrParams): Record<string, InvariantDef> {
  return {
    versionGate: {
      section: '§5.1.2',
      statement: 'The requester issues CHKPT_REQ only on a control fd whose CR_OP_VERSION handshake succeeded.',
      holds: (s) => s.req === null || s.requester.versionOk,
      witness: (s) => s.req !== null || s.requester.result === -ERR.CR_EVERSION,
    },
    oneRequestPerFd: {
      section: '§5.1.3',
      statement: 'The requester\'s control fd holds a reference to its one checkpoint request exactly while that request is pending or readable.',
      holds: (s) => {
        const holding = s.requester.phase === 'pending' || s.requester.phase === 'readable';
        const ref = s.req !== null && !s.req.freed && s.req.requesterRef;
        return holding === ref && (!ref || s.requester.fdOpen);
      },
      witness: (s) => s.requester.phase === 'readable',
    },
    taskExclusivity: {
      section: '§5.1.4',
      statement: 'A task is a member only of the one live checkpoint request, under its own process\'s record.',
      holds: (s) => everyThread(s, (th, p) => {
        if (!th.member) return true;
        const req = liveRequest(s);
        return req !== null && recordOf(req, p) !== undefined;
      }),
      witness: (s) => someThread(s, (th) => th.member),
    },
    afterSignalOnce: {
      section: '§5.1.16',
      statement: 'A process receives at most one after-signal (TERM or STOP) per checkpoint, and none once it was SIGKILLed.',
      holds: (s) => s.procs.every((proc) => {
        const soft = proc.signals.filter((x) => x === 'TERM' || x === 'STOP').length;
        const kill = proc.signals.indexOf('KILL');
        return soft <= 1 && (kill < 0 || proc.signals.slice(kill).every((x) => x === 'KILL'));
      }),
      witness: (s) => s.procs.some((proc) => proc.signals.includes('STOP')),
    },
    forwardHygiene: {
      section: '§5.1.17',
      statement: 'CHKPT_FWD never re-adds a task of a process that already aborted or omitted itself from the request.',
      holds: (s) => s.req === null || !s.req.ghost.joinedAfterOmit,
      witness: (s) => s.req !== null && s.req.forwarded && s.req.ghost.omitted.length > 0,
    },
    registrationConsistent: {
      section: '§5.1.5',
      statement: 'A task counted as PHASE1 in a request is registered PHASE1, and only libcr\'s callback thread ever registers PHASE1.',
      holds: (s) => everyThread(s, (th) => (!th.p1 || th.phase === 1) && (th.phase !== 1 || th.callbackThread)),
      witness: (s) => someThread(s, (th) => th.p1 && th.member),
    },
    phaseOrdering: {
      section: '§5.1.6',
      statement: 'No non-PHASE1 task of a process is signalled while a PHASE1 task of that process still owes the phase barrier.',
      holds: (s) => s.procs.every((proc) => {
        const p1Owes = proc.threads.some((th) => th.member && th.p1 && th.step <= STEP.PHASE);
        return !p1Owes || proc.threads.every((th) => !th.member || th.p1 || !th.triggered);
      }),
      witness: (s) => s.procs.some((proc) => proc.threads.some((th) => th.member && th.p1 && th.step <= STEP.PHASE)
        && proc.threads.some((th) => th.member && !th.p1)),
    },
    csExclusion: {
      section: '§5.1.7/8',
      statement: 'While a thread of a process runs checkpoint callbacks (black lock), no other thread of it holds a critical section (red lock).',
      holds: (s) => s.procs.every((_proc, p) => blackCount(s, p) === 0 || redCount(s, p) === 0),
      witness: (s) => s.procs.some((_proc, p) => redCount(s, p) > 0 && s.procs[p]!.live > 0),
    },
    liveCountMatches: {
      section: '§5.1.9',
      statement: 'libcr\'s live_count of a process equals the number of its live threads that are PENDING or ACTIVE.',
      holds: (s) => s.procs.every((proc) => {
        const live = proc.threads.filter((th) => th.status === 'live' && th.libcr !== 'idle').length;
        return proc.live === live;
      }),
      witness: (s) => s.procs.some((proc) => proc.live >= 2),
    },
    barrierAccounting: {
      section: '§5.1.10',
      statement: 'Every barrier\'s remaining count equals the member tasks that still owe it, and each task\'s step lies in PRESHARED..DONE.',
      holds: (s) => {
        if (!everyThread(s, (th) => th.step >= 0 && th.step <= STEP.DONE)) return false;
        const req = liveRequest(s);
        if (req === null) return true;
        if (req.preshared !== owing(s, STEP.PRESHARED) || req.postdump !== owing(s, STEP.POSTDUMP)) return false;
        if (req.tasks !== owing(s, STEP.DONE)) return false;
        return req.procs.every((rec) => rec.phase === owing(s, STEP.PHASE, rec.proc, true)
          && rec.predump === owing(s, STEP.PREDUMP, rec.proc)
          && rec.vmadump === owing(s, STEP.VMADUMP, rec.proc)
          && rec.preComplete === owing(s, STEP.PRE_COMPLETE, rec.proc)
          && rec.postComplete === owing(s, STEP.POST_COMPLETE, rec.proc)
          && rec.tasks === owing(s, STEP.DONE, rec.proc));
      },
      witness: (s) => someThread(s, (th) => th.member && th.step === STEP.POST_COMPLETE + 1),
    },
    fileStructure: {
      section: '§5.1.11',
      statement: 'The context file has one header first, one trailer last, each process section once and contiguous, the leader\'s image before its peers\' registers.',
      holds: (s) => (s.req === null ? true : fileWellFormed(s.req.file)),
      witness: (s) => s.req !== null && s.req.file.includes('Trailer') && s.req.file.some((r) => r.startsWith('Regs')),
    },
    sharedStateQuiescent: {
      section: '§5.1.12',
      statement: 'Files and mmapped data are saved only while every task of the request has entered HAND_CHKPT (preshared barrier open).',
      holds: (s) => {
        const req = liveRequest(s);
        return req === null || !req.file.some((r) => r.startsWith('Files')) || req.preshared === 0;
      },
      witness: (s) => (s.req?.file.some((r) => r.startsWith('Files')) ?? false),
    },
    abortPropagation: {
      section: '§5.1.13',
      statement: 'Once a request\'s result is an error no task of it runs CONTINUE callbacks after a 0 return, and REAP returns that error.',
      holds: (s) => {
        const req = s.req;
        if (req === null) return true;
        if (req.result !== 0 && someThread(s, (th) => th.member && th.pc === 'continue')) return false;
        return s.requester.phase !== 'reaped' || req.result === 0 || s.requester.result === req.result;
      },
      witness: (s) => s.requester.phase === 'reaped' && (s.requester.result ?? 0) < 0,
    },
    tempFailureKillsNobody: {
      section: '§5.1.13',
      statement: 'A TEMP_FAILURE abort (with no PERM abort) kills no process: it only fails the request and clears the after-signal.',
      holds: (s) => s.req === null || !s.req.ghost.tempAbort || s.req.ghost.permAbort
        || (s.req.ghost.processesKilled.length === 0 && s.req.signal === 0),
      witness: (s) => s.req !== null && s.req.ghost.tempAbort && s.req.tasks === 0,
    },
    omitHonoured: {
      section: '§5.1.14',
      statement: 'A process marked omit before its section was written gets no section in the file and no after-signal.',
      holds: (s) => {
        const req = s.req;
        if (req === null) return true;
        return req.procs.every((rec) => !rec.omit || rec.headerDone
          || (!req.file.some((r) => r.startsWith(`ProcHeader p${rec.proc} `)) && !(s.procs[rec.proc]?.signals.includes('TERM') ?? false)));
      },
      witness: (s) => s.req !== null && s.req.procs.some((rec) => rec.omit) && s.req.tasks === 0,
    },
    completionHonest: {
      section: '§5.1.15',
      statement: 'The requester sees its fd readable, and REAP returns non-EAGAIN, only when the request\'s task set is empty.',
      holds: (s) => !(s.requester.phase === 'readable' || s.requester.phase === 'reaped')
        || (s.req !== null && s.req.tasks === 0),
      witness: (s) => s.requester.phase === 'readable',
    },
    afterSignalAtPreComplete: {
      section: '§5.1.16',
      statement: 'A process receives its after-signal only from the pre-complete once-action, after every one of its tasks reached PRE_COMPLETE.',
      holds: (s) => {
        const req = s.req;
        if (req === null) return true;
        return req.procs.every((rec) => !(s.procs[rec.proc]?.signals.some((x) => x === 'TERM') ?? false) || rec.preComplete === 0);
      },
      witness: (s) => s.procs.some((proc) => proc.signals.includes('TERM')),
    },
    stopRestored: {
      section: '§6.2.7',
      statement: 'The pre-complete once-action re-stops a process exactly when it is still group-stopped (stopped when the checkpoint reached it, and no SIGCONT since).',
      holds: (s) => s.req === null || !s.req.ghost.stopMismatch,
      witness: (s) => s.procs.some((proc) => proc.signals.includes('STOP')),
    },
    restartReadingOrder: {
      section: '§5.1.18',
      statement: 'RSTRT_PROCS hands out process sections once each in file order, and never the next one while the reader state is CHILD.',
      holds: (s) => {
        const r = s.restart;
        if (r === null) return true;
        if (r.procs.length > r.sections.length) return false;
        if (!r.procs.every((rp, i) => rp.source === r.sections[i]?.proc)) return false;
        const last = r.procs[r.procs.length - 1];
        return r.reader !== 'child' || (last !== undefined && last.threads.some((rt) => rt.pc === 'forked' || rt.pc === 'attached' || rt.pc === 'dead'));
      },
      witness: (s) => s.restart !== null && s.restart.procs.length >= 1 && s.restart.reader === 'done',
    },
    restartGate: {
      section: '§5.1.19',
      statement: 'No restored thread runs user code before every restored task notified the request barrier and the requester notified EOF (unless die).',
      holds: (s) => {
        const r = s.restart;
        if (r === null) return true;
        const running = r.procs.some((rp) => rp.threads.some((rt) => rt.pc === 'restarted' || rt.pc === 'done'));
        return !running || r.die || (r.barrier === 0 && !r.needProcs);
      },
      witness: (s) => s.restart !== null && s.restart.procs.some((rp) => rp.threads.some((rt) => rt.pc === 'restarted')),
    },
    restartAbort: {
      section: '§5.1.21',
      statement: 'A restart abort sets -CR_ERSTRTABRT and die, kills every restored process, and no after-signal follows it.',
      holds: (s) => {
        const r = s.restart;
        if (r === null || !r.aborted) return true;
        return r.result === -ERR.CR_ERSTRTABRT && r.die
          && r.procs.every((rp) => rp.threads.every((rt) => rt.pc === 'done' || rt.pc === 'dead'));
      },
      witness: (s) => s.restart !== null && s.restart.aborted,
    },
    restartSignalAfterCallbacks: {
      section: '§5.1.16 (restart side)',
      statement: 'A restored process receives its after-signal only after all its threads finished their RESTART callbacks (pre_complete).',
      holds: (s) => s.restart === null || s.restart.procs.every((rp) => !rp.signals.includes('TERM') || rp.preComplete === 0),
      witness: (s) => s.restart !== null && s.restart.procs.some((rp) => rp.signals.includes('TERM')),
    },
    requestLifetime: {
      section: '§5.1.22',
      statement: 'A request\'s reference count equals its requester fd, watchdog, member tasks and blocked OMIT callers, and it is freed only when that count is 0.',
      holds: (s) => {
        const req = s.req;
        if (req === null) return true;
        const omitWaiters = req.procs.reduce((n, rec) => n + rec.omitWaiters, 0);
        const refs = (req.requesterRef ? 1 : 0) + (req.watchdogRef ? 1 : 0) + req.tasks + omitWaiters;
        return req.freed ? refs === 0 && !someThread(s, (th) => th.member) : req.refcount === refs;
      },
      witness: (s) => s.req !== null && s.req.freed,
    },
    handDoneHold: {
      section: '§5.1.23',
      statement: 'A task blocks at post_complete after HAND_DONE only when its hold flags include CR_HOLD_CONT.',
      holds: (s) => params.hold === 'both' || !someThread(s, (th) => th.pc === 'hold'),
      witness: (s) => someThread(s, (th) => th.pc === 'hold' || (th.member && th.step === STEP.DONE)),
    },
    handDoneOnlyAfterSuccess: {
      section: '§2.8, §7',
      statement: 'libcr runs CONTINUE callbacks and calls HAND_DONE only after a non-negative HAND_CHKPT return.',
      holds: (s) => everyThread(s, (th) => (th.pc !== 'continue' && th.pc !== 'hold') || th.rc >= 0),
      witness: (s) => someThread(s, (th) => th.pc === 'hold'),
    },
    requestTimeoutHonoured: {
      section: '§6.2.1',
      statement: 'Once the cr_secs deadline passed with tasks outside the kernel, the request\'s result is an error (the documented error exit).',
      holds: (s) => s.req === null || !s.req.ghost.deadlinePassed || s.req.result !== 0,
      witness: (s) => s.req !== null && s.req.ghost.deadlinePassed,
    },
    handleKeptUntilReaped: {
      section: '§6.2.2',
      statement: 'The requester\'s handle stays open from CHKPT_REQ until a REAP returns the request\'s result (or the requester exits).',
      holds: (s) => s.requester.phase !== 'lost',
      witness: (s) => s.requester.earlyReapTried,
    },
    processSectionComplete: {
      section: '§6.2.4',
      statement: 'Each process section records every live thread of the process when its header is written.',
      holds: (s) => s.req === null || s.req.file.every((r) => {
        const m = /^ProcHeader p\d+ threads=(\d+) live=(\d+)$/.exec(r);
        return m === null || m[1] === m[2];
      }),
      witness: (s) => s.req !== null && s.req.file.some((r) => {
        const m = /^ProcHeader p0 threads=(\d+) live=(\d+)$/.exec(r);
        return m !== null && Number(m[1]) > params.threads && m[1] === m[2];
      }),
    },
  };
}

function fileWellFormed(file: readonly string[]): boolean {
  if (file.length === 0) return true;
  if (file[0] !== 'Header' || file.filter((r) => r === 'Header').length !== 1) return false;
  const trailers = file.filter((r) => r === 'Trailer').length;
  if (trailers > 1 || (trailers === 1 && file[file.length - 1] !== 'Trailer')) return false;
  const seen = new Set<string>();
  let current: string | null = null;
  for (const [i, r] of file.entries()) {
    if (i === 0) continue;
    if (r === 'Trailer') break;
    const proc = /p(\d+)/.exec(r)?.[1] ?? null;
    if (r.startsWith('ProcHeader')) {
      if (proc === null || seen.has(proc)) return false;
      seen.add(proc);
      current = proc;
      continue;
    }
    if (proc !== current) return false;
    if (r.startsWith('Regs') && !file.slice(0, i).includes(`Image p${proc}`)) return false;
  }
  return true;
}

/** The parameters under which each invariant's witness is reached (tests reach each one there). */
export const WITNESS_PARAMS: Record<string, Partial<Record<keyof BlcrParams, number | string | boolean>>> = {
  versionGate: {},
  oneRequestPerFd: {},
  taskExclusivity: {},
  afterSignalOnce: { stopped: true },
  forwardHygiene: { processes: 2, scope: 'pgrp', forward: true, abortKind: 'temp' },
  registrationConsistent: {},
  phaseOrdering: {},
  csExclusion: { criticalSections: true, callbacks: 'signal' },
  liveCountMatches: {},
  barrierAccounting: {},
  fileStructure: {},
  sharedStateQuiescent: {},
  abortPropagation: { abortKind: 'temp' },
  tempFailureKillsNobody: { abortKind: 'temp' },
  omitHonoured: { abortKind: 'omit' },
  completionHonest: {},
  afterSignalAtPreComplete: { afterSignal: 'term' },
  stopRestored: { stopped: true },
  restartReadingOrder: { restart: true },
  restartGate: { restart: true },
  restartAbort: { restart: true, restartFault: 'abort' },
  restartSignalAfterCallbacks: { restart: true, afterSignal: 'term' },
  requestLifetime: {},
  handDoneHold: {},
  handDoneOnlyAfterSuccess: {},
  requestTimeoutHonoured: { requestTimeout: true },
  handleKeptUntilReaped: { earlyReap: true },
  processSectionComplete: { threadCreate: true },
};
