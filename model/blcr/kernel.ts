/**
 * The kernel side of a checkpoint as pure helpers: building the request, adding tasks, triggers,
 * barrier notification with once-actions, `advance_to`, task deletion and reference counting
 * (cr_module/cr_chkpt_req.c, cr_dump_self.c, cr_barrier.c; research §2.2–2.4).
 */
import type { BlcrParams } from './params.js';
import type { BlcrState, ChkptRequest, ProcRecord, ThreadState } from './state.js';
import { threadAt, withProc, withThread } from './state.js';
import { recordOf } from './guards.js';

/** Step names (`cr_task.step`, the next synchronisation a task owes). */
export const STEP_NAMES = ['PRESHARED', 'PHASE', 'PREDUMP', 'VMADUMP', 'POSTDUMP', 'PRE_COMPLETE', 'POST_COMPLETE', 'DONE'] as const;
export const STEP = { PRESHARED: 0, PHASE: 1, PREDUMP: 2, VMADUMP: 3, POSTDUMP: 4, PRE_COMPLETE: 5, POST_COMPLETE: 6, DONE: 7 } as const;

/** Replaces the request (pure). */
export function withReq(s: BlcrState, f: (req: ChkptRequest) => ChkptRequest): BlcrState {
  if (s.req === null) throw new Error('blcr: no checkpoint request');
  return { ...s, req: f(s.req) };
}

/** Replaces the record of process `p` (pure). */
export function withRecord(s: BlcrState, p: number, f: (rec: ProcRecord) => ProcRecord): BlcrState {
  return withReq(s, (req) => ({ ...req, procs: req.procs.map((r) => (r.proc === p ? f(r) : r)) }));
}

/** The records of the context file (research §7), as the dump steps write them. */
export const fileRecord = {
  header: 'Header',
  procHeader: (p: number, members: number, live: number): string => `ProcHeader p${p} threads=${members} live=${live}`,
  image: (p: number): string => `Image p${p}`,
  regs: (p: number, t: number): string => `Regs p${p}t${t}`,
  mmaps: (p: number): string => `Mmaps p${p}`,
  files: (p: number): string => `Files p${p}`,
  trailer: 'Trailer',
} as const;

/** Appends a record to the context file. */
export function writeFile(s: BlcrState, record: string): BlcrState {
  return withReq(s, (req) => ({ ...req, file: [...req.file, record] }));
}

/** Which processes a scope names (pids, pgids and sids abstracted; research §7). */
export function scopeProcs(s: BlcrState, params: BlcrParams): number[] {
  const all = s.procs.map((_p, i) => i);
  switch (params.scope) {
    case 'proc': return [0];
    case 'pgrp': return all.filter((p) => s.procs[p]?.pgid === 0);
    case 'sess': case 'tree': return all;
  }
}

function emptyRecord(p: number): ProcRecord {
  return {
    proc: p, omit: false, tasks: 0, phase: 0, predump: 0, vmadump: 0, preComplete: 0, postComplete: 0,
    phaseTriggered: false, headerDone: false, imageDone: false, filesDone: false, preCompleteDone: false,
    omitWaiters: 0,
  };
}

/** `add_task`: the task joins the request, counted in every barrier it will owe. */
export function addTask(s: BlcrState, p: number, t: number): BlcrState {
  const th = threadAt(s, p, t);
  const p1 = th.phase === 1;
  let next = withThread(s, p, t, (x) => ({ ...x, member: true, step: 0, p1, triggered: false, rc: 0 }));
  next = withRecord(next, p, (rec) => ({
    ...rec,
    tasks: rec.tasks + 1,
    phase: rec.phase + (p1 ? 1 : 0),
    predump: rec.predump + 1,
    vmadump: rec.vmadump + 1,
    preComplete: rec.preComplete + 1,
    postComplete: rec.postComplete + 1,
  }));
  return withReq(next, (req) => ({
    ...req,
    tasks: req.tasks + 1,
    preshared: req.preshared + 1,
    postdump: req.postdump + 1,
    refcount: req.refcount + 1,
    ghost: {
      ...req.ghost,
      joinedAfterOmit: req.ghost.joinedAfterOmit || req.ghost.omitted.includes(p),
      joinedLate: req.ghost.joinedLate || req.preshared === 0,
    },
  }));
}

/** Adds a fresh per-process record. */
export function addRecord(s: BlcrState, p: number): BlcrState {
  return withReq(s, (req) => ({ ...req, procs: [...req.procs, emptyRecord(p)].sort((a, b) => a.proc - b.proc) }));
}

