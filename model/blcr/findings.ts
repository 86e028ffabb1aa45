/**
 * Findings: hazards BLCR 0.8.6 (0.8.6_b4, cr_module/ and libcr/) really has. Each one's `params`
 * switch the model to what 0.8.6 does at one place where the model's proposal (the default, so
 * `bug=none`) departs from it; `fix` is the proposal, which verifies clean under the same params.
 */
import type { FindingSpec } from '../contract.js';

export const FINDING_SPECS: readonly FindingSpec[] = [
  {
    name: 'request-timeout-ignored',
    breaks: 'requestTimeoutHonoured',
    source: 'BLCR 0.8.6_b4 cr_module/cr_chkpt_req.c chkpt_watchdog: past the cr_secs deadline it logs "timeout detected" and clears has_expiration (an XXX placeholder): no abort, no error; the cr_checkpoint man page (util/cr_checkpoint/cr_checkpoint.extraman, "Timeout") promises an error exit',
    params: { requestTimeout: true, onTimeout: 'log' },
    fix: { onTimeout: 'fail' },
  },
  {
    name: 'clone-not-enrolled',
    breaks: 'processSectionComplete',
    source: 'BLCR 0.8.6_b4 cr_module/cr_chkpt_req.c build_req/add_task: membership is fixed when CHKPT_REQ (or CHKPT_FWD) builds the request; a thread cloned before its parent takes the trigger gets no cr_task, is never signalled nor counted, runs during the dump and is missing from the process section (cr_dump_self.c cr_do_vmadump recounts only member tasks)',
    params: { threadCreate: true, cloneMidCheckpoint: 'ignore' },
    fix: { cloneMidCheckpoint: 'enrol' },
  },
  {
    name: 'early-reap-closes-handle',
    breaks: 'handleKeptUntilReaped',
    source: 'BLCR 0.8.6_b4 libcr/cr_request.c cr_reap_checkpoint: after CR_OP_CHKPT_REAP it closes the control fd and sets the handle to -1 unless errno is ENOTTY, EAGAIN included; include/libcr.h says an EAGAIN reap leaves the request incomplete and the handle valid',
    params: { earlyReap: true, earlyReapHandle: 'close' },
    fix: { earlyReapHandle: 'keep' },
  },
  {
    name: 'omit-mark-freed',
    breaks: 'forwardHygiene',
    source: 'BLCR 0.8.6_b4 cr_module/cr_chkpt_req.c release_proc_req frees a cr_chkpt_proc_req_t once its last task left (__delete_from_req) and no OMIT waiter holds it, and its omit mark with it; a later CHKPT_FWD (do_chkpt_fwd, lookup_proc_req) builds a fresh record without the mark and re-adds and re-triggers the omitted process (the bug 2526 guard in add_task only sees a live record)',
    params: { processes: 2, scope: 'pgrp', forward: true, abortKind: 'omit', threads: 1, callbacks: 'signal', omitMark: 'freed' },
    fix: { omitMark: 'kept' },
  },
  {
    name: 'late-forward-allowed',
    breaks: 'sharedStateQuiescent',
    source: 'BLCR 0.8.6_b4 libcr/cr_request.c cr_forward_checkpoint checks only that the thread is ACTIVE (CRI_CB_INFO_OR_RETURN), which still holds in the CONTINUE part of a callback, and cr_module/cr_chkpt_req.c do_chkpt_fwd only that the caller is a member; include/libcr.h forbids a forward after cr_checkpoint(). Tasks added then join after the preshared barrier opened and the files were saved',
    params: { processes: 2, forward: true, threads: 1, callbacks: 'signal', lateForward: 'allowed' },
    fix: { lateForward: 'refused' },
  },
  {
    name: 'stop-decided-by-last-thread',
    breaks: 'stopRestored',
    source: 'BLCR 0.8.6_b4 cr_module/cr_trigger.c do_trigger records cr_task->stopped = (task->state == TASK_STOPPED) per task when it sends that task its trigger (and wakes it); cr_module/cr_chkpt_req.c cr_signal_chkpt_complete_barrier sends SIGSTOP if the task that runs the pre_complete once-action had that flag. A SIGCONT between the triggers, or after them, leaves the flags mixed or stale, so whether the continued process is stopped again depends on which thread arrives last',
    params: { stopped: true, sigcont: true, stopDecision: 'lastThread' },
    fix: { stopDecision: 'groupStop' },
  },
  {
    name: 'restart-child-death-hangs',
    breaks: 'deadlock',
    source: 'BLCR 0.8.6_b4 cr_module/cr_rstrt_req.c do_rstrt_procs waits while the reader state is CHILD until a signal; rstrt_watchdog removes only attached tasks, or a request whose requester is gone; util/cr_restart/cr_restart.c leaves SIGCHLD at its default (discarded) while libcr/cr_request.c cr_request_restart loops on CR_OP_RSTRT_PROCS. A forked child that dies before RSTRT_CHILD leaves cr_restart blocked for ever (restartCompletion fails too)',
    params: { restart: true, restartFault: 'childDies', childDeath: 'ignored' },
    fix: { childDeath: 'interrupts' },
  },
];
