/**
 * The product state: the dmlog state (kernel, netlink, daemon memory, disk log), the daemon's
 * BLCR checkpoint and restart lifecycles, the committed image (the daemon's memory at the dump
 * step), and ghost facts for the invariants.
 */
import { initialState as dmlogInitial, type DaemonLog, type DmlogState } from '../dmlog/index.js';
import type { CkptLogParams } from './params.js';

/**
 * The daemon's checkpoint (research blcr.md §2): `idle`; `triggered` after CR_OP_CHKPT_REQ
 * signalled its threads (they are in the checkpoint: the daemon serves nothing); `called` once
 * the callback thread's checkpoint callback ran and it entered CR_OP_HAND_CHKPT; `dumped` once the
 * handler thread's HAND_CHKPT wrote the process image (between the preshared and postdump
 * barriers); back to `idle` when HAND_DONE returns.
 */
export type CheckpointPhase = 'idle' | 'triggered' | 'called' | 'dumped';

export interface CheckpointLifecycle {
  readonly phase: CheckpointPhase;
  /** The image being written (the daemon's log at the dump step); committed by HAND_DONE. */
  readonly pending: DaemonLog | null;
  readonly checkpointsLeft: number;
}

/**
 * cr_restart (research blcr.md §2.9–2.10): `restoring` between RSTRT_REQ and the restored child's
 * RSTRT_CHILD; `deaf` once a stock daemon (no callbacks) runs again from its image: BLCR restores
 * no socket (blcr README, "Sockets"), so it holds its logs and never reads a request again.
 */
export type RestartPhase = 'idle' | 'restoring' | 'deaf';

export interface Ghost {
  /** A request was served while the daemon's threads were in a checkpoint. */
  readonly servedWhileFrozen: boolean;
  /** A restart handed the daemon a region clean in memory that the disk log held dirty. */
  readonly restoredCleaner: boolean;
  /** The running daemon was restarted from an image (cleared by the next crash). */
  readonly restored: boolean;
}

export interface CkptLogState {
  readonly log: DmlogState;
  readonly checkpoint: CheckpointLifecycle;
  readonly restart: RestartPhase;
  /** The committed context file: the daemon's log as the dump step saw it (null: no image yet). */
  readonly image: DaemonLog | null;
  readonly ghost: Ghost;
}

export function initialState(p: CkptLogParams): CkptLogState {
  return {
    log: dmlogInitial(p.dmlog),
    checkpoint: { phase: 'idle', pending: null, checkpointsLeft: p.checkpoints },
    restart: 'idle',
    image: null,
    ghost: { servedWhileFrozen: false, restoredCleaner: false, restored: false },
  };
}

/** BLCR holds the daemon's threads (triggered until HAND_DONE returns). */
export function isFrozen(s: CkptLogState): boolean {
  return s.checkpoint.phase !== 'idle';
}
