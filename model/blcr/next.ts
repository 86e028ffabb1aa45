/**
 * The one transition switch (STYLE.md 3): each action calls a small pure helper named after the
 * protocol step. `next` re-asserts the action's guard first.
 */
import { assert, assertNever } from '../../lib/assert.js';
import type { BlcrAction } from './actions.js';
import { labelOf } from './actions.js';
import { CR_MODULE_MAJOR, versionAccepted, versionWord } from './ioctl.js';
import { deadMembers, isEnabled, recordOf } from './guards.js';
import {
  STEP, addRecord, addTask, advanceTo, buildRequest, deleteTask, killProcess, notify, put, releaseRecord, scopeProcs,
  fileRecord, sendAfterSignal, trigger, triggerPhase1, withRecord, withReq, writeFile,
} from './kernel.js';
import type { BlcrParams } from './params.js';
import { restartStep } from './restart.js';
import type { BlcrState, ThreadState } from './state.js';
import { ERR, isGroupLeader, selfRequestThread, threadAt, withProc, withThread } from './state.js';

/** The successor of `s` under the enabled action `a`. */
export function nextState(params: BlcrParams, s: BlcrState, a: BlcrAction): BlcrState {
  assert(isEnabled(s, params, a), `action ${labelOf(a)} is enabled`);
  switch (a.type) {
    case 'Version': return requesterConnects(s, params);
    case 'ChkptReq': return requesterRequests(s, params);
    case 'ChkptReapEarly': return requesterReapsEarly(s, params);
    case 'ChkptPoll': return requesterWakes(s, params);
    case 'ChkptLog': return { ...s, requester: { ...s.requester, logRead: true } };
    case 'ChkptReap': return requesterReaps(s);
    case 'RequesterDies': return requesterExits(s);
    case 'HandPhase1': return withThread(s, a.p, a.t, (th) => ({ ...th, phase: 1 }));
    case 'HandPhase2': return withThread(s, a.p, a.t, (th) => ({ ...th, phase: 2 }));
    case 'HandSuspend': return withThread(s, a.p, a.t, (th) => ({ ...th, pc: 'susp' }));
    case 'SuspTimeout': return withThread(s, a.p, a.t, (th) => ({ ...th, pc: 'run' }));
    case 'DeliverSignal': return handlerRuns(s, a.p, a.t);
    case 'StartCallbacks': return withThread(s, a.p, a.t, (th) => ({ ...th, libcr: 'active', pc: 'handler' }));
    case 'HandCheckpoint': return taskEntersKernel(s, a.p, a.t, params);
    case 'ChkptStep': return taskSteps(s, a.p, a.t, params);
    case 'SigCont': return withProc(s, a.p, (proc) => ({ ...proc, jobStopped: false }));
    case 'HandAbort': return callbackAborts(s, a.p, a.t, a.kind, params);
    case 'OmitRelease': return omitReturns(s, a.p, a.t, params);
    case 'ChkptForward': return callbackForwards(s, params);
    case 'CallbackHangs': return { ...withThread(s, a.p, a.t, (th) => ({ ...th, pc: 'hung' })), faultUsed: true };
    case 'HandDone': return threadCallsDone(s, a.p, a.t, params);
    case 'HoldRelease': return threadLeavesHold(s, a.p, a.t, params);
    case 'EnterCs': return withThread(s, a.p, a.t, (th) => ({ ...th, cs: 1 }));
    case 'LeaveCs': return withThread(s, a.p, a.t, (th) => ({ ...th, cs: 0 }));
    case 'CloneThread': return threadClones(s, a.p, a.t, a.by, params);
    case 'ProcessDies': return { ...killProcess(s, a.p), faultUsed: true };
    case 'ProcessExecs': return processExecs(s, a.p);
    case 'WatchdogScan': return watchdogAdvancesDead(s, params);
    case 'WatchdogRetire': return withReq(s, (req) => put({ ...req, watchdogRef: false }));
    case 'RequestTimeout': return deadlinePasses(s, params);
    case 'RstrtReq': case 'RstrtProcs': case 'RstrtChild': case 'RstrtRestore': case 'RstrtResume':
    case 'RstrtDone': case 'RstrtAbort': case 'ChildDies': case 'RstrtInterrupted': case 'RstrtPoll': case 'RstrtReap':
      return restartStep(s, a, params);
    default: return assertNever(a);
  }
}

