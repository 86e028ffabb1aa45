import type { Level } from './level.js';
import type { CheckResult } from './result.js';

/**
 * One step of BFS: expands states of `frontier` from position `from` (id `fromId`, at depth
 * `depth`) on, storing their new successors in `next`; how many states it expanded, or the
 * result that ends the search.
 */
export type Expansion<S, A> = (frontier: Level<S>, from: number, fromId: number, depth: number, next: Level<S>) => number | CheckResult<S, A>;
