/**
 * Actions of the product: every dmlog action tagged `side: 'log'`, and the daemon's BLCR
 * checkpoint and restart steps tagged `side: 'blcr'`. The coupling lives in the guards: a
 * frozen daemon serves nothing, and a daemon with an image is restarted by cr_restart.
 */
import { enabledActions as dmlogActions, type DmlogAction } from '../dmlog/index.js';
import type { CkptLogParams } from './params.js';
import { isFrozen, type CkptLogState } from './state.js';

export type LogSideAction = DmlogAction & { readonly side: 'log' };

export type BlcrSideAction =
  /** CR_OP_CHKPT_REQ on the daemon (scope proc): its threads are signalled (CR_SIGNUM) and held. */
  | { readonly side: 'blcr'; readonly type: 'ChkptReq' }
  /** libcr's callback thread (p0t1) runs the daemon's checkpoint callback, then calls cr_checkpoint (CR_OP_HAND_CHKPT). */
  | { readonly side: 'blcr'; readonly type: 'ChkptCallback' }
  /** The main thread's (p0t0, the thread-group leader) CR_OP_HAND_CHKPT dump step: the process image is written to the context file. */
  | { readonly side: 'blcr'; readonly type: 'HandChkpt' }
  /** CR_OP_HAND_DONE returns (post_complete): the threads leave the checkpoint; the context file is complete. */
  | { readonly side: 'blcr'; readonly type: 'HandDone' }
  /** cr_restart: CR_OP_RSTRT_REQ on the context file, then CR_OP_RSTRT_PROCS forks the process. */
  | { readonly side: 'blcr'; readonly type: 'RstrtReq' }
  /** CR_OP_RSTRT_CHILD: the restored thread thaws the image (memory := image), runs the restart callback, re-subscribes. */
  | { readonly side: 'blcr'; readonly type: 'RstrtChild' };

export type CkptLogAction = LogSideAction | BlcrSideAction;

export const BLCR_SIDE_TYPES = ['ChkptReq', 'ChkptCallback', 'HandChkpt', 'HandDone', 'RstrtReq', 'RstrtChild'] as const;

/** The daemon process (node 0's cmirrord). */
const daemon = (s: CkptLogState) => s.log.daemons[0] ?? { up: false, log: null };

// ---------------------------------------------------------------- guards (shared by actions and next)

export function canChkptReq(s: CkptLogState): boolean {
  const d = daemon(s);
  return s.checkpoint.phase === 'idle' && s.checkpoint.checkpointsLeft > 0 && s.restart === 'idle'
    && d.up && d.log !== null && d.log.state === 'resumed';
}
export const canChkptCallback = (s: CkptLogState): boolean => s.checkpoint.phase === 'triggered';
export const canHandChkpt = (s: CkptLogState): boolean => s.checkpoint.phase === 'called';
export const canHandDone = (s: CkptLogState): boolean => s.checkpoint.phase === 'dumped';
export const canRstrtReq = (s: CkptLogState): boolean => s.restart === 'idle' && !daemon(s).up && s.image !== null;
export const canRstrtChild = (s: CkptLogState): boolean => s.restart === 'restoring';

/** The coupling on the log side: which dmlog actions the BLCR lifecycle lets through. */
export function logSideAllowed(p: CkptLogParams, s: CkptLogState, a: DmlogAction): boolean {
  if (isFrozen(s)) {
    // The daemon's threads are in the checkpoint: it reads no request and writes nothing.
    if (a.type === 'DeliverRequest') return p.bug === 'serve-while-frozen';
    if (a.type === 'WriteDiskLog') return false;
  }
  // With an image, the daemon is restarted by cr_restart from it, not started afresh.
  if (a.type === 'DaemonRestart') return s.image === null;
  // The question is a restart from an image: a crash before the first one is dmlog's own (its
  // findings cover a daemon restarted afresh), so the daemon crashes only once an image exists.
  if (a.type === 'DaemonCrash') return s.image !== null;
  return true;
}

export function enabledActions(p: CkptLogParams, s: CkptLogState): CkptLogAction[] {
  const out: CkptLogAction[] = [];
  for (const a of dmlogActions(p.dmlog, s.log)) if (logSideAllowed(p, s, a)) out.push({ ...a, side: 'log' });
  if (canChkptReq(s)) out.push({ side: 'blcr', type: 'ChkptReq' });
  if (canChkptCallback(s)) out.push({ side: 'blcr', type: 'ChkptCallback' });
  if (canHandChkpt(s)) out.push({ side: 'blcr', type: 'HandChkpt' });
  if (canHandDone(s)) out.push({ side: 'blcr', type: 'HandDone' });
  if (canRstrtReq(s)) out.push({ side: 'blcr', type: 'RstrtReq' });
  if (canRstrtChild(s)) out.push({ side: 'blcr', type: 'RstrtChild' });
  return out;
}

/** The dmlog action inside a log-side action. */
export function unwrap(a: LogSideAction): DmlogAction {
  const { side: _side, ...inner } = a;
  return inner as DmlogAction;
}