/** `CR_OP_VERSION`: accepted, or `-CR_EVERSION` and libcr closes the fd (no request is ever made). */
function requesterConnects(s: BlcrState, params: BlcrParams): BlcrState {
  if (!versionAccepted(versionWord(CR_MODULE_MAJOR, params.libMinor))) {
    return { ...s, requester: { ...s.requester, phase: 'failed', fdOpen: false, result: -ERR.CR_EVERSION } };
  }
  return { ...s, requester: { ...s.requester, phase: 'idle', fdOpen: true, versionOk: true } };
}

/** `CR_OP_CHKPT_REQ`: EDEADLK under PROHIBIT_SELF for a self-checkpoint, else build and trigger. */
function requesterRequests(s: BlcrState, params: BlcrParams): BlcrState {
  const self = params.selfRequest && scopeProcs(s, params).includes(0);
  if (self && params.prohibitSelf) {
    return { ...s, requester: { ...s.requester, phase: 'failed', fdOpen: false, result: -ERR.EDEADLK } };
  }
  let next = buildRequest(s, params);
  next = { ...next, requester: { ...next.requester, phase: 'pending' } };
  if (params.selfRequest) next = withThread(next, 0, selfRequestThread(params), (th) => ({ ...th, pc: 'waitReq' }));
  return next;
}

/**
 * `CHKPT_REAP` while pending returns `-EAGAIN`; 0.8.6's cr_reap_checkpoint then closes the fd
 * (`earlyReapHandle=close`), the proposal keeps it as libcr.h documents (§6.2 item 2).
 */
function requesterReapsEarly(s: BlcrState, params: BlcrParams): BlcrState {
  const tried = { ...s, requester: { ...s.requester, earlyReapTried: true } };
  if (params.earlyReapHandle === 'keep') return tried;
  const next = withReq(tried, (req) => put({ ...req, requesterRef: false }));
  return { ...next, requester: { ...next.requester, phase: 'lost', fdOpen: false } };
}

/** `select()` returns: the fd is readable. */
function requesterWakes(s: BlcrState, params: BlcrParams): BlcrState {
  let next: BlcrState = { ...s, requester: { ...s.requester, phase: 'readable' } };
  if (params.selfRequest) {
    const t = selfRequestThread(params);
    if (threadAt(next, 0, t).pc === 'waitReq') next = withThread(next, 0, t, (th) => ({ ...th, pc: 'run' }));
  }
  return next;
}

/** `CHKPT_REAP` on a done request: the result, `-ESRCH` when no task completed the dump. */
function requesterReaps(s: BlcrState): BlcrState {
  const req = s.req;
  assert(req !== null, 'a readable requester has a request');
  const result = req.result !== 0 ? req.result : req.completed === 0 ? -ERR.ESRCH : 0;
  const next = withReq(s, (r) => put({ ...r, requesterRef: false }));
  return { ...next, requester: { ...next.requester, phase: 'reaped', fdOpen: false, result } };
}

/** The requester exits: its fd's reference goes, the checkpoint keeps running. */
function requesterExits(s: BlcrState): BlcrState {
  const next = withReq(s, (r) => put({ ...r, requesterRef: false }));
  return { ...next, requester: { ...next.requester, phase: 'gone', fdOpen: false } };
}

/**
 * libcr's `CR_SIGNUM` handler: IDLE → PENDING, `live++`; ignored when not IDLE. An unregistered
 * thread (no libcr thread info) takes the fast path straight to `HAND_CHKPT(0)`, no callbacks.
 */
function handlerRuns(s: BlcrState, p: number, t: number): BlcrState {
  const th = threadAt(s, p, t);
  let next = withThread(s, p, t, (x) => ({ ...x, sig: false, pc: x.pc === 'susp' ? 'run' : x.pc }));
  if (th.libcr !== 'idle') return next;
  if (th.phase === 0) {
    next = withThread(next, p, t, (x) => ({ ...x, libcr: 'fast', pc: 'handler', runCallbacks: false }));
  } else {
    next = withThread(next, p, t, (x) => ({ ...x, libcr: 'pending', runCallbacks: x.callbacks }));
  }
  return withProc(next, p, (proc) => ({ ...proc, live: proc.live + 1 }));
}

