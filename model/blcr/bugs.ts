/**
 * Seeded bugs: each `bug=NAME` makes the model behave the way a real BLCR bug that an earlier
 * release fixed (NEWS, research §6.1) did. The hazards 0.8.6 itself still has are findings
 * (findings.ts), reproduced by parameters, not by `bug`.
 */
import type { BugSpec } from '../contract.js';

export const BUG_SPECS: readonly BugSpec[] = [
  {
    name: 'after-signal-at-postdump',
    breaks: 'afterSignalAtPreComplete',
    source: 'BLCR NEWS 0.6.2, bug 2201: post-checkpoint signal delivered before the checkpoint was complete (sent at postdump instead of the pre_complete once-action, cr_module/cr_chkpt_req.c)',
    params: { afterSignal: 'term' },
  },
  {
    name: 'forward-readds-omitted',
    breaks: 'forwardHygiene',
    source: 'BLCR NEWS 0.8.1, bug 2526: deadlock between OMIT and forward; TEMP/PERM aborts did not mark the process omit, so CHKPT_FWD re-added it (fix in cr_chkpt_abort)',
    params: { processes: 2, scope: 'pgrp', forward: true, abortKind: 'temp', threads: 1, callbacks: 'signal' },
  },
  {
    name: 'abort-use-after-free',
    breaks: 'requestLifetime',
    source: 'BLCR NEWS 0.6.5: use-after-free in the checkpoint-abort path (the aborting task\'s request reference dropped twice)',
    params: { abortKind: 'temp' },
  },
  {
    name: 'dead-target-hang',
    breaks: 'deadlock',
    source: 'BLCR NEWS 0.8.0, bug 2318: checkpoint hangs after SEGV (tests/cb_exit.c: a target exits or SEGVs in the CHECKPOINT part of a callback); seeded as a watchdog that does not advance a task that died in its callback, before HAND_CHKPT',
    params: { targetFault: 'die' },
  },
  {
    name: 'temp-failure-kills',
    breaks: 'tempFailureKillsNobody',
    source: 'BLCR NEWS 0.7.0, bug 2266: a process doing TEMP_FAILURE was killed',
    params: { abortKind: 'temp' },
  },
  {
    name: 'abort-no-advance',
    breaks: 'barrierAccounting',
    source: 'BLCR NEWS 0.6.2: deadlock and unkillable processes when a multi-threaded process aborts or omits itself (abort deleted the task without advance_to paying its barrier debts)',
    params: { abortKind: 'omit' },
  },
  {
    name: 'enter-cs-race',
    breaks: 'csExclusion',
    source: 'BLCR NEWS 0.6.2: race between cr_enter_cs and checkpoints in multi-threaded processes (outermost enter not refused while a checkpoint is live; libcr/cr_cs.c)',
    params: { criticalSections: true, callbacks: 'signal' },
  },
  {
    name: 'live-count-race',
    breaks: 'liveCountMatches',
    source: 'BLCR NEWS 0.7.0, bug 2214: race on cri_live_count (two threads leaving their handlers together lose a decrement)',
  },
  {
    name: 'restart-signal-before-callbacks',
    breaks: 'restartSignalAfterCallbacks',
    source: 'BLCR NEWS 0.7.0, bug 2216: the post-restart signal had to be moved after the callbacks (tests/stopped.c)',
    params: { restart: true, afterSignal: 'term' },
  },
];

/** The bug names, in table order. */
export const BUG_NAMES = [
  'after-signal-at-postdump', 'forward-readds-omitted', 'abort-use-after-free', 'dead-target-hang',
  'temp-failure-kills', 'abort-no-advance', 'enter-cs-race', 'live-count-race',
  'restart-signal-before-callbacks',
] as const;

/** `none` or one seeded bug. */
export type BugName = 'none' | (typeof BUG_NAMES)[number];
