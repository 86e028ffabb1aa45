/**
 * The BLCR state: target processes and their threads (user-side libcr state and kernel task
 * record together), the checkpoint requester and its kernel request object, and the restart side.
 * Plain readonly JSON: no classes, no Map or Set (STYLE.md 2).
 */
import type { BlcrParams } from './params.js';
import { hasThreadCallbacks } from './params.js';

/** Where a thread is, in user space or inside an ioctl. */
export type Pc =
  | 'run'       // ordinary user code (or libcr's callback thread between SUSP calls)
  | 'susp'      // blocked in CR_OP_HAND_SUSP
  | 'waitReq'   // the self-requesting thread blocked in cr_wait_checkpoint (select)
  | 'handler'   // ACTIVE: running the CHECKPOINT parts of its callbacks
  | 'hung'      // a callback that never calls cr_checkpoint (fault)
  | 'kernel'    // inside CR_OP_HAND_CHKPT (or completing in the kernel after a failure)
  | 'continue'  // HAND_CHKPT returned >= 0: CONTINUE parts of the callbacks
  | 'hold'      // inside CR_OP_HAND_DONE, waiting at post_complete
  | 'omitWait'  // inside CR_OP_HAND_ABORT(OMIT), waiting for the predump barrier
  | 'gone';     // dead, exec'd or not yet born

/**
 * libcr's per-thread state (`cr_status()`), research §2.6, plus `fast`: a thread without libcr
 * thread info (never called `cr_init`, so unregistered) handled by the no-callback fast path
 * (`live++`, `HAND_CHKPT(0)`, no black lock).
 */
export type LibcrState = 'idle' | 'pending' | 'active' | 'fast';

/** Signals the model delivers to a target: the after-signal TERM, KILL, and the re-stop STOP. */
export type SignalName = 'TERM' | 'KILL' | 'STOP';

/** A Linux task as BLCR sees it. */
export interface ThreadState {
  readonly status: 'live' | 'dead' | 'execd' | 'unborn';
  /** Kernel registration: 0 none (undeclared), 1 PHASE1, 2 PHASE2. */
  readonly phase: 0 | 1 | 2;
  /** libcr's callback thread (the one that registers PHASE1 and loops in SUSP). */
  readonly callbackThread: boolean;
  /** Has registered callbacks it runs when checkpointed. */
  readonly callbacks: boolean;
  readonly pc: Pc;
  readonly libcr: LibcrState;
  /** Critical-section depth (0 or 1: nesting adds nothing the model needs). */
  readonly cs: 0 | 1;
  /** CR_SIGNUM sent and not yet delivered. */
  readonly sig: boolean;
  /** Callbacks will run for this handling (false: libcr's no-callback fast path). */
  readonly runCallbacks: boolean;
  /** Member of the checkpoint request (`task->chkpt_req`). */
  readonly member: boolean;
  /** `cr_task.step`: the next synchronisation owed, PRESHARED 0 … DONE 7. */
  readonly step: number;
  /** Counted as a PHASE1 task in the request. */
  readonly p1: boolean;
  /** The kernel has sent this task its trigger in the current request. */
  readonly triggered: boolean;
  /** Last value HAND_CHKPT / HAND_ABORT returned to libcr (0 continue, < 0 error). */
  readonly rc: number;
  /** `cr_task->stopped`: the task was TASK_STOPPED when the kernel sent it its trigger (do_trigger). */
  readonly stopped: boolean;
}

/** A target process (thread group). */
export interface ProcState {
  readonly pgid: number;
  readonly threads: readonly ThreadState[];
  /** libcr's `live_count`. */
  readonly live: number;
  /** After-signals received, in order. */
  readonly signals: readonly SignalName[];
  /** In a group stop (SIGSTOP, not yet SIGCONT): its threads are TASK_STOPPED until a signal wakes them. */
  readonly jobStopped: boolean;
}

/** The per-process record `cr_chkpt_proc_req_t`, with its five barriers as remaining counts. */
export interface ProcRecord {
  readonly proc: number;
  readonly omit: boolean;
  readonly tasks: number;
  readonly phase: number;
  readonly predump: number;
  readonly vmadump: number;
  readonly preComplete: number;
  readonly postComplete: number;
  readonly phaseTriggered: boolean;
  readonly headerDone: boolean;
  readonly imageDone: boolean;
  readonly filesDone: boolean;
  readonly preCompleteDone: boolean;
  readonly omitWaiters: number;
}

