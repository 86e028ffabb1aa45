/**
 * Liveness of the product: dmlog's L1 over the log side. Every actor is strongly fair (the
 * kernel's loops, the transport, the daemon, the table ioctls and BLCR's requester and
 * cr_restart), as in dmlog; faults stay bounded by faultsMax. A stock daemon restored without its
 * socket fails it: the kernel's reconnect loop meets -ESRCH forever.
 */
import type { LivenessProperty } from '../contract.js';
import type { CkptLogState } from './state.js';

export const liveness: Record<string, LivenessProperty<CkptLogState>> = {
  requestsComplete: {
    statement: 'L1: every kernel request eventually completes (a crashed daemon is eventually restarted; delivery is fair).',
    trigger: (s) => s.log.kernels.some((k) => k.waiter !== null),
    goal: (s) => s.log.kernels.every((k) => k.waiter === null),
    fairness: 'strong',
  },
};
