/**
 * The BLCR action union: one action type per real operation (ioctl, signal, libcr call, kernel
 * wait, watchdog pass, fault), and `enabledActions`, which lists them in a deterministic order.
 */
import type { IoctlOp } from './ioctl.js';
import type { BlcrParams } from './params.js';
import type { BlcrState } from './state.js';
import { restoredName, threadName } from './state.js';
import * as g from './guards.js';

/** A thread-level action names its process and thread. */
interface At { readonly p: number; readonly t: number }

export type BlcrAction =
  /** `CR_OP_VERSION`: the requester's handshake on a fresh control fd (cri_connect_token). */
  | { readonly type: 'Version' }
  /** `CR_OP_CHKPT_REQ`: build the request and send the Phase-1 triggers (cr_chkpt_req.c). */
  | { readonly type: 'ChkptReq' }
  /** `CR_OP_CHKPT_REAP` before the request is done: `-EAGAIN` (libcr may then close the fd). */
  | { readonly type: 'ChkptReapEarly' }
  /** `select()` on the control fd returns readable (the last task left the request). */
  | { readonly type: 'ChkptPoll' }
  /** `CR_OP_CHKPT_LOG`: read the request's log (size, then copy). */
  | { readonly type: 'ChkptLog' }
  /** `CR_OP_CHKPT_REAP` on a done request: returns the result and drops the fd's reference. */
  | { readonly type: 'ChkptReap' }
  /** Fault: the requester exits; closing the fd drops its reference, the checkpoint continues. */
  | { readonly type: 'RequesterDies' }
  /** `CR_OP_HAND_PHASE1`: libcr's callback thread registers (cr_async.c). */
  | ({ readonly type: 'HandPhase1' } & At)
  /** `CR_OP_HAND_PHASE2`: a thread registers in `cr_init()`. */
  | ({ readonly type: 'HandPhase2' } & At)
  /** `CR_OP_HAND_SUSP(NULL)`: the callback thread blocks until a request, signal or timeout. */
  | ({ readonly type: 'HandSuspend' } & At)
  /** Fault: `HAND_SUSP` with a timeval times out and returns 0 (spurious wake-up path). */
  | ({ readonly type: 'SuspTimeout' } & At)
  /** `CR_SIGNUM` delivered: libcr's handler marks the thread PENDING (`live++`). */
  | ({ readonly type: 'DeliverSignal' } & At)
  /** The PENDING thread takes the black lock (no red holder) and becomes ACTIVE. */
  | ({ readonly type: 'StartCallbacks' } & At)
  /** `CR_OP_HAND_CHKPT`: innermost `cr_checkpoint(0)` enters the kernel (cr_dump_self.c). */
  | ({ readonly type: 'HandCheckpoint' } & At)
  /** One synchronisation step inside `HAND_CHKPT`: the barrier it waited on opened. */
  | ({ readonly type: 'ChkptStep'; readonly wait: ChkptWait } & At)
  /** `CR_OP_HAND_ABORT(flags)`: a callback aborts with TEMP, PERM or OMIT (cr_chkpt_abort). */
  | ({ readonly type: 'HandAbort'; readonly kind: 'temp' | 'perm' | 'omit' } & At)
  /** `HAND_ABORT(OMIT)` returns `-CR_EOMITTED` once the process's predump barrier opened. */
  | ({ readonly type: 'OmitRelease' } & At)
  /** `CR_OP_CHKPT_FWD`: a callback forwards the checkpoint to the last process (do_chkpt_fwd). */
  | ({ readonly type: 'ChkptForward' } & At)
  /** Fault: a callback never calls `cr_checkpoint` (expected real counterexample). */
  | ({ readonly type: 'CallbackHangs' } & At)
  /** `CR_OP_HAND_DONE(hold)`: CONTINUE callbacks finished; pre/post_complete (task_complete). */
  | ({ readonly type: 'HandDone' } & At)
  /** `HAND_DONE` (or the kernel's own completion) leaves post_complete; task deleted. */
  | ({ readonly type: 'HoldRelease' } & At)
  /** `cr_enter_cs`: outermost entry into a critical section (red lock). */
  | ({ readonly type: 'EnterCs' } & At)
  /** `cr_leave_cs`: leaves the critical section; a deferred checkpoint may now start. */
  | ({ readonly type: 'LeaveCs' } & At)
  /** Fault: a thread `clone()`s a new thread (slot `t`), possibly mid-checkpoint. */
  | ({ readonly type: 'CloneThread'; readonly by: number } & At)
  /** Fault: the process SEGVs / exits mid-checkpoint. */
  | { readonly type: 'ProcessDies'; readonly p: number }
  /** Fault: the process `exec()`s mid-checkpoint. */
  | { readonly type: 'ProcessExecs'; readonly p: number }
  /** Fault: the user sends SIGCONT to the group-stopped process (`kill -CONT`), mid-checkpoint included. */
  | { readonly type: 'SigCont'; readonly p: number }
  /** Watchdog: advance (`advance_to(DONE)`) and delete dead or exec'd member tasks. */
  | { readonly type: 'WatchdogScan' }
  /** Watchdog: the request has no tasks left; drop the watchdog's reference. */
  | { readonly type: 'WatchdogRetire' }
  /** Watchdog: the `cr_secs` deadline passed with tasks outside the kernel. */
  | { readonly type: 'RequestTimeout' }
  /** `CR_OP_RSTRT_REQ`: cr_restart opens the context file and asks for a restart. */
  | { readonly type: 'RstrtReq' }
  /** `CR_OP_RSTRT_PROCS`: the next process section (returns 1) or the trailer (returns 0). */
  | { readonly type: 'RstrtProcs' }
  /** `CR_OP_RSTRT_CHILD`: a forked child thread attaches and notifies pre_vmadump. */
  | ({ readonly type: 'RstrtChild' } & At)
  /** Inside `RSTRT_CHILD`: thaw the image (leader) or registers, files once, notify the barrier. */
  | ({ readonly type: 'RstrtRestore' } & At)
  /** The request barrier opened: the frozen `HAND_CHKPT` returns the pid of cr_restart (> 0). */
  | ({ readonly type: 'RstrtResume' } & At)
  /** `CR_OP_HAND_DONE` after the RESTART callbacks: pre_complete, delete. */
  | ({ readonly type: 'RstrtDone' } & At)
  /** Fault: `CR_OP_HAND_ABORT` in a RESTART callback: -CR_ERSTRTABRT, die, kill every restored process. */
  | ({ readonly type: 'RstrtAbort' } & At)
  /** Fault: a forked restart child dies before `RSTRT_CHILD`. */
  | { readonly type: 'ChildDies'; readonly p: number }
  /** The child's SIGCHLD interrupts `CR_OP_RSTRT_PROCS` (-EINTR): libcr fails the request, cr_restart exits. */
  | { readonly type: 'RstrtInterrupted' }
  /** cr_restart's `poll` finds the restart done. */
  | { readonly type: 'RstrtPoll' }
  /** `CR_OP_RSTRT_REAP`: returns the leader's tgid or the error. */
  | { readonly type: 'RstrtReap' };

