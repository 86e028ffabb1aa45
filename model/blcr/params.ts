/**
 * Parameters of the BLCR model: their defaults (small, so a full BFS finishes in seconds), their
 * descriptions for `sim list`, and the one resolved shape that the rest of the model reads.
 */
import type { ParamSpec, ParamValues } from '../contract.js';
import { BUG_NAMES, type BugName } from './bugs.js';

/** Request scopes of `cr_scope_t` kept by 0.8.6 (TASK scope was removed; research §1.2). */
export const SCOPES = ['proc', 'pgrp', 'sess', 'tree'] as const;
export type Scope = (typeof SCOPES)[number];

/** Which callbacks the target threads register (research §2.7, §2.8). */
export const CALLBACKS = ['thread', 'signal', 'both', 'none'] as const;
export type Callbacks = (typeof CALLBACKS)[number];

/** How a callback may abort (`cr_checkpoint(flags)` with TEMP, PERM or OMIT), or never. */
export const ABORT_KINDS = ['none', 'temp', 'perm', 'omit'] as const;
export type AbortKind = (typeof ABORT_KINDS)[number];

/** How a target may vanish mid-checkpoint: SEGV/exit (`die`) or `exec()`. */
export const TARGET_FAULTS = ['none', 'die', 'exec'] as const;
export type TargetFault = (typeof TARGET_FAULTS)[number];

/** Restart faults: a RESTART callback aborts, or a forked child dies before `RSTRT_CHILD`. */
export const RESTART_FAULTS = ['none', 'abort', 'childDies'] as const;
export type RestartFault = (typeof RESTART_FAULTS)[number];

/** The after-signal the requester asks for (`cr_checkpoint --term`), or none. */
export const AFTER_SIGNALS = ['none', 'term'] as const;
export type AfterSignal = (typeof AFTER_SIGNALS)[number];

/** `HAND_DONE` hold flags the threads pass: `CR_HOLD_BOTH` (the default) or `CR_HOLD_NONE`. */
export const HOLDS = ['both', 'none'] as const;
export type Hold = (typeof HOLDS)[number];

// Where the model's proposal (each first value, the default) departs from BLCR 0.8.6 (each second
// value): every one is a finding (findings.ts) whose params hold the 0.8.6 value.

/** The `cr_secs` deadline passing: `fail` the request with -ETIMEDOUT, or only `log` it (0.8.6 chkpt_watchdog). */
export const ON_TIMEOUTS = ['fail', 'log'] as const;
/** A thread cloned by a member before its trigger: `enrol` it, or `ignore` it (0.8.6: membership fixed by build_req). */
export const CLONE_POLICIES = ['enrol', 'ignore'] as const;
/** libcr's handle after an EAGAIN reap: `keep` it (libcr.h), or `close` it (0.8.6 cr_reap_checkpoint). */
export const EARLY_REAP_HANDLES = ['keep', 'close'] as const;
/** The omit mark of a process whose tasks all left: `kept` by the request, or `freed` with the record (0.8.6 release_proc_req). */
export const OMIT_MARKS = ['kept', 'freed'] as const;
/** CHKPT_FWD after cr_checkpoint() returned: `refused`, or `allowed` (0.8.6: libcr checks ACTIVE, the kernel membership). */
export const LATE_FORWARDS = ['refused', 'allowed'] as const;
/** Who decides the after-checkpoint SIGSTOP: the process's `groupStop` state, or the `lastThread`'s own trigger-time flag (0.8.6). */
export const STOP_DECISIONS = ['groupStop', 'lastThread'] as const;
/** A restart child dying before RSTRT_CHILD: `interrupts` RSTRT_PROCS (SIGCHLD), or is `ignored` (0.8.6: cr_restart blocks). */
export const CHILD_DEATHS = ['interrupts', 'ignored'] as const;

/** The parameters whose default is the model's proposal and whose other value is BLCR 0.8.6. */
export const DEPARTURES = [
  'onTimeout', 'cloneMidCheckpoint', 'earlyReapHandle', 'omitMark', 'lateForward', 'stopDecision', 'childDeath',
] as const;

/** Resolved, validated parameters. */
export interface BlcrParams {
  readonly processes: number;
  readonly threads: number;
  readonly scope: Scope;
  readonly callbacks: Callbacks;
  readonly hold: Hold;
  readonly afterSignal: AfterSignal;
  readonly stopped: boolean;
  readonly forward: boolean;
  readonly criticalSections: boolean;
  readonly selfRequest: boolean;
  readonly prohibitSelf: boolean;
  readonly abortKind: AbortKind;
  readonly targetFault: TargetFault;
  readonly suspTimeout: boolean;
  readonly threadCreate: boolean;
  readonly earlyReap: boolean;
  readonly requesterDies: boolean;
  readonly callbackHangs: boolean;
  readonly requestTimeout: boolean;
  readonly restart: boolean;
  readonly libMinor: number;
  readonly restartFault: RestartFault;
  readonly sigcont: boolean;
  readonly onTimeout: (typeof ON_TIMEOUTS)[number];
  readonly cloneMidCheckpoint: (typeof CLONE_POLICIES)[number];
  readonly earlyReapHandle: (typeof EARLY_REAP_HANDLES)[number];
  readonly omitMark: (typeof OMIT_MARKS)[number];
  readonly lateForward: (typeof LATE_FORWARDS)[number];
  readonly stopDecision: (typeof STOP_DECISIONS)[number];
  readonly childDeath: (typeof CHILD_DEATHS)[number];
  readonly bug: BugName;
}

