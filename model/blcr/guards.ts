/**
 * Named guards shared by `enabledActions` and `next` (STYLE.md 3): `next` re-asserts the guard of
 * the action it applies.
 */
import { assertNever } from '../../lib/assert.js';
import type { BlcrAction } from './actions.js';
import { waitAt } from './actions.js';
import type { BlcrParams } from './params.js';
import type { BlcrState, ChkptRequest, ProcRecord, ThreadState } from './state.js';
import { isGroupLeader, selfRequestThread } from './state.js';

/** The live (not freed) checkpoint request, if any. */
export function liveReq(s: BlcrState): ChkptRequest | null {
  return s.req !== null && !s.req.freed ? s.req : null;
}

/** The per-process record of process `p` in the request, if it has one. */
export function recordOf(req: ChkptRequest, p: number): ProcRecord | undefined {
  return req.procs.find((r) => r.proc === p);
}

/** The thread at `p`/`t`, or undefined. */
export function threadOf(s: BlcrState, p: number, t: number): ThreadState | undefined {
  return s.procs[p]?.threads[t];
}

/** Is `th` a live thread? */
export function isLive(th: ThreadState | undefined): th is ThreadState {
  return th !== undefined && th.status === 'live';
}

/** The thread is executing user code (not blocked inside an ioctl). */
export function isUserSpace(th: ThreadState): boolean {
  return th.pc === 'run' || th.pc === 'handler' || th.pc === 'continue' || th.pc === 'hung' || th.pc === 'waitReq';
}

/** Red holders of process `p`: critical-section depth summed over threads that are not ACTIVE. */
export function redCount(s: BlcrState, p: number): number {
  let red = 0;
  for (const th of s.procs[p]?.threads ?? []) if (th.status === 'live' && th.libcr !== 'active') red += th.cs;
  return red;
}

/** Black holders of process `p`: threads running checkpoint callbacks (ACTIVE). */
export function blackCount(s: BlcrState, p: number): number {
  let black = 0;
  for (const th of s.procs[p]?.threads ?? []) if (th.status === 'live' && th.libcr === 'active') black++;
  return black;
}

/** The request is in progress: it still has member tasks. */
export function isInProgress(req: ChkptRequest | null): req is ChkptRequest {
  return req !== null && !req.freed && req.tasks > 0;
}

/** The requester's request is done (task set empty): its fd polls readable. */
export function isRequestDone(s: BlcrState): boolean {
  return s.req !== null && s.req.tasks === 0;
}

/** `CHKPT_REQ` may be issued: version handshake done, no request on the fd (and the self case). */
export function canRequest(s: BlcrState, params: BlcrParams): boolean {
  if (s.requester.phase !== 'idle') return false;
  if (!params.selfRequest) return true;
  const th = threadOf(s, 0, selfRequestThread(params));
  return isLive(th) && th.pc === 'run' && th.cs === 1 && th.libcr === 'idle';
}

/** A thread in the kernel at `step` may take its next synchronisation step. */
export function canChkptStep(s: BlcrState, p: number, t: number, th: ThreadState): boolean {
  const req = liveReq(s);
  if (req === null || !th.member || th.pc !== 'kernel') return false;
  const rec = recordOf(req, p);
  if (rec === undefined) return false;
  const failing = rec.omit || req.result !== 0;
  switch (th.step) {
    case 2: return th.p1 && rec.phase === 0;
    case 3:
      // Dumping needs the destination mutex and, for a non-leader, the leader's image first.
      return rec.predump === 0 && (failing || ((req.destOwner === -1 || req.destOwner === p) && (isGroupLeader(t) || rec.imageDone)));
    case 4: return rec.vmadump === 0 && req.preshared === 0;
    case 5: return req.postdump === 0;
    default: return false;
  }
}

/** The thread may start its callbacks: PENDING, outside any CS, and no red holder (black lock). */
export function canStartCallbacks(s: BlcrState, p: number, th: ThreadState): boolean {
  return th.status === 'live' && th.libcr === 'pending' && th.cs === 0 && th.pc === 'run' && redCount(s, p) === 0;
}

