/**
 * Where a breadth-first search starts: from init(), or from a checkpoint, whose every saved state
 * must be one the saved table has seen (a snapshot of another model or of other parameters fails
 * here even where its header does not say so).
 */
import { InputError, messageOf } from '../../lib/index.js';
import { readSnapshot, type SavedPosition } from '../checkpoint/checkpoint.js';
import { restoreCounters, type SearchContext } from '../context/context.js';
import type { Stop } from '../expand/stop.js';
import type { Level, Levels } from '../store/level.js';
import { SequentialStore } from '../store/sequential-store.js';
import { storeRoots } from './sequential.js';

/** The store, the position, and the level to expand and the one being filled. */
export interface Start<S> extends SavedPosition {
  store: SequentialStore;
  frontier: Level<S>;
  next: Level<S>;
}

/** The initial states, stored and checked: level 0; or the violation among them. */
export function begin<S, A>(ctx: SearchContext<S, A>, levels: Levels<S>): Start<S> | { stop: Stop<S>; store: SequentialStore } {
  const store = SequentialStore.empty(ctx.options);
  const roots = storeRoots(ctx, store);
  if (!Array.isArray(roots)) return { stop: roots, store };
  const frontier = levels.create();
  for (const s of roots) frontier.push(s);
  return { store, level: 0, frontierStart: 0, expanded: 0, frontier, next: levels.create() };
}

/** Where a saved search stood, with its table, links and counters restored. */
export function resume<S, A>(ctx: SearchContext<S, A>, levels: Levels<S>): Start<S> {
  const from = ctx.options.resumeFrom!;
  const saved = readSnapshot(from, () => levels.create());
  const store = new SequentialStore(saved.table, saved.links, ctx.options);
  restoreCounters(ctx, saved.counters);
  for (const [name, level] of [['frontier', saved.frontier], ['next level', saved.next]] as const) {
    for (let i = 0; i < level.length; i++) {
      const where = `checkpoint ${from.file}: state ${i} of its ${name}`;
      let h;
      try {
        h = ctx.hasher.state(level.get(i), 'a saved state');
      } catch (err) {
        throw new InputError(`${where} is not a state of this model (${messageOf(err)})`);
      }
      // Compiled successors read the saved bytes themselves: they must be the ones encode() gives.
      if (ctx.hasher.compiled && !sameBytes(h.bytes as Uint8Array, level.savedAt(i))) throw new InputError(`${where} is not packed as this model packs it`);
      if (!store.has(h.hi, h.lo)) throw new InputError(`${where} is not in its seen table`);
    }
  }
  return { ...saved.position, store, frontier: saved.frontier, next: saved.next };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