/** The checkpoint request `cr_chkpt_req_t`. */
export interface ChkptRequest {
  readonly freed: boolean;
  readonly procs: readonly ProcRecord[];
  readonly tasks: number;
  readonly preshared: number;
  readonly postdump: number;
  readonly result: number;
  readonly die: boolean;
  /** After-signal number (15 for TERM) or 0. */
  readonly signal: number;
  readonly completed: number;
  readonly expiration: boolean;
  readonly refcount: number;
  readonly requesterRef: boolean;
  readonly watchdogRef: boolean;
  /** The process holding the shared-destination mutex, or -1. */
  readonly destOwner: number;
  readonly trailer: boolean;
  /** The context file as an ordered record log (research §7). */
  readonly file: readonly string[];
  /** Fault and feature budgets used (one of each per run keeps the graph small). */
  readonly forwarded: boolean;
  readonly aborted: boolean;
  /** History (ghost) facts the invariants read. */
  readonly ghost: {
    readonly omitted: readonly number[];
    readonly joinedAfterOmit: boolean;
    readonly joinedLate: boolean;
    readonly deadlinePassed: boolean;
    readonly tempAbort: boolean;
    readonly permAbort: boolean;
    readonly earlySignal: boolean;
    readonly usedAfterFree: boolean;
    readonly returnedZeroAfterFailure: boolean;
    readonly processesKilled: readonly number[];
    /** A pre-complete once-action re-stopped a process the user had continued, or left a stopped one running. */
    readonly stopMismatch: boolean;
  };
}

/** The checkpoint requester's lifecycle (research §2.1). */
export interface Requester {
  readonly phase: 'closed' | 'idle' | 'pending' | 'readable' | 'reaped' | 'failed' | 'gone' | 'lost';
  readonly fdOpen: boolean;
  readonly versionOk: boolean;
  readonly earlyReapTried: boolean;
  readonly logRead: boolean;
  /** CHKPT_REAP's (or CHKPT_REQ's) final result, once known. */
  readonly result: number | null;
}

/** A restored thread (research §2.10). */
export interface RThread {
  readonly pc: 'forked' | 'attached' | 'gate' | 'restarted' | 'done' | 'dead';
}

/** A restored process `cr_rstrt_proc_req_t`. */
export interface RProc {
  readonly source: number;
  readonly threads: readonly RThread[];
  readonly preVmadump: number;
  readonly preComplete: number;
  readonly imageDone: boolean;
  readonly filesDone: boolean;
  readonly signals: readonly SignalName[];
}

/** The restart request `cr_rstrt_req_t` plus `cr_restart`'s own phase. */
export interface RestartState {
  readonly phase: 'idle' | 'awaitProcs' | 'waiting' | 'readable' | 'reaped' | 'failed';
  readonly reader: 'requester' | 'child' | 'done';
  readonly sections: readonly { proc: number; threads: number }[];
  readonly procs: readonly RProc[];
  /** Request barrier: attached tasks not yet notified, plus 1 for the requester's EOF. */
  readonly barrier: number;
  readonly needProcs: boolean;
  readonly die: boolean;
  readonly result: number;
  readonly tasks: number;
  readonly aborted: boolean;
  readonly childDied: boolean;
  readonly ghost: { readonly termAfterFailure: boolean; readonly signalBeforeCallbacks: boolean };
}

/** The whole model state. */
export interface BlcrState {
  readonly procs: readonly ProcState[];
  readonly requester: Requester;
  readonly req: ChkptRequest | null;
  readonly restart: RestartState | null;
  /** One target fault per run (die/exec); bounds the graph. */
  readonly faultUsed: boolean;
}

/** BLCR error numbers (research §1.2) and the Linux errnos the model returns. */
export const ERR = {
  CR_ETEMPFAIL: 2354,
  CR_EPERMFAIL: 2355,
  CR_ENOSUPPORT: 2356,
  CR_EVERSION: 2357,
  CR_EOMITTED: 2358,
  CR_ERSTRTABRT: 2362,
  ESRCH: 3,
  EINTR: 4,
  EAGAIN: 11,
  EDEADLK: 35,
  ETIMEDOUT: 110,
} as const;

