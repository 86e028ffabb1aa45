/**
 * L1–L8 (research §6.2), all checked by `sim check` after a clean safety check. Fairness is
 * strong: kmirrord's do_mirror loop gives every pending activity (recovery, writes, status) its
 * turn in each iteration, and the daemon and the transport serve whatever is queued, so an
 * activity that is possible again and again is eventually taken (weak fairness would let status
 * polling starve recovery, which the real loop cannot do). Faults of the disk and of a node's
 * power are never forced; the others are bounded by faultsMax. L2 and L4 hold while the device
 * stays active, so the table ioctls (dmsetup) are not assumed to happen for them.
 */
import type { LivenessProperty } from '../contract.js';
import type { DaemonLog, DmlogState, KernelNode } from './state.js';

const NODES = [0, 1, 2];
const MACHINE = NODES.flatMap((n) => [`kernel${n}`, `netlink${n}`, `daemon${n}`, `legs${n}`, `kcopyd${n}`]);
const ALL = [...MACHINE, ...NODES.map((n) => `dmsetup${n}`), 'cpg'];
const UNATTENDED = [...MACHINE, 'cpg'];

function resumedLogs(s: DmlogState): DaemonLog[] {
  return s.daemons.flatMap((d) => (d.up && d.log !== null && d.log.state === 'resumed' ? [d.log] : []));
}

/** Every device active with no writes to issue or in flight, no failure left to happen, the log healthy. */
function settled(s: DmlogState): boolean {
  const idle = (k: KernelNode): boolean => k.phase === 'active' && k.writesLeft === 0 && k.writes.length === 0 && !k.logFailed;
  return s.faultsLeft === 0 && !s.disk.failed && s.kernels.every(idle);
}

const someInactive = (s: DmlogState): boolean => s.kernels.some((k) => k.phase !== 'active');

export const liveness: Record<string, LivenessProperty<DmlogState>> = {
  requestsComplete: {
    statement: 'L1: every kernel request eventually completes (the daemon is eventually up; delivery is fair).',
    trigger: (s) => s.kernels.some((k) => k.waiter !== null),
    goal: (s) => s.kernels.every((k) => k.waiter === null),
    fairActors: ALL,
    fairness: 'strong',
  },
  mirrorEventuallyInSync: {
    statement: 'L2: with no further failures and no writes, the mirror becomes in sync: every resumed replica counts every region in sync (while the device stays active).',
    trigger: settled,
    goal: (s) => someInactive(s) || resumedLogs(s).every((l) => l.bits.syncCount === l.bits.sync.length),
    fairActors: UNATTENDED,
    fairness: 'strong',
  },
  delayedWritesDispatched: {
    statement: 'L3: every write delayed on a recovering region is eventually dispatched.',
    trigger: (s) => s.kernels.some((k) => k.writes.some((w) => w.stage === 'delayed')),
    goal: (s) => s.kernels.every((k) => k.writes.every((w) => w.stage !== 'delayed')),
    fairActors: ALL,
    fairness: 'strong',
  },
  idleRegionsBecomeClean: {
    statement: 'L4: with no further failures and no writes, every region in sync becomes clean on disk (while the device stays active).',
    trigger: settled,
    goal: (s) => someInactive(s) || resumedLogs(s).every((l) => l.bits.sync.every((x, r) => !x || s.disk.clean[r] === true)),
    fairActors: UNATTENDED,
    fairness: 'strong',
  },
  suspendCompletes: {
    statement: 'L5: every suspend that begins (presuspend) eventually completes (postsuspend).',
    trigger: (s) => s.kernels.some((k) => k.phase === 'presuspending' || k.phase === 'presuspended'),
    goal: (s) => s.kernels.every((k) => k.phase !== 'presuspending' && k.phase !== 'presuspended'),
    fairActors: ALL,
    fairness: 'strong',
  },
  joinerBecomesValid: {
    statement: 'L6: a joining node eventually becomes VALID.',
    trigger: (s) => s.daemons.some((d) => d.log?.cpg === 'invalid'),
    goal: (s) => s.daemons.every((d) => d.log?.cpg !== 'invalid'),
    fairActors: ALL,
    fairness: 'strong',
  },
  reconnectAfterRestart: {
    statement: 'L7: after the daemon dies and restarts, blocked requests complete via CTR + RESUME and the log is rebuilt from disk.',
    trigger: (s) => s.daemons.some((d) => !d.up),
    goal: (s) => s.daemons.every((d) => d.up) && s.kernels.every((k) => k.waiter === null),
    fairActors: ALL,
    fairness: 'strong',
  },
  serverChangeAnswered: {
    statement: 'L8: every request multicast to the group is eventually delivered and answered.',
    trigger: (s) => s.cluster.queue.length > 0,
    goal: (s) => s.cluster.queue.length === 0,
    fairActors: ALL,
    fairness: 'strong',
  },
};