export type BlcrActionType = BlcrAction['type'];

/** The barrier a task inside `HAND_CHKPT` waits on, by its step (research §2.4). */
export type ChkptWait = 'phase' | 'predump' | 'vmadump' | 'postdump';

/** The wait of a task at `step` inside HAND_CHKPT, or null when it waits on nothing there. */
export function waitAt(step: number): ChkptWait | null {
  switch (step) {
    case 2: return 'phase';
    case 3: return 'predump';
    case 4: return 'vmadump';
    case 5: return 'postdump';
    default: return null;
  }
}

/** The ioctl each action models (null: a signal, a libcr-internal step, a fault or the watchdog). */
export const ACTION_OPS: Readonly<Record<BlcrActionType, IoctlOp | null>> = {
  Version: 'CR_OP_VERSION',
  ChkptReq: 'CR_OP_CHKPT_REQ',
  ChkptReapEarly: 'CR_OP_CHKPT_REAP',
  ChkptPoll: null,
  ChkptLog: 'CR_OP_CHKPT_LOG',
  ChkptReap: 'CR_OP_CHKPT_REAP',
  RequesterDies: null,
  HandPhase1: 'CR_OP_HAND_PHASE1',
  HandPhase2: 'CR_OP_HAND_PHASE2',
  HandSuspend: 'CR_OP_HAND_SUSP',
  SuspTimeout: 'CR_OP_HAND_SUSP',
  DeliverSignal: null,
  StartCallbacks: null,
  HandCheckpoint: 'CR_OP_HAND_CHKPT',
  ChkptStep: 'CR_OP_HAND_CHKPT',
  HandAbort: 'CR_OP_HAND_ABORT',
  OmitRelease: 'CR_OP_HAND_ABORT',
  ChkptForward: 'CR_OP_CHKPT_FWD',
  CallbackHangs: null,
  HandDone: 'CR_OP_HAND_DONE',
  HoldRelease: 'CR_OP_HAND_DONE',
  EnterCs: null,
  LeaveCs: null,
  CloneThread: null,
  ProcessDies: null,
  ProcessExecs: null,
  SigCont: null,
  WatchdogScan: null,
  WatchdogRetire: null,
  RequestTimeout: null,
  RstrtReq: 'CR_OP_RSTRT_REQ',
  RstrtProcs: 'CR_OP_RSTRT_PROCS',
  RstrtChild: 'CR_OP_RSTRT_CHILD',
  RstrtRestore: 'CR_OP_RSTRT_CHILD',
  RstrtResume: 'CR_OP_RSTRT_CHILD',
  RstrtDone: 'CR_OP_HAND_DONE',
  RstrtAbort: 'CR_OP_HAND_ABORT',
  ChildDies: null,
  RstrtInterrupted: 'CR_OP_RSTRT_PROCS',
  RstrtPoll: null,
  RstrtReap: 'CR_OP_RSTRT_REAP',
};

