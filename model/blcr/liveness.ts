/**
 * Research §5.2 liveness properties as data, which the checker decides under weak fairness (checker/liveness). Fairness
 * assumptions F1–F6 become the actors whose continuously enabled actions must fire.
 */
import type { LivenessProperty } from '../contract.js';
import type { BlcrParams } from './params.js';
import type { BlcrState } from './state.js';
import { restoredName, threadName } from './state.js';

/** Every target-thread actor (F1, F3), the kernel's signal delivery (F4) and the watchdog (F5). */
export function fairTargetActors(params: BlcrParams): string[] {
  const out: string[] = [];
  for (let p = 0; p < params.processes; p++) {
    const n = params.threads + (params.threadCreate && p === 0 ? 1 : 0);
    for (let t = 0; t < n; t++) out.push(threadName(p, t));
  }
  out.push('kernel', 'watchdog');
  return out;
}

/** The §5.2 properties. */
export function livenessProperties(params: BlcrParams): Record<string, LivenessProperty<BlcrState>> {
  const targets = fairTargetActors(params);
  const restored: string[] = [];
  for (let p = 0; p < params.processes; p++) for (let t = 0; t < params.threads + 1; t++) restored.push(restoredName(p, t));
  return {
    requestCompletion: {
      statement: 'Every request that CHKPT_REQ accepted eventually has an empty task set (§5.2.1).',
      trigger: (s) => s.req !== null && !s.req.freed && s.req.tasks > 0,
      goal: (s) => s.req === null || s.req.freed || s.req.tasks === 0,
      fairActors: targets,
    },
    requesterProgress: {
      statement: 'A requester waiting on its fd eventually wakes and reaps a non-EAGAIN result (§5.2.2).',
      trigger: (s) => s.requester.phase === 'pending',
      goal: (s) => s.requester.phase !== 'pending' && s.requester.phase !== 'readable',
      fairActors: [...targets, 'requester'],
    },
    deferredCheckpointTaken: {
      statement: 'A thread PENDING inside a critical section eventually becomes IDLE again (§5.2.3).',
      trigger: (s) => s.procs.some((proc) => proc.threads.some((th) => th.libcr === 'pending' && th.cs > 0)),
      goal: (s) => s.procs.every((proc) => proc.threads.every((th) => th.status !== 'live' || th.libcr === 'idle')),
      fairActors: [...targets, 'requester'],
    },
    phase1Wakeup: {
      statement: 'A PHASE1 thread in HAND_SUSP with a request pending eventually returns (§5.2.4).',
      trigger: (s) => s.procs.some((proc) => proc.threads.some((th) => th.pc === 'susp' && th.sig)),
      goal: (s) => s.procs.every((proc) => proc.threads.every((th) => !(th.pc === 'susp' && th.sig))),
      fairActors: targets,
    },
    barrierProgress: {
      statement: 'Every barrier a live task waits on inside HAND_CHKPT eventually opens (§5.2.5).',
      trigger: (s) => s.procs.some((proc) => proc.threads.some((th) => th.status === 'live' && th.pc === 'kernel')),
      goal: (s) => s.procs.every((proc) => proc.threads.every((th) => th.status !== 'live' || th.pc !== 'kernel')),
      fairActors: targets,
    },
    noPermanentHold: {
      statement: 'After a checkpoint every thread held at post_complete eventually resumes (§5.2.6).',
      trigger: (s) => s.procs.some((proc) => proc.threads.some((th) => th.status === 'live' && th.pc === 'hold')),
      goal: (s) => s.procs.every((proc) => proc.threads.every((th) => th.status !== 'live' || th.pc !== 'hold')),
      fairActors: targets,
    },
    restartCompletion: {
      statement: 'A restart eventually reads its trailer and is reaped, or fails back to cr_restart (§5.2.7).',
      trigger: (s) => s.restart !== null && s.restart.phase === 'awaitProcs',
      goal: (s) => s.restart === null || s.restart.phase === 'reaped' || s.restart.phase === 'failed',
      fairActors: ['restarter', ...restored],
    },
    csEntryNotStarved: {
      statement: 'Once no checkpoint is live in a process, its threads can enter critical sections again (§5.2.8).',
      trigger: (s) => s.procs.some((proc) => proc.live > 0),
      goal: (s) => s.procs.every((proc) => proc.live === 0),
      fairActors: [...targets, 'requester'],
    },
  };
}
