/**
 * The BLCR steps that are messages, for the sequence chart of `--html` reports: each ioctl a
 * process makes on its control fd (the requester's CHKPT_REQ and REAP, a handler thread's
 * PHASE1, SUSP, HAND_CHKPT, HAND_DONE, cr_restart's RSTRT_REQ and PROCS, a restored thread's
 * RSTRT_CHILD) goes from its caller to the kernel; the kernel's CR_SIGNUM goes to a thread, and
 * so do the returns a step stands for (a SUSP that times out, an OMIT released, a hold released,
 * a frozen HAND_CHKPT returning into the restored process, a select() that finds the request
 * done). A step inside an ioctl already made (a barrier opening, the image thawed) is an event on
 * its actor's lifeline, as are faults and the watchdog.
 */
import type { StepMessage } from '../contract.js';
import { ACTION_OPS, actorOf, type BlcrAction, type BlcrActionType } from './actions.js';
import { threadName } from './state.js';

/** Steps that stand for the kernel answering a caller, not for a call. */
const RETURNS: ReadonlySet<BlcrActionType> = new Set<BlcrActionType>(['SuspTimeout', 'OmitRelease', 'HoldRelease', 'RstrtResume']);
/** Steps inside an ioctl already entered. */
const INSIDE: ReadonlySet<BlcrActionType> = new Set<BlcrActionType>(['ChkptStep', 'RstrtRestore']);

export function blcrMessage(a: BlcrAction): StepMessage | undefined {
  switch (a.type) {
    case 'DeliverSignal': return { from: 'kernel', to: threadName(a.p, a.t) };
    case 'ChkptPoll': return { from: 'kernel', to: 'requester' };
    case 'RstrtPoll': return { from: 'kernel', to: 'restarter' };
    default:
      if (ACTION_OPS[a.type] === null || INSIDE.has(a.type)) return undefined;
      return RETURNS.has(a.type) ? { from: 'kernel', to: actorOf(a) } : { from: actorOf(a), to: 'kernel' };
  }
}
