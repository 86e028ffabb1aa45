/**
 * The storage interface the expansion loop (expand/) works through, so that one loop serves the
 * sequential search (a growing table and parent links, sequential-store.ts) and the worker
 * threads (a table in shared memory and per-worker counts, parallel/worker-store.ts).
 */

/** `admit` answers with one of these, not an id, when the search must stop. */
export const STATES_MAX = -1;
/** A worker's chunk added more states than the shared table had room for: the search runs again in one thread. */
export const FULL = -2;

export interface StateStore {
  /** Adds the fingerprint (hi, lo) to the seen set; true when it was not there before. */
  add(hi: number, lo: number): boolean;
  /** True when the fingerprint (hi, lo) is in the seen set. */
  has(hi: number, lo: number): boolean;
  /** Reads the slot `add(hi, lo)` would probe first, to bring its cache line in early. */
  touch(hi: number, lo: number): number;
  /** Room for a batch of `successors` new states at most (the shared table cannot grow under the workers). */
  roomFor(successors: number): boolean;
  /** Takes in a new state, successor `k` of state `parent`: its id (>= 0), or STATES_MAX or FULL. */
  admit(parent: number, k: number): number;
  /** Whether the expansion of state `id` is audited (the model asked twice; on the packed route, compared with the compiled one). */
  auditsExpansion(id: number, packed: boolean): boolean;
  /** Whether state `id`, just admitted, has its packing audited. */
  auditsPacking(id: number): boolean;
}