/** Every parameter, with its default and what it means. */
export const BLCR_PARAMS: readonly ParamSpec[] = [
  { name: 'processes', default: 1, min: 1, max: 3, description: 'target processes (process 0 is the requested target; 0,1 share a pgrp; all share a session and are children of 0)' },
  { name: 'threads', default: 2, min: 1, max: 3, description: 'threads per target process: thread 0 is the main thread (the thread-group leader, which dumps the image); with thread callbacks the last is libcr\'s callback thread (pthread_create), so at least 2' },
  { name: 'scope', default: 'proc', values: SCOPES, description: 'CHKPT_REQ scope: proc (process 0), pgrp (processes 0,1), sess or tree (all)' },
  { name: 'callbacks', default: 'thread', values: CALLBACKS, description: 'registered callbacks: thread-context (PHASE1 callback thread), signal-context (in app threads), both, none' },
  { name: 'hold', default: 'both', values: HOLDS, description: 'HAND_DONE hold flags: both (block at post_complete until every peer is done) or none' },
  { name: 'afterSignal', default: 'none', values: AFTER_SIGNALS, description: 'after-signal requested with CHKPT_REQ (cr_checkpoint --term) and RSTRT_REQ' },
  { name: 'stopped', default: false, description: 'process 0 is SIGSTOPped when the request reaches it (pre-complete re-stops it)' },
  { name: 'sigcont', default: false, description: 'fault: the user sends SIGCONT to the stopped process 0 at any time, mid-checkpoint included' },
  { name: 'forward', default: false, description: 'a callback of process 0 forwards the checkpoint to the last process with CHKPT_FWD' },
  { name: 'criticalSections', default: false, description: 'application threads may enter and leave a critical section (cr_enter_cs / cr_leave_cs)' },
  { name: 'selfRequest', default: false, description: 'the requester is the last thread of process 0, calling cr_request_checkpoint inside a critical section and waiting' },
  { name: 'prohibitSelf', default: false, description: 'CHKPT_REQ carries CR_CHKPT_PROHIBIT_SELF (self-checkpoint gives EDEADLK)' },
  { name: 'abortKind', default: 'none', values: ABORT_KINDS, description: 'fault: one callback aborts the checkpoint with this kind (HAND_ABORT)' },
  { name: 'targetFault', default: 'none', values: TARGET_FAULTS, description: 'fault: one target process dies or exec()s mid-checkpoint' },
  { name: 'suspTimeout', default: false, description: 'fault: the PHASE1 thread\'s HAND_SUSP may time out (raw timeval caller)' },
  { name: 'threadCreate', default: false, description: 'fault: process 0 may clone() one more thread at any time, mid-checkpoint included' },
  { name: 'earlyReap', default: false, description: 'fault: the requester calls CHKPT_REAP once before the request is done' },
  { name: 'requesterDies', default: false, description: 'fault: the requester exits (closing its fd) before reaping' },
  { name: 'callbackHangs', default: false, description: 'fault: a callback never calls cr_checkpoint and never returns' },
  { name: 'requestTimeout', default: false, description: 'CHKPT_REQ with cr_secs > 0: the request deadline may pass' },
  { name: 'restart', default: false, description: 'after a successful checkpoint, cr_restart restores the context file' },
  { name: 'restartFault', default: 'none', values: RESTART_FAULTS, description: 'fault during restart: a RESTART callback aborts, or a forked child dies before RSTRT_CHILD' },
  { name: 'libMinor', default: 10, min: 0, max: 15, description: 'libcr\'s interface minor sent with CR_OP_VERSION (the 0.8.6_b4 module is 0.10; another minor gives CR_EVERSION)' },
  { name: 'onTimeout', default: 'fail', values: ON_TIMEOUTS, description: 'the cr_secs deadline passing: fail the request with -ETIMEDOUT (proposal, as cr_checkpoint --time documents), or log only (0.8.6 chkpt_watchdog)' },
  { name: 'cloneMidCheckpoint', default: 'enrol', values: CLONE_POLICIES, description: 'a thread cloned by a not-yet-triggered member: enrol it (proposal), or ignore it (0.8.6: membership is fixed when the request is built)' },
  { name: 'earlyReapHandle', default: 'keep', values: EARLY_REAP_HANDLES, description: 'cr_reap_checkpoint on EAGAIN: keep the handle (proposal, as libcr.h documents), or close it (0.8.6 libcr/cr_request.c)' },
  { name: 'omitMark', default: 'kept', values: OMIT_MARKS, description: 'a process\'s omit mark once its last task left: kept by the request (proposal), or freed with the per-process record (0.8.6 release_proc_req)' },
  { name: 'lateForward', default: 'refused', values: LATE_FORWARDS, description: 'CHKPT_FWD after cr_checkpoint() returned: refused (proposal, as libcr.h documents), or allowed (0.8.6: only ACTIVE and membership are checked)' },
  { name: 'stopDecision', default: 'groupStop', values: STOP_DECISIONS, description: 'the pre-complete SIGSTOP: if the process is still group-stopped (proposal), or if the last thread was stopped at its own trigger (0.8.6 cr_signal_chkpt_complete_barrier)' },
  { name: 'childDeath', default: 'interrupts', values: CHILD_DEATHS, description: 'a restart child dying before RSTRT_CHILD: SIGCHLD interrupts cr_restart\'s RSTRT_PROCS (proposal), or it is ignored and cr_restart blocks (0.8.6)' },
  { name: 'bug', default: 'none', values: ['none', ...BUG_NAMES], description: 'seeded bug (see bugs); none is the model\'s proposal: BLCR 0.8.6 except the departures named by the parameters above (see findings)' },
];