/** `do_trigger`: sends `CR_SIGNUM` to a member task and records whether it was stopped then (`cr_task->stopped`). */
export function trigger(s: BlcrState, p: number, t: number): BlcrState {
  const stopped = s.procs[p]?.jobStopped ?? false;
  return withThread(s, p, t, (th) => ({ ...th, triggered: true, sig: true, stopped }));
}

/** `cr_trigger_phase1` for one process: its PHASE1 tasks, or everyone when it has none. */
export function triggerPhase1(s: BlcrState, p: number): BlcrState {
  const threads = s.procs[p]?.threads ?? [];
  const hasP1 = threads.some((th) => th.member && th.p1);
  let next = s;
  threads.forEach((th, t) => {
    if (th.member && !th.triggered && (th.p1 || !hasP1)) next = trigger(next, p, t);
  });
  if (!hasP1) next = withRecord(next, p, (rec) => ({ ...rec, phaseTriggered: true }));
  return next;
}

/** The phase barrier's once-action: trigger every non-PHASE1 member of the process. */
function triggerPhase2(s: BlcrState, p: number): BlcrState {
  let next = withRecord(s, p, (rec) => ({ ...rec, phaseTriggered: true }));
  (s.procs[p]?.threads ?? []).forEach((th, t) => {
    if (th.member && !th.p1 && !th.triggered) next = trigger(next, p, t);
  });
  return next;
}

/**
 * SIGKILL (or a SEGV) takes a whole process: every live thread dies; member tasks stay for the
 * watchdog. A dead thread keeps the libcr state it died in, so the watchdog's log (and bug 2318)
 * can tell a death inside a callback from one elsewhere.
 */
export function killProcess(s: BlcrState, p: number): BlcrState {
  return withProc(s, p, (proc) => ({
    ...proc,
    live: 0,
    threads: proc.threads.map((th) => (th.status === 'live'
      ? { ...th, status: 'dead' as const, pc: 'gone' as const, cs: 0 as const, sig: false }
      : th)),
  }));
}

/**
 * The pre_complete once-action (cr_signal_chkpt_complete_barrier), run by the task `t` that
 * completes the barrier: close tmp_fd; SIGKILL if die, else the after-signal, else SIGSTOP when
 * that task was stopped at its own trigger (0.8.6) or the process is still group-stopped (proposal).
 */
export function preCompleteAction(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  const req = s.req;
  const rec = req === null ? undefined : recordOf(req, p);
  if (req === null || rec === undefined || rec.preCompleteDone) return s;
  let next = withRecord(s, p, (r) => ({ ...r, preCompleteDone: true }));
  if (req.die) {
    next = withProc(next, p, (proc) => ({ ...proc, signals: [...proc.signals, 'KILL'] }));
    next = withReq(next, (r) => ({ ...r, ghost: { ...r.ghost, processesKilled: [...r.ghost.processesKilled, p] } }));
    return killProcess(next, p);
  }
  if (req.signal > 0 && !rec.omit) return sendAfterSignal(next, p);
  const groupStopped = s.procs[p]?.jobStopped ?? false;
  const stop = params.stopDecision === 'lastThread' ? threadAt(s, p, t).stopped : groupStopped;
  if (stop !== groupStopped) next = withReq(next, (r) => ({ ...r, ghost: { ...r.ghost, stopMismatch: true } }));
  if (!stop) return next;
  return withProc(next, p, (proc) => ({ ...proc, signals: [...proc.signals, 'STOP'], jobStopped: true }));
}

/** Delivers the requested after-signal (TERM) to process `p` (its effect on the process is abstracted). */
export function sendAfterSignal(s: BlcrState, p: number): BlcrState {
  return withProc(s, p, (proc) => ({ ...proc, signals: [...proc.signals, 'TERM'] }));
}