/** Every action type (ACTION_OPS has one entry each), so coverage can name those never enabled. */
export const BLCR_ACTION_TYPES = Object.keys(ACTION_OPS) as readonly BlcrActionType[];

const FAULTS: ReadonlySet<BlcrActionType> = new Set<BlcrActionType>([
  'RequesterDies', 'SuspTimeout', 'HandAbort', 'CallbackHangs', 'CloneThread', 'ProcessDies',
  'ProcessExecs', 'SigCont', 'RequestTimeout', 'ChkptReapEarly', 'RstrtAbort', 'ChildDies',
]);

/** Fault actions are sampled rarely by the simulator. */
export function isFault(a: BlcrAction): boolean {
  return FAULTS.has(a.type);
}

/** Who performs the action: `requester`, `p0t1`, `p0`, `kernel`, `watchdog`, `user`, `restarter`, `r0t1`. */
export function actorOf(a: BlcrAction): string {
  switch (a.type) {
    case 'Version': case 'ChkptReq': case 'ChkptReapEarly': case 'ChkptPoll': case 'ChkptLog':
    case 'ChkptReap': case 'RequesterDies':
      return 'requester';
    case 'WatchdogScan': case 'WatchdogRetire': case 'RequestTimeout':
      return 'watchdog';
    case 'DeliverSignal':
      // The kernel delivers CR_SIGNUM (fairness F4: a pending signal to a live, unblocked
      // thread is eventually delivered, whatever else the thread does).
      return 'kernel';
    case 'ProcessDies': case 'ProcessExecs':
      return `p${a.p}`;
    case 'SigCont':
      return 'user';
    case 'CloneThread':
      return threadName(a.p, a.by);
    case 'RstrtReq': case 'RstrtProcs': case 'RstrtInterrupted': case 'RstrtPoll': case 'RstrtReap':
      return 'restarter';
    case 'ChildDies':
      return `r${a.p}`;
    case 'RstrtChild': case 'RstrtRestore': case 'RstrtResume': case 'RstrtDone': case 'RstrtAbort':
      return restoredName(a.p, a.t);
    default:
      return threadName(a.p, a.t);
  }
}

