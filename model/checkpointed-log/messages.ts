/**
 * The flagship's steps that are messages, for the sequence chart of `--html` reports: on the log
 * side, dmlog's (netlink requests from kernel0 to daemon0 and replies back); on the BLCR side, the
 * ioctls of the requester, the daemon's threads and cr_restart to the BLCR kernel module (the
 * lifeline `blcr`, apart from the mirror target's `kernel0`), and HAND_DONE's return to the
 * main thread (p0t0, the leader that dumps) that held in post_complete; the callback thread is p0t1. The image dump inside HAND_CHKPT is an event of its own.
 */
import type { StepMessage } from '../contract.js';
import { dmlogMessage } from '../dmlog/messages.js';
import { restoredName, threadName } from '../blcr/index.js';
import { unwrap, type CkptLogAction } from './actions.js';

export function checkpointedLogMessage(a: CkptLogAction): StepMessage | undefined {
  if (a.side === 'log') return dmlogMessage(unwrap(a));
  switch (a.type) {
    case 'ChkptReq': return { from: 'requester', to: 'blcr' };
    case 'ChkptCallback': return { from: threadName(0, 1), to: 'blcr' };
    case 'HandDone': return { from: 'blcr', to: threadName(0, 0) };
    case 'RstrtReq': return { from: 'cr_restart', to: 'blcr' };
    case 'RstrtChild': return { from: restoredName(0, 0), to: 'blcr' };
    default: return undefined;
  }
}