function isFailing(s: BlcrState, p: number): boolean {
  const req = s.req;
  const rec = req === null ? undefined : recordOf(req, p);
  return req !== null && (req.result !== 0 || rec === undefined || rec.omit);
}

/** The failure path of HAND_CHKPT: the OMIT path, or `advance_to(PRE_COMPLETE)` then postdump. */
function failurePath(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  const rec = s.req === null ? undefined : recordOf(s.req, p);
  if (rec !== undefined && rec.omit) return omitSelf(s, p, t, params);
  const rc = s.req === null || s.req.result === 0 ? -ERR.ESRCH : s.req.result;
  const next = advanceTo(s, p, t, STEP.PRE_COMPLETE, params);
  return withThread(next, p, t, (th) => ({ ...th, pc: 'kernel', rc }));
}

/**
 * OMIT: leave the request with every debt paid, then block until the process's predump opens,
 * holding a reference on the request and on the process record meanwhile (cr_chkpt_abort).
 */
function omitSelf(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  let next = withRecord(s, p, (rec) => ({ ...rec, omit: true, omitWaiters: rec.omitWaiters + 1 }));
  next = withReq(next, (req) => ({ ...req, refcount: req.refcount + 1 }));
  if (params.bug !== 'abort-no-advance') next = advanceTo(next, p, t, STEP.DONE, params);
  next = deleteTask(next, p, t, params);
  return withThread(next, p, t, (th) => (th.status === 'live' ? { ...th, pc: 'omitWait', rc: -ERR.CR_EOMITTED } : th));
}

/** `CR_OP_HAND_CHKPT`: notify preshared, write the header once, phase step, notify predump. */
function taskEntersKernel(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  let next = withThread(s, p, t, (th) => ({ ...th, pc: 'kernel' }));
  next = notify(next, p, t, params);
  if (isFailing(next, p)) return failurePath(next, p, t, params);
  if (!(next.req?.file.includes(fileRecord.header) ?? true)) next = writeFile(next, fileRecord.header);
  const p1 = threadAt(next, p, t).p1;
  next = notify(next, p, t, params);
  if (p1) return next;
  if (isFailing(next, p)) return failurePath(next, p, t, params);
  return notify(next, p, t, params);
}

/** One wait inside HAND_CHKPT: the phase, predump, vmadump/preshared or postdump barrier opened. */
function taskSteps(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  const step = threadAt(s, p, t).step;
  if (step === STEP.PREDUMP) {
    return isFailing(s, p) ? failurePath(s, p, t, params) : notify(s, p, t, params);
  }
  if (step === STEP.VMADUMP) return isFailing(s, p) ? failurePath(s, p, t, params) : taskDumps(s, p, t, params);
  if (step === STEP.POSTDUMP) return taskSavesShared(s, p, t, params);
  if (step === STEP.PRE_COMPLETE) return taskPassesPostdump(s, p, t, params);
  throw new Error(`blcr: no kernel step at ${step}`);
}

/** Predump opened: once per process take the destination and write the header; image or regs. */
function taskDumps(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  let next = s;
  const rec = recordOf(s.req!, p)!;
  if (!rec.headerDone) {
    const proc = s.procs[p]!;
    const members = proc.threads.filter((th) => th.member).length;
    const live = proc.threads.filter((th) => th.status === 'live').length;
    next = withReq(next, (req) => ({ ...req, destOwner: p }));
    next = writeFile(next, fileRecord.procHeader(p, members, live));
    next = withRecord(next, p, (r) => ({ ...r, headerDone: true }));
  }
  if (isGroupLeader(t)) {
    next = writeFile(next, fileRecord.image(p));
    next = withRecord(next, p, (r) => ({ ...r, imageDone: true }));
  } else {
    next = writeFile(next, fileRecord.regs(p, t));
  }
  return notify(next, p, t, params);
}

/** Vmadump and preshared opened: once per process fs/mmaps, mmapped data and files; release the destination. */
function taskSavesShared(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  let next = s;
  const rec = recordOf(s.req!, p)!;
  if (!rec.filesDone) {
    next = writeFile(next, fileRecord.mmaps(p));
    next = writeFile(next, fileRecord.files(p));
    next = withRecord(next, p, (r) => ({ ...r, filesDone: true }));
    next = withReq(next, (req) => ({ ...req, destOwner: req.destOwner === p ? -1 : req.destOwner }));
  }
  return notify(next, p, t, params);
}

