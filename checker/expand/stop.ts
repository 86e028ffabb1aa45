/** Why the expansion loop stopped before its run was done: each strategy or thread turns it into its own result. */
import type { FoundState } from '../context/results.js';

export type Stop<S> =
  /** A new state breaks an invariant. */
  | { readonly kind: 'violation'; readonly found: FoundState; readonly name: string }
  /** State `id` has no enabled action and is not final. */
  | { readonly kind: 'deadlock'; readonly id: number; readonly state: S; readonly depth: number }
  /** The state bound: the store took in as many states as it may. */
  | { readonly kind: 'statesMax' }
  /** A worker's share of the shared table is used up (see parallel/worker-store.ts). */
  | { readonly kind: 'full' };

export const STOP_STATES_MAX: Stop<never> = { kind: 'statesMax' };
export const STOP_FULL: Stop<never> = { kind: 'full' };