/** `HandSuspend CR_OP_HAND_SUSP p0t0`; kind or step added where it matters. */
export function labelOf(a: BlcrAction): string {
  const op = ACTION_OPS[a.type];
  const parts: string[] = [a.type];
  if (op !== null) parts.push(op);
  if (a.type === 'DeliverSignal') parts.push('CR_SIGNUM');
  if (a.type === 'DeliverSignal') parts.push(threadName(a.p, a.t));
  if (a.type === 'ChkptStep') parts.push(a.wait);
  if (a.type === 'HandAbort') parts.push(a.kind.toUpperCase());
  if (a.type === 'CloneThread') parts.push(`new=${threadName(a.p, a.t)}`);
  if (a.type === 'SigCont') parts.push(`p${a.p}`);
  if (a.type !== 'DeliverSignal') parts.push(actorOf(a));
  return parts.join(' ');
}

const THREAD_ACTIONS = [
  'HandPhase1', 'HandPhase2', 'HandSuspend', 'SuspTimeout', 'DeliverSignal', 'StartCallbacks',
  'HandCheckpoint', 'ChkptStep', 'HandAbort', 'OmitRelease', 'ChkptForward', 'CallbackHangs',
  'HandDone', 'HoldRelease', 'EnterCs', 'LeaveCs',
] as const;

/** Every enabled action of `s`, in a fixed order: requester, threads, faults, watchdog, restart. */
export function enabledActions(params: BlcrParams, s: BlcrState): BlcrAction[] {
  const out: BlcrAction[] = [];
  const requesterActions: BlcrAction[] = [
    { type: 'Version' }, { type: 'ChkptReq' }, { type: 'ChkptReapEarly' }, { type: 'ChkptPoll' },
    { type: 'ChkptLog' }, { type: 'ChkptReap' }, { type: 'RequesterDies' },
  ];
  for (const a of requesterActions) if (g.isEnabled(s, params, a)) out.push(a);
  s.procs.forEach((proc, p) => {
    proc.threads.forEach((th, t) => {
      for (const type of THREAD_ACTIONS) {
        if (type === 'HandAbort') {
          if (params.abortKind !== 'none') {
            const a: BlcrAction = { type, kind: params.abortKind, p, t };
            if (g.isEnabled(s, params, a)) out.push(a);
          }
          continue;
        }
        if (type === 'ChkptStep') {
          const wait = waitAt(th.step);
          if (wait !== null) {
            const a: BlcrAction = { type, wait, p, t };
            if (g.isEnabled(s, params, a)) out.push(a);
          }
          continue;
        }
        const a = { type, p, t } as BlcrAction;
        if (g.isEnabled(s, params, a)) out.push(a);
      }
    });
    proc.threads.forEach((_th, t) => {
      proc.threads.forEach((_by, by) => {
        const a: BlcrAction = { type: 'CloneThread', p, t, by };
        if (g.isEnabled(s, params, a)) out.push(a);
      });
    });
    for (const a of [{ type: 'ProcessDies', p }, { type: 'ProcessExecs', p }, { type: 'SigCont', p }] as BlcrAction[]) {
      if (g.isEnabled(s, params, a)) out.push(a);
    }
  });
  for (const a of [{ type: 'WatchdogScan' }, { type: 'WatchdogRetire' }, { type: 'RequestTimeout' }] as BlcrAction[]) {
    if (g.isEnabled(s, params, a)) out.push(a);
  }
  if (s.restart !== null) {
    const restarterActions: BlcrAction[] = [
      { type: 'RstrtReq' }, { type: 'RstrtProcs' }, { type: 'RstrtInterrupted' }, { type: 'RstrtPoll' }, { type: 'RstrtReap' },
    ];
    for (const a of restarterActions) {
      if (g.isEnabled(s, params, a)) out.push(a);
    }
    s.restart.procs.forEach((rp, p) => {
      rp.threads.forEach((_rt, t) => {
        for (const type of ['RstrtChild', 'RstrtRestore', 'RstrtResume', 'RstrtDone', 'RstrtAbort'] as const) {
          const a: BlcrAction = { type, p, t };
          if (g.isEnabled(s, params, a)) out.push(a);
        }
      });
      const dies: BlcrAction = { type: 'ChildDies', p };
      if (g.isEnabled(s, params, dies)) out.push(dies);
    });
  }
  return out;
}