/** Postdump opened: the trailer once; return 0 to continue, or complete in the kernel on failure. */
function taskPassesPostdump(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  let next = s;
  const viaFailurePath = threadAt(s, p, t).rc !== 0;
  if (!viaFailurePath && !s.req!.trailer) next = withReq(writeFile(next, fileRecord.trailer), (req) => ({ ...req, trailer: true }));
  next = withReq(next, (req) => ({ ...req, completed: req.completed + 1 }));
  const req = next.req!;
  if (params.bug === 'after-signal-at-postdump' && req.result === 0 && req.signal > 0) {
    const rec = recordOf(req, p);
    if (rec !== undefined && !rec.omit && !(next.procs[p]?.signals.includes('TERM') ?? true)) next = sendAfterSignal(next, p);
  }
  if (!viaFailurePath && req.result === 0 && !req.die) return withThread(next, p, t, (th) => ({ ...th, pc: 'continue', rc: 0 }));
  next = withThread(next, p, t, (th) => ({ ...th, rc: req.result === 0 ? th.rc : req.result }));
  next = notify(next, p, t, params);
  return notify(next, p, t, params);
}

/** `CR_OP_HAND_ABORT(flags)` from a CHECKPOINT callback (research §2.4 table). */
function callbackAborts(s: BlcrState, p: number, t: number, kind: 'temp' | 'perm' | 'omit', params: BlcrParams): BlcrState {
  let next = withReq(s, (req) => ({
    ...req,
    aborted: true,
    ghost: {
      ...req.ghost,
      omitted: req.ghost.omitted.includes(p) ? req.ghost.omitted : [...req.ghost.omitted, p],
      tempAbort: req.ghost.tempAbort || kind === 'temp',
      permAbort: req.ghost.permAbort || kind === 'perm',
    },
  }));
  if (kind === 'omit') return omitSelf(next, p, t, params);
  const markOmit = params.bug !== 'forward-readds-omitted';
  next = withRecord(next, p, (rec) => ({ ...rec, omit: rec.omit || markOmit }));
  if (kind === 'temp') {
    const die = params.bug === 'temp-failure-kills';
    next = withReq(next, (req) => ({ ...req, signal: 0, result: -ERR.CR_ETEMPFAIL, die: req.die || die }));
  } else {
    next = withReq(next, (req) => ({ ...req, result: -ERR.CR_EPERMFAIL, die: true }));
  }
  const rc = kind === 'temp' ? -ERR.CR_ETEMPFAIL : -ERR.CR_EPERMFAIL;
  if (params.bug !== 'abort-no-advance') next = advanceTo(next, p, t, STEP.DONE, params);
  next = deleteTask(next, p, t, params);
  if (params.bug === 'abort-use-after-free') next = withReq(next, put);
  next = withThread(next, p, t, (th) => (th.status === 'live' ? { ...th, pc: 'run', libcr: 'idle', rc } : th));
  next = decLive(next, p);
  if (kind === 'perm') {
    next = withProc(next, p, (proc) => ({ ...proc, signals: [...proc.signals, 'KILL'] }));
    next = withReq(next, (req) => ({ ...req, ghost: { ...req.ghost, processesKilled: [...req.ghost.processesKilled, p] } }));
    next = killProcess(next, p);
  }
  return next;
}

function decLive(s: BlcrState, p: number): BlcrState {
  return withProc(s, p, (proc) => ({ ...proc, live: Math.max(0, proc.live - 1) }));
}

/** The blocked OMIT caller returns `-CR_EOMITTED` (IDLE, `live--`, no HAND_DONE) and drops its references. */
function omitReturns(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  let next = withThread(s, p, t, (th) => ({ ...th, pc: 'run', libcr: 'idle' }));
  next = decLive(next, p);
  next = withRecord(next, p, (rec) => ({ ...rec, omitWaiters: rec.omitWaiters - 1 }));
  next = withReq(next, put);
  return releaseRecord(next, p, params);
}

