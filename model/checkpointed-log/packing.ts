/**
 * The dictionary of a checkpointed-log state's packed form (the model's encode/decode are
 * model/packing.ts's `statePacker` over it): dmlog's for the log side (the daemon's image and
 * pending dump are dmlog records too), then the keys and phases of the BLCR lifecycles around it.
 */
import { dmlogWords } from '../dmlog/index.js';
import { fieldsOf, membersOf } from '../names.js';
import type { CkptLogParams } from './params.js';
import type { CheckpointLifecycle, CheckpointPhase, CkptLogState, Ghost, RestartPhase } from './state.js';

/** Keys and phases of the BLCR lifecycles around the log. */
const WORDS = [
  ...fieldsOf<CkptLogState>({ log: true, checkpoint: true, restart: true, image: true, ghost: true }),
  ...fieldsOf<CheckpointLifecycle>({ phase: true, pending: true, checkpointsLeft: true }),
  ...fieldsOf<Ghost>({ servedWhileFrozen: true, restoredCleaner: true, restored: true }),
  ...membersOf<CheckpointPhase>({ idle: true, triggered: true, called: true, dumped: true }),
  ...membersOf<RestartPhase>({ idle: true, restoring: true, deaf: true }),
];

/** The dictionary words of a checkpointed-log state under `p`: the log side's, then the lifecycles' keys and phases. */
export function ckptLogWords(p: CkptLogParams): string[] {
  return [...dmlogWords(p.dmlog), ...WORDS];
}