/** Notify the barrier of the step the task is leaving; run the barrier's once-action. */
export function notify(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  const th = threadAt(s, p, t);
  const step = th.step;
  let next = withThread(s, p, t, (x) => ({ ...x, step: step + 1 }));
  switch (step) {
    case STEP.PRESHARED:
      return withReq(next, (req) => ({ ...req, preshared: req.preshared - 1, expiration: req.preshared - 1 === 0 ? false : req.expiration }));
    case STEP.PHASE: {
      if (!th.p1) return next;
      next = withRecord(next, p, (rec) => ({ ...rec, phase: rec.phase - 1 }));
      const rec = next.req === null ? undefined : recordOf(next.req, p);
      return rec !== undefined && rec.phase === 0 && !rec.phaseTriggered ? triggerPhase2(next, p) : next;
    }
    case STEP.PREDUMP: return withRecord(next, p, (rec) => ({ ...rec, predump: rec.predump - 1 }));
    case STEP.VMADUMP: return withRecord(next, p, (rec) => ({ ...rec, vmadump: rec.vmadump - 1 }));
    case STEP.POSTDUMP: return withReq(next, (req) => ({ ...req, postdump: req.postdump - 1 }));
    case STEP.PRE_COMPLETE: {
      next = withRecord(next, p, (rec) => ({ ...rec, preComplete: rec.preComplete - 1 }));
      const rec = next.req === null ? undefined : recordOf(next.req, p);
      return rec !== undefined && rec.preComplete === 0 ? preCompleteAction(next, p, t, params) : next;
    }
    case STEP.POST_COMPLETE: return withRecord(next, p, (rec) => ({ ...rec, postComplete: rec.postComplete - 1 }));
    default: throw new Error(`blcr: notify past DONE for p${p}t${t}`);
  }
}

/** `advance_to(target)`: signal every barrier the task still owes before `target`. */
export function advanceTo(s: BlcrState, p: number, t: number, target: number, params: BlcrParams): BlcrState {
  let next = s;
  while (threadAt(next, p, t).step < target) next = notify(next, p, t, params);
  return next;
}

/** Drops one reference; the request is freed when none is left. */
export function put(req: ChkptRequest): ChkptRequest {
  const refcount = req.refcount - 1;
  return { ...req, refcount, freed: refcount <= 0 ? true : req.freed };
}

/** Removes a task from the request (it must have paid its barriers); drops its reference. */
export function deleteTask(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  let next = withThread(s, p, t, (th): ThreadState => ({ ...th, member: false, step: 0, p1: false, triggered: false, sig: false }));
  next = withRecord(next, p, (rec) => ({ ...rec, tasks: rec.tasks - 1 }));
  next = withReq(next, (req) => put({ ...req, tasks: req.tasks - 1 }));
  return releaseRecord(next, p, params);
}

/**
 * `release_proc_req`: 0.8.6 frees a process's record once no task and no OMIT waiter holds it,
 * and its omit mark with it (`omitMark=freed`); the proposal keeps the record, mark included.
 */
export function releaseRecord(s: BlcrState, p: number, params: BlcrParams): BlcrState {
  const rec = s.req === null ? undefined : recordOf(s.req, p);
  if (params.omitMark !== 'freed' || rec === undefined || rec.tasks > 0 || rec.omitWaiters > 0) return s;
  return withReq(s, (req) => ({ ...req, procs: req.procs.filter((r) => r.proc !== p) }));
}

/** The request a `CHKPT_REQ` builds, before tasks are added. */
export function emptyRequest(params: BlcrParams): ChkptRequest {
  return {
    freed: false, procs: [], tasks: 0, preshared: 0, postdump: 0, result: 0, die: false,
    signal: params.afterSignal === 'term' ? 15 : 0, completed: 0, expiration: params.requestTimeout,
    refcount: 2, requesterRef: true, watchdogRef: true, destOwner: -1, trailer: false, file: [],
    forwarded: false, aborted: false,
    ghost: {
      omitted: [], joinedAfterOmit: false, joinedLate: false, deadlinePassed: false, tempAbort: false,
      permAbort: false, earlySignal: false, usedAfterFree: false, returnedZeroAfterFailure: false,
      processesKilled: [], stopMismatch: false,
    },
  };
}

/** `build_req` + `cr_trigger_phase1` for the scope; processes with no live thread are skipped. */
export function buildRequest(s: BlcrState, params: BlcrParams): BlcrState {
  let next: BlcrState = { ...s, req: emptyRequest(params) };
  for (const p of scopeProcs(s, params)) next = addProcess(next, p);
  for (const rec of next.req?.procs ?? []) next = triggerPhase1(next, rec.proc);
  return next;
}

/** Adds a process's live threads under a fresh record (no trigger). */
export function addProcess(s: BlcrState, p: number): BlcrState {
  const proc = s.procs[p];
  if (proc === undefined || !proc.threads.some((th) => th.status === 'live')) return s;
  let next = addRecord(s, p);
  proc.threads.forEach((th, t) => {
    if (th.status === 'live') next = addTask(next, p, t);
  });
  return next;
}