/** The thread may enter a critical section (correct libcr refuses while a checkpoint is live). */
export function canEnterCs(s: BlcrState, params: BlcrParams, p: number, th: ThreadState): boolean {
  // cr_enter_cs needs libcr thread info, i.e. a thread that called cr_init (registered PHASE2).
  if (!params.criticalSections || th.callbackThread || th.phase !== 2) return false;
  if (th.status !== 'live' || th.pc !== 'run' || th.libcr !== 'idle' || th.cs !== 0) return false;
  if (params.bug === 'enter-cs-race') return true;
  return (s.procs[p]?.live ?? 0) === 0 && blackCount(s, p) === 0;
}

/** Is the action enabled in `s`? One case per action type. */
export function isEnabled(s: BlcrState, params: BlcrParams, a: BlcrAction): boolean {
  const req = liveReq(s);
  const rq = s.requester;
  switch (a.type) {
    case 'Version': return rq.phase === 'closed' && !rq.versionOk;
    case 'ChkptReq': return canRequest(s, params);
    case 'ChkptReapEarly': return params.earlyReap && rq.phase === 'pending' && !rq.earlyReapTried && !isRequestDone(s);
    case 'ChkptPoll': return rq.phase === 'pending' && isRequestDone(s);
    case 'ChkptLog': return rq.phase === 'readable' && !rq.logRead;
    case 'ChkptReap': return rq.phase === 'readable';
    case 'RequesterDies':
      return params.requesterDies && !params.selfRequest && (rq.phase === 'pending' || rq.phase === 'readable');
    case 'WatchdogScan':
      return req !== null && req.watchdogRef && deadMembers(s, params).length > 0;
    case 'WatchdogRetire': return req !== null && req.watchdogRef && req.tasks === 0;
    case 'RequestTimeout':
      return params.requestTimeout && isInProgress(req) && req.expiration && req.preshared > 0;
    case 'ProcessDies': case 'ProcessExecs': {
      if (s.faultUsed || req === null) return false;
      if (params.targetFault !== (a.type === 'ProcessDies' ? 'die' : 'exec')) return false;
      // A SEGV or exec() happens in user space; while the process holds the destination mutex
      // every thread of it is inside HAND_CHKPT, where neither can happen.
      const proc = s.procs[a.p];
      return proc !== undefined && req.destOwner !== a.p && proc.threads.some((th) => th.member && th.status === 'live')
        && proc.threads.some((th) => th.status === 'live' && isUserSpace(th));
    }
    case 'SigCont': return params.sigcont && (s.procs[a.p]?.jobStopped ?? false);
    case 'CloneThread': {
      const slot = threadOf(s, a.p, a.t);
      const by = threadOf(s, a.p, a.by);
      return params.threadCreate && slot !== undefined && slot.status === 'unborn' && isLive(by)
        && !by.callbackThread && by.pc === 'run' && by.libcr === 'idle';
    }
    case 'RstrtReq': case 'RstrtProcs': case 'RstrtChild': case 'RstrtRestore': case 'RstrtResume':
    case 'RstrtDone': case 'RstrtAbort': case 'ChildDies': case 'RstrtInterrupted': case 'RstrtPoll': case 'RstrtReap':
      return isRestartEnabled(s, params, a);
    default:
      return isThreadActionEnabled(s, params, a);
  }
}

type ThreadAction = Extract<BlcrAction, { t: number; p: number }>;