/** Process group of process `p`: processes 0 and 1 share pgrp 0, the rest are in pgrp 1. */
export function pgidOf(p: number): number {
  return p <= 1 ? 0 : 1;
}

/**
 * Slot of libcr's callback thread (the last declared thread: libcr creates it with
 * pthread_create on the first thread-context registration), or -1 without thread callbacks.
 * Slot 0 is always the main thread, the thread-group leader.
 */
export function callbackThreadSlot(params: BlcrParams): number {
  return hasThreadCallbacks(params) ? params.threads - 1 : -1;
}

/** The thread-group leader (`thread_group_leader`), the one that dumps and thaws the memory image. */
export function isGroupLeader(t: number): boolean {
  return t === 0;
}

/** A fresh, unregistered thread. */
export function initialThread(params: BlcrParams, t: number, unborn: boolean): ThreadState {
  const hasSignalCb = params.callbacks === 'signal' || params.callbacks === 'both';
  const callbackThread = t === callbackThreadSlot(params) && !unborn;
  return {
    status: unborn ? 'unborn' : 'live',
    phase: 0,
    callbackThread,
    callbacks: callbackThread ? true : !unborn && hasSignalCb,
    pc: unborn ? 'gone' : 'run',
    libcr: 'idle',
    cs: 0,
    sig: false,
    runCallbacks: false,
    member: false,
    step: 0,
    p1: false,
    triggered: false,
    rc: 0,
    stopped: false,
  };
}

/** The initial state: every target alive and unregistered, the requester with a closed fd. */
export function initialState(params: BlcrParams): BlcrState {
  const procs: ProcState[] = [];
  for (let p = 0; p < params.processes; p++) {
    const threads: ThreadState[] = [];
    for (let t = 0; t < params.threads; t++) threads.push(initialThread(params, t, false));
    if (params.threadCreate && p === 0) threads.push(initialThread(params, params.threads, true));
    procs.push({ pgid: pgidOf(p), threads, live: 0, signals: [], jobStopped: params.stopped && p === 0 });
  }
  return {
    procs,
    requester: { phase: 'closed', fdOpen: false, versionOk: false, earlyReapTried: false, logRead: false, result: null },
    req: null,
    restart: params.restart ? initialRestart() : null,
    faultUsed: false,
  };
}

/** The restart side before `RSTRT_REQ`. */
export function initialRestart(): RestartState {
  return {
    phase: 'idle', reader: 'requester', sections: [], procs: [], barrier: 0, needProcs: false,
    die: false, result: 0, tasks: 0, aborted: false, childDied: false,
    ghost: { termAfterFailure: false, signalBeforeCallbacks: false },
  };
}

/** Actor name of a target thread: `p0t1`. */
export function threadName(p: number, t: number): string {
  return `p${p}t${t}`;
}

/** Actor name of a restored thread: `r0t1` (restored process index, thread). */
export function restoredName(p: number, t: number): string {
  return `r${p}t${t}`;
}

/** The self-requesting thread: the last application thread of process 0 (never libcr's callback thread). */
export function selfRequestThread(params: BlcrParams): number {
  return hasThreadCallbacks(params) ? params.threads - 2 : params.threads - 1;
}

/** Replaces one thread (pure). */
export function withThread(s: BlcrState, p: number, t: number, f: (th: ThreadState) => ThreadState): BlcrState {
  return withProc(s, p, (proc) => ({ ...proc, threads: proc.threads.map((th, i) => (i === t ? f(th) : th)) }));
}

/** Replaces one process (pure). */
export function withProc(s: BlcrState, p: number, f: (proc: ProcState) => ProcState): BlcrState {
  return { ...s, procs: s.procs.map((proc, i) => (i === p ? f(proc) : proc)) };
}

/** Looks up a thread; the caller has checked the indices. */
export function threadAt(s: BlcrState, p: number, t: number): ThreadState {
  const th = s.procs[p]?.threads[t];
  if (th === undefined) throw new Error(`blcr: no thread p${p}t${t}`);
  return th;
}

/** Looks up a process. */
export function procAt(s: BlcrState, p: number): ProcState {
  const proc = s.procs[p];
  if (proc === undefined) throw new Error(`blcr: no process p${p}`);
  return proc;
}