/** The defaults as a record. */
export function defaultParams(): ParamValues {
  const out: ParamValues = {};
  for (const p of BLCR_PARAMS) out[p.name] = p.default;
  return out;
}

function pickString<T extends string>(v: unknown, allowed: readonly T[], name: string): T {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw new Error(`blcr: parameter ${name} must be one of ${allowed.join(', ')}`);
}

function pickInt(v: unknown, name: string, min: number, max: number): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
  throw new Error(`blcr: parameter ${name} must be an integer in [${min}, ${max}]`);
}

function pickBool(v: unknown, name: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new Error(`blcr: parameter ${name} must be true or false`);
}

/** Fills defaults and validates; throws on a bad value (the CLI validates before this). */
export function resolveBlcrParams(partial: ParamValues): BlcrParams {
  const v = { ...defaultParams(), ...partial };
  const bugValues = ['none', ...BUG_NAMES] as const;
  const out: BlcrParams = {
    processes: pickInt(v.processes, 'processes', 1, 3),
    threads: pickInt(v.threads, 'threads', 1, 3),
    scope: pickString(v.scope, SCOPES, 'scope'),
    callbacks: pickString(v.callbacks, CALLBACKS, 'callbacks'),
    hold: pickString(v.hold, HOLDS, 'hold'),
    afterSignal: pickString(v.afterSignal, AFTER_SIGNALS, 'afterSignal'),
    stopped: pickBool(v.stopped, 'stopped'),
    forward: pickBool(v.forward, 'forward'),
    criticalSections: pickBool(v.criticalSections, 'criticalSections'),
    selfRequest: pickBool(v.selfRequest, 'selfRequest'),
    prohibitSelf: pickBool(v.prohibitSelf, 'prohibitSelf'),
    abortKind: pickString(v.abortKind, ABORT_KINDS, 'abortKind'),
    targetFault: pickString(v.targetFault, TARGET_FAULTS, 'targetFault'),
    suspTimeout: pickBool(v.suspTimeout, 'suspTimeout'),
    threadCreate: pickBool(v.threadCreate, 'threadCreate'),
    earlyReap: pickBool(v.earlyReap, 'earlyReap'),
    requesterDies: pickBool(v.requesterDies, 'requesterDies'),
    callbackHangs: pickBool(v.callbackHangs, 'callbackHangs'),
    requestTimeout: pickBool(v.requestTimeout, 'requestTimeout'),
    restart: pickBool(v.restart, 'restart'),
    restartFault: pickString(v.restartFault, RESTART_FAULTS, 'restartFault'),
    libMinor: pickInt(v.libMinor, 'libMinor', 0, 15),
    sigcont: pickBool(v.sigcont, 'sigcont'),
    onTimeout: pickString(v.onTimeout, ON_TIMEOUTS, 'onTimeout'),
    cloneMidCheckpoint: pickString(v.cloneMidCheckpoint, CLONE_POLICIES, 'cloneMidCheckpoint'),
    earlyReapHandle: pickString(v.earlyReapHandle, EARLY_REAP_HANDLES, 'earlyReapHandle'),
    omitMark: pickString(v.omitMark, OMIT_MARKS, 'omitMark'),
    lateForward: pickString(v.lateForward, LATE_FORWARDS, 'lateForward'),
    stopDecision: pickString(v.stopDecision, STOP_DECISIONS, 'stopDecision'),
    childDeath: pickString(v.childDeath, CHILD_DEATHS, 'childDeath'),
    bug: pickString(v.bug, bugValues, 'bug') as BugName,
  };
  if (hasThreadCallbacks(out) && out.threads < 2) {
    throw new Error('blcr: callbacks=' + out.callbacks + ' needs threads >= 2 (the main thread plus libcr\'s callback thread)');
  }
  return out;
}

/** libcr's callback thread exists: some callback is registered in thread context. */
export function hasThreadCallbacks(params: Pick<BlcrParams, 'callbacks'>): boolean {
  return params.callbacks === 'thread' || params.callbacks === 'both';
}
