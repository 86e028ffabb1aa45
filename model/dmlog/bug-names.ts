/** The seeded bug names (values of the `bug` parameter besides 'none'); specs are in bugs.ts. */
export const BUG_NAMES = [
  'marks-before-clears',
  'dispatch-before-flush',
  'clear-while-pending',
  'reply-before-persist',
  'clear-ignores-sync',
  'dm-bit-power-of-two',
  'stale-reply-accepted',
  'no-recovery-stop-on-presuspend',
  'sync-count-unchecked',
  'recovery-ignores-pending',
  'no-remote-recovering-check',
  'secondary-checkpoint-imported',
] as const;

export type BugName = 'none' | (typeof BUG_NAMES)[number];
