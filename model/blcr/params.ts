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
  readonly bug: BugName;
}

/** Every parameter, with its default and what it means. */
export const BLCR_PARAMS: readonly ParamSpec[] = [
  { name: 'processes', default: 1, min: 1, max: 3, description: 'target processes (process 0 is the requested target; 0,1 share a pgrp; all share a session and are children of 0)' },
  { name: 'threads', default: 2, min: 1, max: 3, description: 'threads per target process (thread 0 is libcr\'s callback thread when callbacks include thread)' },
  { name: 'scope', default: 'proc', values: SCOPES, description: 'CHKPT_REQ scope: proc (process 0), pgrp (processes 0,1), sess or tree (all)' },
  { name: 'callbacks', default: 'thread', values: CALLBACKS, description: 'registered callbacks: thread-context (PHASE1 callback thread), signal-context (in app threads), both, none' },
  { name: 'hold', default: 'both', values: HOLDS, description: 'HAND_DONE hold flags: both (block at post_complete until every peer is done) or none' },
  { name: 'afterSignal', default: 'none', values: AFTER_SIGNALS, description: 'after-signal requested with CHKPT_REQ (cr_checkpoint --term) and RSTRT_REQ' },
  { name: 'stopped', default: false, description: 'process 0 was SIGSTOPped when triggered (pre-complete re-stops it)' },
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
  { name: 'bug', default: 'none', values: ['none', ...BUG_NAMES], description: 'seeded bug (see bugs); none is BLCR 0.8.6 with its hazards fixed as documented' },
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
  return {
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
    bug: pickString(v.bug, bugValues, 'bug') as BugName,
  };
}