/** `CR_OP_CHKPT_FWD(PROC, last process)`: add new tasks; duplicates and omitted processes skipped. */
function callbackForwards(s: BlcrState, params: BlcrParams): BlcrState {
  const q = params.processes - 1;
  let next = withReq(s, (req) => ({ ...req, forwarded: true }));
  const existing = recordOf(next.req!, q);
  if (existing !== undefined && existing.omit) return next;
  if (existing === undefined) next = addRecord(next, q);
  (next.procs[q]?.threads ?? []).forEach((th, t) => {
    if (th.status === 'live' && !th.member) next = addTask(next, q, t);
  });
  return existing === undefined ? triggerPhase1(next, q) : next;
}

/** `CR_OP_HAND_DONE(hold)`: IDLE, `live--`, pre_complete and post_complete; wait there if held. */
function threadCallsDone(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  let next = withThread(s, p, t, (th) => ({ ...th, libcr: 'idle' }));
  const peerInHandler = (s.procs[p]?.threads ?? []).some((th, i) => i !== t && th.pc === 'continue');
  if (!(params.bug === 'live-count-race' && peerInHandler)) next = decLive(next, p);
  next = notify(next, p, t, params);
  next = notify(next, p, t, params);
  if (threadAt(next, p, t).status !== 'live') return next;
  if (params.hold === 'both') return withThread(next, p, t, (th) => ({ ...th, pc: 'hold' }));
  next = deleteTask(next, p, t, params);
  return withThread(next, p, t, (th) => ({ ...th, pc: 'run' }));
}

/** Post_complete opened: the task leaves the request; a kernel-completed task returns its error. */
function threadLeavesHold(s: BlcrState, p: number, t: number, params: BlcrParams): BlcrState {
  const inKernel = threadAt(s, p, t).pc === 'kernel';
  let next = deleteTask(s, p, t, params);
  next = withThread(next, p, t, (th): ThreadState => ({ ...th, pc: 'run', libcr: inKernel ? 'idle' : th.libcr }));
  return inKernel ? decLive(next, p) : next;
}

/**
 * `clone()`: a new thread. 0.8.6 never enrols it (membership is fixed when build_req ran:
 * `cloneMidCheckpoint=ignore`); the proposal enrols it while its parent is a member that has not
 * yet entered HAND_CHKPT.
 */
function threadClones(s: BlcrState, p: number, t: number, by: number, params: BlcrParams): BlcrState {
  let next = withThread(s, p, t, (th) => ({ ...th, status: 'live', pc: 'run' }));
  const req = next.req;
  const parent = threadAt(s, p, by);
  const parentEnrolled = parent.member && parent.step === 0;
  if (params.cloneMidCheckpoint === 'ignore' || req === null || req.freed || !parentEnrolled) return next;
  const rec = recordOf(req, p);
  if (rec === undefined || rec.omit) return next;
  next = addTask(next, p, t);
  return rec.phaseTriggered ? trigger(next, p, t) : next;
}

/** `exec()`: the thread group becomes a new program; libcr and its registrations are gone. */
function processExecs(s: BlcrState, p: number): BlcrState {
  const next = withProc(s, p, (proc) => ({
    ...proc,
    live: 0,
    threads: proc.threads.map((th) => (th.status === 'live'
      ? { ...th, status: 'execd' as const, pc: 'gone' as const, libcr: 'idle' as const, cs: 0 as const, sig: false }
      : th)),
  }));
  return { ...next, faultUsed: true };
}

/** The watchdog advances every dead or exec'd member to DONE and deletes it. */
function watchdogAdvancesDead(s: BlcrState, params: BlcrParams): BlcrState {
  let next = s;
  for (const { p, t } of deadMembers(s, params)) {
    next = advanceTo(next, p, t, STEP.DONE, params);
    next = deleteTask(next, p, t, params);
  }
  return next;
}

/** The `cr_secs` deadline passes: the proposal fails the request (`onTimeout=fail`); 0.8.6 only logs it. */
function deadlinePasses(s: BlcrState, params: BlcrParams): BlcrState {
  const enforce = params.onTimeout === 'fail';
  return withReq(s, (req) => ({
    ...req,
    expiration: false,
    result: enforce && req.result === 0 ? -ERR.ETIMEDOUT : req.result,
    ghost: { ...req.ghost, deadlinePassed: true },
  }));
}