function isThreadActionEnabled(s: BlcrState, params: BlcrParams, a: ThreadAction): boolean {
  const th = threadOf(s, a.p, a.t);
  if (!isLive(th)) return false;
  const req = liveReq(s);
  switch (a.type) {
    case 'HandPhase1': return th.callbackThread && th.phase === 0 && !th.member && th.pc === 'run';
    case 'HandPhase2': return !th.callbackThread && th.phase === 0 && !th.member && th.pc === 'run';
    case 'HandSuspend': return th.callbackThread && th.phase === 1 && th.pc === 'run' && th.libcr === 'idle';
    case 'SuspTimeout': return params.suspTimeout && th.pc === 'susp' && !th.sig;
    case 'DeliverSignal': return th.sig && (th.pc === 'run' || th.pc === 'susp' || th.pc === 'waitReq');
    case 'StartCallbacks': return canStartCallbacks(s, a.p, th);
    case 'HandCheckpoint': return th.pc === 'handler' && (th.libcr === 'active' || th.libcr === 'fast') && th.member;
    case 'ChkptStep': return waitAt(th.step) === a.wait && canChkptStep(s, a.p, a.t, th);
    case 'HandAbort':
      return th.pc === 'handler' && th.runCallbacks && th.member && req !== null && !req.aborted;
    case 'OmitRelease': {
      // The blocked OMIT caller holds the process record (research §6.2 item 11), so it can
      // always read the predump barrier, even after the request itself was released.
      if (th.pc !== 'omitWait') return false;
      const rec = s.req === null ? undefined : recordOf(s.req, a.p);
      return rec === undefined || rec.predump === 0;
    }
    case 'ChkptForward': {
      // libcr checks only ACTIVE and the kernel only membership, so 0.8.6 also takes a forward
      // from a CONTINUE part (lateForward=allowed); libcr.h forbids it after cr_checkpoint().
      const inCallback = th.pc === 'handler' || (params.lateForward === 'allowed' && th.pc === 'continue');
      return params.forward && params.processes >= 2 && a.p === 0 && inCallback && th.runCallbacks
        && th.member && req !== null && !req.forwarded;
    }
    case 'CallbackHangs':
      return params.callbackHangs && !s.faultUsed && th.pc === 'handler' && th.runCallbacks;
    case 'HandDone': return th.pc === 'continue' && th.member;
    case 'HoldRelease': {
      if (req === null || !th.member || th.step !== 7) return false;
      if (th.pc !== 'hold' && th.pc !== 'kernel') return false;
      return (recordOf(req, a.p)?.postComplete ?? 0) === 0;
    }
    case 'EnterCs': return canEnterCs(s, params, a.p, th);
    case 'LeaveCs': return params.criticalSections && th.cs === 1 && th.pc === 'run';
    case 'CloneThread': return false;
    case 'RstrtChild': case 'RstrtRestore': case 'RstrtResume': case 'RstrtDone': case 'RstrtAbort':
      return false;
    default: return assertNever(a);
  }
}

/**
 * Member tasks the watchdog must advance: dead or exec'd (bug 2318: not one that died running the
 * CHECKPOINT part of its callbacks, ACTIVE before HAND_CHKPT).
 */
export function deadMembers(s: BlcrState, params: BlcrParams): { p: number; t: number }[] {
  const out: { p: number; t: number }[] = [];
  s.procs.forEach((proc, p) => proc.threads.forEach((th, t) => {
    if (!th.member || th.status === 'live') return;
    const diedInCallback = th.status === 'dead' && th.step === 0 && th.libcr === 'active' && th.runCallbacks;
    if (params.bug === 'dead-target-hang' && diedInCallback) return;
    out.push({ p, t });
  }));
  return out;
}

/** Restart-side guards (research §2.9, §2.10). */
export function isRestartEnabled(s: BlcrState, params: BlcrParams, a: BlcrAction): boolean {
  const r = s.restart;
  if (r === null) return false;
  switch (a.type) {
    case 'RstrtReq':
      return r.phase === 'idle' && s.requester.phase === 'reaped' && s.requester.result === 0
        && (s.req?.file.includes('Trailer') ?? false);
    case 'RstrtProcs': return r.phase === 'awaitProcs' && r.reader === 'requester';
    case 'RstrtPoll': return r.phase === 'waiting' && r.tasks === 0 && !r.needProcs;
    case 'RstrtInterrupted':
      // SIGCHLD from the dead child interrupts RSTRT_PROCS only if cr_restart catches it.
      return params.childDeath === 'interrupts' && r.childDied && r.phase === 'awaitProcs' && r.reader === 'child';
    case 'RstrtReap': return r.phase === 'readable';
    case 'ChildDies': {
      const rp = r.procs[a.p];
      return params.restartFault === 'childDies' && !r.childDied && rp !== undefined
        && rp.threads.every((rt) => rt.pc === 'forked');
    }
    case 'RstrtChild': case 'RstrtRestore': case 'RstrtResume': case 'RstrtDone': case 'RstrtAbort': {
      const rp = r.procs[a.p];
      const rt = rp?.threads[a.t];
      if (rp === undefined || rt === undefined) return false;
      if (a.type === 'RstrtChild') return rt.pc === 'forked';
      if (a.type === 'RstrtRestore') return rt.pc === 'attached' && rp.preVmadump === 0 && (isGroupLeader(a.t) || rp.imageDone);
      if (a.type === 'RstrtResume') return rt.pc === 'gate' && ((r.barrier === 0 && !r.needProcs) || r.die);
      if (a.type === 'RstrtDone') return rt.pc === 'restarted';
      return params.restartFault === 'abort' && rt.pc === 'restarted' && !r.aborted;
    }
    default: return false;
  }
}
