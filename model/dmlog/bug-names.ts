/** The seeded bug names (values of the `bug` parameter besides 'none'); specs are in bugs.ts. */
export const BUG_NAMES = [
  'marks-before-clears',
  'dispatch-before-flush',
  'clear-while-pending',
  'reply-before-persist',
  'flush-payload-ignored',
  'clear-ignores-sync',
  'dm-bit-power-of-two',
  'ctr-not-idempotent',
  'stale-reply-accepted',
  'no-recovery-stop-on-presuspend',
  'no-handle-errors',
  'sync-count-unchecked',
  'recovery-ignores-pending',
  'no-remote-recovering-check',
  'secondary-checkpoint-imported',
  'unknown-log-einval',
  'reconnect-loses-marks',
  'recovery-halted-local',
  'reconnect-resume-fails-open',
  'checkpoint-untouched',
] as const;

export type BugName = 'none' | (typeof BUG_NAMES)[number];
